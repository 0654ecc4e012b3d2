import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  conversionsByYear,
  distributionByCollege,
  distributionByDiscipline,
  grantedRights,
  patentCountsByYear,
  patentFigures,
  validPatentsOn,
} from '../../../src-main/archive/figures'
import type { DB } from '../../../src-main/db/schema'
import { tempArchive } from '../helpers/temp'
import { collegeOf, expectedByKind, expectedConversions, expectedValid, isValidOn, ownedIds, PATENT, seedFixture } from './fixture'

const YEARS = [2022, 2023, 2024, 2025]

describe('patent figures (archive/figures.ts) against counts made from the inserted rows', () => {
  it('applications by filing date and grants by grant date, per kind, university-owned patents only', async () => {
    const archive = await tempArchive()
    const fx = seedFixture(archive)
    const apps = await patentCountsByYear(archive.db, 'filing', 2021, 2025)
    const grants = await patentCountsByYear(archive.db, 'grant', 2021, 2025)
    expect(apps.map((r) => r.year)).toEqual([2021, 2022, 2023, 2024, 2025])
    for (const row of apps) expect(row.counts, `applications ${row.year}`).toEqual(expectedByKind(fx, 'filing', row.year))
    for (const row of grants) expect(row.counts, `grants ${row.year}`).toEqual(expectedByKind(fx, 'grant', row.year))
    // The fixture is not trivial: every year has grants of at least two kinds.
    for (const row of grants) expect(Object.values(row.counts).filter((n) => n > 0).length).toBeGreaterThan(2)
  })

  it('valid patents on 31 December: granted by then, term not over, not lapsed by then', async () => {
    const archive = await tempArchive()
    const fx = seedFixture(archive)
    for (const year of YEARS) {
      const day = `${year}-12-31`
      expect(await validPatentsOn(archive.db, day), day).toEqual(expectedValid(fx, day))
    }
    // The cases the rule distinguishes are all present in the fixture.
    const day = '2023-12-31'
    const granted = fx.assets.filter((a) => a.owned && a.kind !== 'software' && a.grant && a.grant <= day)
    expect(granted.some((a) => a.status === 'lapsed' && a.statusDate && a.statusDate > day && isValidOn(a, day))).toBe(true)
    expect(granted.some((a) => a.status === 'lapsed' && a.statusDate && a.statusDate <= day)).toBe(true)
    expect(granted.some((a) => a.status === 'lapsed' && !a.statusDate)).toBe(true)
    expect(granted.some((a) => a.expiry && a.expiry < day && a.status !== 'lapsed')).toBe(true)
  })

  it('a right lapsed on 31 December itself is no longer valid that day; lapsed the day after still is', async () => {
    const archive = await tempArchive()
    const at = '2025-01-01T00:00:00Z'
    const insert = archive.sqlite.prepare(
      `INSERT INTO ip_asset (kind, app_no, filing_date, grant_date, title, university_owned, status_group, status_date, expiry_date, created_at, updated_at)
       VALUES ('invention', ?, '2015-03-01', '2018-06-01', 't', 1, ?, ?, ?, ?, ?)`,
    )
    insert.run('A1', 'lapsed', '2024-12-31', '2035-02-28', at, at)
    insert.run('A2', 'lapsed', '2025-01-01', '2035-02-28', at, at)
    insert.run('A3', 'valid', '2018-06-01', '2024-12-31', at, at) // last protected day is 31 December
    insert.run('A4', 'valid', '2018-06-01', '2024-12-30', at, at) // term ended the day before
    insert.run('A5', 'pending', null, null, at, at)
    expect((await validPatentsOn(archive.db, '2024-12-31')).invention).toBe(3)
  })

  it('conversions per year by contract date: counts and amounts in 元, open licences by stage, pledges left out', async () => {
    const archive = await tempArchive()
    const fx = seedFixture(archive)
    const rows = await conversionsByYear(archive.db, 2022, 2025)
    for (const row of rows) expect(row, String(row.year)).toEqual({ year: row.year, ...expectedConversions(fx, row.year) })
    const all = rows.reduce((n, r) => n + r.transfer.count + r.license.count + r.openLicense.published + r.openLicense.implemented + r.equity.count, 0)
    expect(all).toBeGreaterThan(10)
  })

  it('distribution by college: the right’s college, else its first confirmed inventor’s', async () => {
    const archive = await tempArchive()
    const fx = seedFixture(archive)
    const year = 2024
    const day = `${year}-12-31`
    const { rows, total } = await distributionByCollege(archive.db, year)
    const patents = fx.assets.filter((a) => a.owned && a.kind !== 'software')
    const owned = ownedIds(fx)
    const expected = new Map<string, { applications: number; grants: number; valid: number; conversions: number }>()
    const bump = (college: string, field: 'applications' | 'grants' | 'valid' | 'conversions') => {
      const entry = expected.get(college) ?? { applications: 0, grants: 0, valid: 0, conversions: 0 }
      entry[field]++
      expected.set(college, entry)
    }
    for (const a of patents) {
      if (a.filing?.startsWith(`${year}-`)) bump(collegeOf(fx, a), 'applications')
      if (a.grant?.startsWith(`${year}-`)) bump(collegeOf(fx, a), 'grants')
      if (isValidOn(a, day)) bump(collegeOf(fx, a), 'valid')
    }
    for (const c of fx.conversions) {
      if (!owned.has(c.assetId) || c.kind === 'pledge' || !(c.date ?? c.start)?.startsWith(`${year}-`)) continue
      bump(collegeOf(fx, fx.assets.find((a) => a.id === c.assetId)!), 'conversions')
    }
    expect(rows.length).toBe(expected.size)
    for (const row of rows) {
      const { key, label, ...measures } = row
      expect(measures, key).toEqual(expected.get(key))
      expect(label).toBe(key === '' ? '未填写院系' : key)
    }
    expect(rows[rows.length - 1]!.key).toBe('') // "unknown" last
    expect(total.grants).toBe(expectedByKind(fx, 'grant', year).total)
    expect(total.valid).toBe(expectedValid(fx, day).total)
    // Blank colleges really were filled from an inventor in the fixture.
    expect(patents.some((a) => a.college === '' && collegeOf(fx, a) !== '')).toBe(true)
  })

  it('distribution by discipline: every linked discipline by name, a distinct total, unlinked rights apart', async () => {
    const archive = await tempArchive()
    const fx = seedFixture(archive)
    const year = 2023
    const { rows, total } = await distributionByDiscipline(archive.db, year)
    const patents = fx.assets.filter((a) => a.owned && a.kind !== 'software')
    for (const row of rows) {
      const members = patents.filter((a) => (row.key === '' ? a.disciplines.length === 0 : a.disciplines.includes(row.key)))
      expect(row.grants, row.key).toBe(members.filter((a) => a.grant?.startsWith(`${year}-`)).length)
      expect(row.applications, row.key).toBe(members.filter((a) => a.filing?.startsWith(`${year}-`)).length)
      expect(row.valid, row.key).toBe(members.filter((a) => isValidOn(a, `${year}-12-31`)).length)
    }
    expect(rows.find((r) => r.key === '0812')?.label).toBe('计算机科学与技术')
    expect(rows.find((r) => r.key === '0854')?.label).toBe('电子信息')
    expect(rows.find((r) => r.key === '')?.label).toBe('未关联学科')
    expect(total.grants).toBe(expectedByKind(fx, 'grant', year).total)
    expect(rows.reduce((n, r) => n + r.grants, 0)).toBeGreaterThan(total.grants) // some rights have two disciplines
  })

  it('the grant list: every university patent granted in the year, inventors in rank order, college', async () => {
    const archive = await tempArchive()
    const fx = seedFixture(archive)
    const list = await grantedRights(archive.db, 2024)
    const expected = fx.assets
      .filter((a) => a.owned && a.kind !== 'software' && a.grant?.startsWith('2024-'))
      .sort((x, y) => (x.grant! < y.grant! ? -1 : x.grant! > y.grant! ? 1 : x.appNo < y.appNo ? -1 : 1))
    expect(list.map((g) => g.appNo)).toEqual(expected.map((a) => a.appNo))
    for (const [i, g] of list.entries()) {
      const a = expected[i]!
      expect(g).toEqual({
        assetId: a.id,
        grantNo: a.grantNo,
        appNo: a.appNo,
        title: a.title,
        kind: a.kind,
        filingDate: a.filing,
        grantDate: a.grant,
        inventors: a.inventors.map((inv) => inv.name).join('、'),
        college: collegeOf(fx, a),
      })
    }
    expect(await grantedRights(archive.db, 2024, 5)).toEqual(list.slice(0, 5))
  })

  it('patentFigures puts it together for year−2..year; an empty archive gives zeros, not an error', async () => {
    const archive = await tempArchive()
    const empty = await patentFigures(archive.db, 2025)
    expect(empty.years).toEqual([2023, 2024, 2025])
    expect(empty.grants.map((r) => r.counts.total)).toEqual([0, 0, 0])
    expect(empty.valid.total).toBe(0)
    expect(empty.byCollege).toEqual([])
    expect(empty.grantList).toEqual([])
    const fx = seedFixture(archive)
    const figures = await patentFigures(archive.db, 2025, { grantListLimit: 3 })
    expect(figures.grants.map((r) => r.counts)).toEqual([2023, 2024, 2025].map((y) => expectedByKind(fx, 'grant', y)))
    expect(figures.grantList.length).toBe(3)
    expect(figures.grantListTotal).toBe(expectedByKind(fx, 'grant', 2025).total)
    expect(PATENT.every((k) => figures.valid[k] === expectedValid(fx, '2025-12-31')[k])).toBe(true)
  })
})

