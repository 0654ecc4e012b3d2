import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { syntheticPatentRow } from '../../../../src-main/archive/import/synthetic'
import { loadResearcherIndex, relinkInventors } from '../../../../src-main/archive/linking/engine'
import { candidatesJson, personKey, ResearcherIndex, type LinkResearcher } from '../../../../src-main/archive/linking/match'
import { tempDir } from '../../helpers/temp'
import { importFile, one, own, rows, universityArchive, UNIVERSITY, writeSyntheticRows } from './helpers'

const R = (id: number, name: string, college: string, joinedOn: string | null = null, leftOn: string | null = null): LinkResearcher => ({
  id,
  name,
  college,
  disciplineCode: null,
  joinedOn,
  leftOn,
})

describe('ResearcherIndex.decide', () => {
  const index = new ResearcherIndex([
    R(1, '王伟', '计算机学院'),
    R(2, '王伟', '材料学院'),
    R(3, '李娜', '材料学院', '2010-03-01'),
    R(4, '陈静', '材料学院', '2005-07-01', '2015-06-30'),
    R(5, '赵强', '机械学院', '2024-01-01'),
    R(6, '阿卜杜·热合曼', '化学学院'),
  ])
  const owned = { universityOwned: true, college: '', filingDate: '2023-01-01' }

  it('links only rights the university holds', () => {
    expect(index.decide('李娜', { ...owned, universityOwned: false })).toEqual({ state: 'external', researcherId: null, candidates: [] })
  })

  it('a single name match is suggested; with the same college it is confirmed', () => {
    expect(index.decide('李娜', owned)).toEqual({ state: 'suggested', researcherId: 3, candidates: [] })
    expect(index.decide('李娜', { ...owned, college: '材料学院' })).toEqual({ state: 'confirmed', researcherId: 3, candidates: [] })
    // A college that matches none of the candidates says nothing (exports often use older college names).
    expect(index.decide('李娜', { ...owned, college: '新材料研究院' })).toEqual({ state: 'suggested', researcherId: 3, candidates: [] })
  })

  it('namesakes are never linked silently: ambiguous with candidates, or suggested when the college narrows them to one', () => {
    expect(index.decide('王伟', owned)).toEqual({ state: 'ambiguous', researcherId: null, candidates: [1, 2] })
    expect(index.decide('王伟', { ...owned, college: '材料学院' })).toEqual({ state: 'suggested', researcherId: 2, candidates: [] })
    expect(index.decide('王 伟', { ...owned, college: '计算机学院' })).toEqual({ state: 'suggested', researcherId: 1, candidates: [] })
  })

  it('filing dates against joined/left dates: before joining or more than a year after leaving is external', () => {
    expect(index.decide('赵强', { ...owned, filingDate: '2023-12-31' }).state).toBe('external')
    expect(index.decide('赵强', { ...owned, filingDate: '2024-01-01' }).state).toBe('suggested')
    expect(index.decide('陈静', { ...owned, filingDate: '2016-06-30' }).state).toBe('suggested')
    expect(index.decide('陈静', { ...owned, filingDate: '2016-07-01' }).state).toBe('external')
    expect(index.decide('陈静', { ...owned, filingDate: null }).state).toBe('suggested')
    expect(index.decide('张三', owned).state).toBe('external')
  })

  it('folds blanks, full-width letters and middle dots of names', () => {
    expect(personKey('阿卜杜•热合曼')).toBe(personKey('阿卜杜·热合曼'))
    expect(index.decide('阿卜杜.热合曼', owned)).toEqual({ state: 'suggested', researcherId: 6, candidates: [] })
  })
})

