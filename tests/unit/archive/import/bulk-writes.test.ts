import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ResearcherIndex, type LinkResearcher } from '../../../../src-main/archive/linking/match'
import { SYNTHETIC_COLUMNS, syntheticPatentRow } from '../../../../src-main/archive/import/synthetic'
import type { Archive } from '../../../../src-main/db/connection'
import { tempDir } from '../../helpers/temp'
import { importFile, own, rows, universityArchive, UNIVERSITY, writeSyntheticRows } from './helpers'

// The import's bulk-write shortcuts must leave exactly what the row-by-row path would: the search queue
// it fills itself (search-queue.ts) against the triggers it sets aside, and the remembered link decisions
// (ResearcherIndex) against deciding afresh.

const INVENTORS = SYNTHETIC_COLUMNS.findIndex((c) => c.header === '发明（设计）人')

/**
 * Rows `from`…`to` of the synthetic list. First version: rows divisible by 5 name no inventor. Changed
 * version: every row names its inventors, rows divisible by 3 another list.
 */
async function writeList(path: string, from: number, to: number, changed = false): Promise<void> {
  const data: (string | Date | null)[][] = []
  for (let i = from; i < to; i++) {
    const row = syntheticPatentRow(i, UNIVERSITY)
    if (changed && i % 3 === 0) row[INVENTORS] = `王伟;${String(row[INVENTORS])};李娜`
    if (!changed && i % 5 === 0) row[INVENTORS] = null
    data.push(row)
  }
  await writeSyntheticRows(path, data)
}