describe('query plans', () => {
  /** Every statement the figures module runs, captured through Kysely's log hook, then EXPLAINed. */
  async function plans(run: (db: Kysely<DB>) => Promise<unknown>, options: { analyze?: boolean } = {}): Promise<string[]> {
    const archive = await tempArchive()
    seedFixture(archive, 3, options.analyze ? 4000 : 50)
    // Without statistics (a fresh archive) and with them (after PRAGMA optimize on a real-sized one).
    if (options.analyze) archive.sqlite.exec('ANALYZE')
    const queries: CompiledQuery[] = []
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: archive.sqlite }), log: (event) => void queries.push(event.query) })
    await run(db)
    return queries.map((q) =>
      (archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | '),
    )
  }

  it('applications and grants are index-only scans of the report indexes', async () => {
    const [apps] = await plans((db) => patentCountsByYear(db, 'filing', 2023, 2025))
    expect(apps).toMatch(/USING COVERING INDEX ip_asset_report_filing \(university_owned=\? AND kind=\? AND filing_date>\? AND filing_date<\?\)/)
    const [grants] = await plans((db) => patentCountsByYear(db, 'grant', 2023, 2025))
    expect(grants).toMatch(/USING COVERING INDEX ip_asset_report_grant \(university_owned=\? AND kind=\? AND grant_date>\? AND grant_date<\?\)/)
  })

  it('valid patents read only the grant index (no table rows)', async () => {
    const [valid] = await plans((db) => validPatentsOn(db, '2024-12-31'))
    expect(valid).toMatch(/USING COVERING INDEX ip_asset_report_grant \(university_owned=\? AND kind=\? AND grant_date<\?\)/)
    expect(valid).not.toMatch(/SCAN a\b(?! USING)/)
  })

  it('conversions go through the kind/date index and the asset primary key', async () => {
    const [conversions] = await plans((db) => conversionsByYear(db, 2023, 2025))
    expect(conversions).toMatch(/SEARCH c USING INDEX conversion_kind_date \(kind=\? AND contract_date>\? AND contract_date<\?\)/)
    expect(conversions).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
  })

  it('the grant list searches the grant index and the inventors by primary key', async () => {
    const [list] = await plans((db) => grantedRights(db, 2024))
    expect(list).toMatch(/SEARCH a USING INDEX ip_asset_report_grant \(university_owned=\? AND kind=\? AND grant_date>\? AND grant_date<\?\)/)
    expect(list).toMatch(/SEARCH ai USING PRIMARY KEY \(asset_id=\?\)/)
  })

  it('with table statistics of a real-sized archive the plans stay on the same indexes', async () => {
    const all = await plans(async (db) => {
      await patentCountsByYear(db, 'filing', 2023, 2025)
      await patentCountsByYear(db, 'grant', 2023, 2025)
      await validPatentsOn(db, '2024-12-31')
      await conversionsByYear(db, 2023, 2025)
    }, { analyze: true })
    // With statistics SQLite may prefer the archive's filter index (a skip-scan over the few status
    // groups): also covering and bounded by the filing-date range, so just as cheap.
    expect(all[0]).toMatch(/SEARCH a USING COVERING INDEX (ip_asset_report_filing|ip_asset_filter_cover) \(.*filing_date>\? AND filing_date<\?\)/)
    expect(all[1]).toMatch(/COVERING INDEX ip_asset_report_grant/)
    expect(all[2]).toMatch(/COVERING INDEX ip_asset_report_grant/)
    expect(all[3]).toMatch(/SEARCH c USING INDEX conversion_kind_date/)
  })

  it('no figure query scans a whole table', async () => {
    const all = await plans(async (db) => {
      await distributionByCollege(db, 2024)
      await distributionByDiscipline(db, 2024)
    })
    expect(all.length).toBeGreaterThan(4)
    for (const plan of all) expect(plan).not.toMatch(/\bSCAN (a|c|ip_asset|conversion)\b(?! USING)/)
  })
})