describe('linking during and after imports', () => {
  const ids = async (archive: Awaited<ReturnType<typeof universityArchive>>) =>
    Object.fromEntries(rows<{ staff_no: string; id: number }>(archive, 'SELECT staff_no, id FROM researcher').map((r) => [r.staff_no, r.id]))

  function links(archive: Awaited<ReturnType<typeof universityArchive>>) {
    return Object.fromEntries(
      rows<{ title: string; link_state: string; researcher_id: number | null; candidates: string }>(
        archive,
        'SELECT a.title, i.link_state, i.researcher_id, i.candidates FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id ORDER BY a.app_no',
      ).map((r) => [r.title, [r.link_state, r.researcher_id, JSON.parse(r.candidates) as number[]]]),
    )
  }

  it('namesakes with and without the college column, dates and holders (namesakes.xlsx against roster.xlsx)', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    const id = await ids(archive)
    const summary = await importFile(archive, 'patents', own('namesakes.xlsx'), { skipInvalid: false })
    expect(summary.links).toEqual({ confirmed: 1, suggested: 3, ambiguous: 1, external: 2 })
    expect(links(archive)).toEqual({
      学院为计算机学院的王伟: ['suggested', id['2008001'], []],
      学院为材料学院的王伟: ['suggested', id['2012015'], []],
      没有学院的王伟: ['ambiguous', null, [id['2008001'], id['2012015']]],
      没有学院的李娜: ['suggested', id['2010002'], []],
      学院相符的李娜: ['confirmed', id['2010002'], []],
      外校的李娜: ['external', null, []],
      入职前的赵强: ['external', null, []],
    })
  })

  it('a roster imported later resolves external links, without touching confirmed or manually settled ones', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'patents', own('namesakes.xlsx'))
    expect(one(archive, "SELECT count(*) AS n FROM asset_inventor WHERE link_state <> 'external'")).toEqual({ n: 0 })

    const roster = await importFile(archive, 'researchers', own('roster.xlsx'), { skipInvalid: false })
    expect(roster.relinked).toBe(5)
    const id = await ids(archive)
    expect(links(archive)['没有学院的王伟']).toEqual(['ambiguous', null, [id['2008001'], id['2012015']]])
    expect(links(archive)['学院相符的李娜']).toEqual(['confirmed', id['2010002'], []])

    // A librarian confirms the ambiguous 王伟 as the computer scientist, and marks 没有学院的李娜's inventor as
    // somebody else (a student): a manual 'external'.
    archive.sqlite
      .prepare("UPDATE asset_inventor SET link_state = 'confirmed', researcher_id = ?, candidates = '[]' WHERE asset_id = (SELECT id FROM ip_asset WHERE title = '没有学院的王伟')")
      .run(id['2008001'])
    archive.sqlite
      .prepare("UPDATE asset_inventor SET link_state = 'external', researcher_id = NULL, link_source = 'manual' WHERE asset_id = (SELECT id FROM ip_asset WHERE title = '没有学院的李娜')")
      .run()
    // A third 王伟 joins the computer college: the suggested link of the computer-college patent becomes ambiguous.
    archive.sqlite
      .prepare("INSERT INTO researcher (staff_no, name, college, created_at, updated_at) VALUES ('2023999', '王伟', '计算机学院', 'x', 'x')")
      .run()
    const result = relinkInventors(archive.sqlite, { names: new Set([personKey('王伟')]) })
    expect(result.changed).toBe(1)
    const after = links(archive)
    const newId = (one(archive, "SELECT id FROM researcher WHERE staff_no = '2023999'") as { id: number }).id
    expect(after['学院为计算机学院的王伟']).toEqual(['ambiguous', null, [id['2008001'], newId]])
    expect(after['没有学院的王伟']).toEqual(['confirmed', id['2008001'], []])
    expect(after['没有学院的李娜']).toEqual(['external', null, []])
    // Re-importing the patent list keeps both settled links too.
    await importFile(archive, 'patents', own('namesakes.xlsx'))
    expect(links(archive)['没有学院的王伟']).toEqual(['confirmed', id['2008001'], []])
    expect(links(archive)['没有学院的李娜']).toEqual(['external', null, []])
  })

  it('a long list writes every inventor as decided, in rank order: linked, ambiguous and external rows alike', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    // 150 rows, 375 inventors: more than one 64-row statement of each of the linker's two row forms
    // (plain external rows are written with three values, the others with seven) and a remainder of each.
    const file = join(tempDir(), 'mixed-inventors.xlsx')
    await writeSyntheticRows(
      file,
      Array.from({ length: 150 }, (_, i) => {
        const row = syntheticPatentRow(i, UNIVERSITY)
        row[6] = i % 2 ? `李娜;外校学生${i};王伟` : `外校学生${i};合作单位${i}`
        return row
      }),
    )
    await importFile(archive, 'patents', file, { skipInvalid: false })

    const index = loadResearcherIndex(archive.sqlite)
    const written = rows<{ rank: number; raw_name: string; researcher_id: number | null; link_state: string; candidates: string; link_source: string; college: string; filing_date: string; university_owned: number }>(
      archive,
      `SELECT i.rank, i.raw_name, i.researcher_id, i.link_state, i.candidates, i.link_source, a.college, a.filing_date, a.university_owned
         FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id ORDER BY a.app_no, i.rank`,
    )
    expect(written).toHaveLength(375)
    const states = new Set<string>()
    for (const w of written) {
      const d = index.decide(w.raw_name, { universityOwned: w.university_owned === 1, college: w.college, filingDate: w.filing_date })
      expect([w.raw_name, w.researcher_id, w.link_state, w.candidates, w.link_source]).toEqual([w.raw_name, d.researcherId, d.state, candidatesJson(d), 'auto'])
      states.add(w.link_state)
    }
    expect([...states].sort()).toEqual(['ambiguous', 'confirmed', 'external', 'suggested'])
    const ranks = rows<{ names: string }>(archive, "SELECT group_concat(raw_name, ';') AS names FROM (SELECT asset_id, raw_name FROM asset_inventor ORDER BY asset_id, rank) GROUP BY asset_id ORDER BY asset_id")
    expect(ranks.slice(0, 2).map((r) => r.names)).toEqual(['外校学生0;合作单位0', '李娜;外校学生1;王伟'])
  })

  it("derives asset disciplines from linked researchers' disciplines and never removes manual ones", async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    await importFile(archive, 'patents', own('namesakes.xlsx'))
    const disciplines = (title: string) =>
      rows<{ discipline_code: string; source: string }>(
        archive,
        'SELECT d.discipline_code, d.source FROM asset_discipline d JOIN ip_asset a ON a.id = d.asset_id WHERE a.title = ? ORDER BY d.discipline_code',
        title,
      )
    expect(disciplines('学院相符的李娜')).toEqual([{ discipline_code: '0805', source: 'derived' }])
    expect(disciplines('学院为计算机学院的王伟')).toEqual([{ discipline_code: '0812', source: 'derived' }])
    expect(disciplines('没有学院的王伟')).toEqual([]) // ambiguous: no researcher, no discipline
    // A librarian adds a discipline by hand; the roster then moves 李娜 to chemical engineering.
    archive.sqlite
      .prepare("INSERT INTO asset_discipline (asset_id, discipline_code, source) SELECT id, '0703', 'manual' FROM ip_asset WHERE title = '学院相符的李娜'")
      .run()
    const { writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tempDir } = await import('../../helpers/temp')
    const moved = join(tempDir(), 'moved.csv')
    writeFileSync(moved, '工号,姓名,学科\n2010002,李娜,0817\n')
    const summary = await importFile(archive, 'researchers', moved, { skipInvalid: false })
    expect(summary).toMatchObject({ updated: 1 })
    expect(disciplines('学院相符的李娜')).toEqual([
      { discipline_code: '0703', source: 'manual' },
      { discipline_code: '0817', source: 'derived' },
    ])
    // Once a librarian owns the disciplines ('disciplines' in manual_fields), nothing is derived any more.
    archive.sqlite.prepare(`UPDATE ip_asset SET manual_fields = '["disciplines"]' WHERE title = '学院相符的李娜'`).run()
    writeFileSync(moved, '工号,姓名,学科\n2010002,李娜,0805\n')
    await importFile(archive, 'researchers', moved, { skipInvalid: false })
    await importFile(archive, 'patents', own('namesakes.xlsx'))
    expect(disciplines('学院相符的李娜')).toEqual([
      { discipline_code: '0703', source: 'manual' },
      { discipline_code: '0817', source: 'derived' },
    ])
    expect(disciplines('没有学院的李娜')).toEqual([{ discipline_code: '0805', source: 'derived' }])
  })
})