const triggers = (archive: Archive) => rows<{ name: string; sql: string }>(archive, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
const pending = (archive: Archive) => rows<{ asset_id: number }>(archive, 'SELECT asset_id FROM asset_search_pending ORDER BY asset_id').map((r) => r.asset_id)

/** Recreate the two insert triggers with a harmless extra clause: the import then leaves them to fire. */
function keepTriggersFiring(archive: Archive): void {
  archive.sqlite.exec(`
    DROP TRIGGER ip_asset_search_insert;
    CREATE TRIGGER ip_asset_search_insert AFTER INSERT ON ip_asset FOR EACH ROW BEGIN
      INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.id);
    END;
    DROP TRIGGER asset_inventor_search_insert;
    CREATE TRIGGER asset_inventor_search_insert AFTER INSERT ON asset_inventor FOR EACH ROW BEGIN
      INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.asset_id);
    END;`)
}

describe('the search queue during an import', () => {
  it('holds the same assets as when its triggers fire row by row, and the triggers come back exactly as declared', async () => {
    const dir = tempDir()
    const first = join(dir, 'first.xlsx')
    const second = join(dir, 'second.xlsx')
    await writeList(first, 0, 2600)
    // Half of the second list is already in the archive, a third of that with other inventors.
    await writeList(second, 1300, 3900, true)

    const outcomes: unknown[] = []
    for (const firing of [false, true]) {
      const archive = await universityArchive()
      await importFile(archive, 'researchers', own('roster.xlsx'))
      if (firing) keepTriggersFiring(archive)
      const before = triggers(archive)
      const steps: unknown[] = []
      for (const file of [first, second]) {
        // As if a search had just indexed everything: the queue then holds only what the import changed.
        archive.sqlite.exec('DELETE FROM asset_search_pending')
        const summary = await importFile(archive, 'patents', file, { skipInvalid: false })
        expect(summary.written).toBe(true)
        expect(triggers(archive)).toEqual(before)
        steps.push({ inserted: summary.inserted, updated: summary.updated, pending: pending(archive) })
      }
      steps.push(rows(archive, 'SELECT asset_id, rank, raw_name, link_state, candidates FROM asset_inventor ORDER BY asset_id, rank'))
      expect(archive.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      outcomes.push(steps)
      await archive.close()
    }
    expect(outcomes[0]).toEqual(outcomes[1])
    const [firstStep, secondStep] = outcomes[0] as { inserted: number; updated: number; pending: number[] }[]
    expect(firstStep!.inserted).toBe(2600)
    expect(firstStep!.pending).toHaveLength(2600)
    // The new assets and the existing ones whose inventors changed (rows 1302, 1305 … 2598: 433) or
    // were first given (rows 1300, 1305 … 2595 less those: 260 - 87), or whose searchable text changed;
    // not the others.
    expect(secondStep!.inserted).toBe(1300)
    expect(secondStep!.pending.length).toBeGreaterThanOrEqual(1300 + 433 + 173)
    expect(secondStep!.pending.length).toBeLessThan(2600)
  })

  it('a refused import and a dry run leave the triggers in place', async () => {
    const archive = await universityArchive()
    const before = triggers(archive)
    const file = join(tempDir(), 'list.xlsx')
    await writeList(file, 0, 50)
    const dry = await importFile(archive, 'patents', file, { dryRun: true })
    expect(dry.inserted).toBe(50)
    expect(triggers(archive)).toEqual(before)
    const refused = await importFile(archive, 'patents', own('bad_rows.csv'), { skipInvalid: false })
    expect(refused.written).toBe(false)
    expect(refused.errors.length).toBeGreaterThan(0)
    expect(triggers(archive)).toEqual(before)
    expect(pending(archive)).toEqual([])
    await archive.close()
  })
})

describe('remembered link decisions', () => {
  it('answer exactly as deciding afresh, whatever the order of the questions', () => {
    const colleges = ['计算机学院', '材料学院', '机械学院', '']
    const names = ['王伟', '李娜', '陈静', '赵强', '张敏']
    const roster: LinkResearcher[] = []
    let id = 1
    for (const name of names) {
      for (let k = 0; k < 4; k++) {
        const dated = (id + k) % 3 === 0
        roster.push({
          id: id++,
          name: k === 3 ? `${name.slice(0, 1)} ${name.slice(1)}` : name,
          college: colleges[k % 3]!,
          disciplineCode: null,
          joinedOn: dated ? `${2008 + k}-03-01` : null,
          leftOn: dated && k % 2 ? `${2016 + k}-06-30` : null,
        })
      }
      if (name === '张敏') roster.splice(roster.length - 3, 3) // one 张敏 only: confirmable
    }
    const remembered = new ResearcherIndex(roster)
    let state = 7
    const next = (n: number) => (state = (state * 48271) % 2147483647) % n
    for (let q = 0; q < 3000; q++) {
      const name = names[next(names.length)]!
      const context = {
        universityOwned: next(10) > 0,
        college: colleges[next(colleges.length)]!,
        filingDate: next(5) === 0 ? null : `${2004 + next(20)}-0${1 + next(9)}-15`,
      }
      expect(remembered.decide(name, context)).toEqual(new ResearcherIndex(roster).decide(name, context))
    }
  })
})

describe('inventor rows written in multi-row statements', () => {
  /** Row i of the synthetic list, naming other inventors. */
  const renamed = (i: number) => {
    const row = syntheticPatentRow(i, UNIVERSITY)
    row[INVENTORS] = '王伟;李娜'
    return row
  }

  it('a number repeated later in the same file sees the inventors written so far, held back or not', async () => {
    // 150 new assets (~450 inventor rows: several full statements, and a remainder still held back when
    // the repeats come), then row 149 again (its inventors still held back) and row 3 (long written),
    // both naming other inventors. One file must leave exactly what two files (nothing held across) do.
    const dir = tempDir()
    const first = Array.from({ length: 150 }, (_, i) => syntheticPatentRow(i, UNIVERSITY))
    const repeats = [renamed(149), renamed(3)]
    const oneFile = join(dir, 'one.xlsx')
    const firstFile = join(dir, 'first.xlsx')
    const secondFile = join(dir, 'second.xlsx')
    await writeSyntheticRows(oneFile, [...first, ...repeats])
    await writeSyntheticRows(firstFile, first)
    await writeSyntheticRows(secondFile, repeats)

    const states: unknown[][] = []
    for (const files of [[oneFile], [firstFile, secondFile]]) {
      const archive = await universityArchive()
      await importFile(archive, 'researchers', own('roster.xlsx'))
      for (const file of files) expect((await importFile(archive, 'patents', file, { skipInvalid: false })).written).toBe(true)
      states.push([
        rows(archive, 'SELECT a.app_no, i.rank, i.raw_name, i.researcher_id, i.link_state, i.candidates FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id ORDER BY a.app_no, i.rank'),
        rows(archive, 'SELECT a.app_no, d.discipline_code, d.source FROM asset_discipline d JOIN ip_asset a ON a.id = d.asset_id ORDER BY 1, 2'),
      ])
      await archive.close()
    }
    expect(states[0]).toEqual(states[1])
    const inventors = states[0]![0] as { app_no: string; raw_name: string }[]
    expect(inventors.length).toBeGreaterThan(3 * 64)
    for (const repeat of repeats) expect(inventors.filter((r) => r.app_no === repeat[0]).map((r) => r.raw_name)).toEqual(['王伟', '李娜'])
  })
})
