import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { describe, expect, it } from 'vitest'
import { searchAssets } from '../../../src-main/archive/search'
import { pendingSearchIndex, SEARCH_SYNC_BATCH, syncSearchIndex } from '../../../src-main/archive/search-index'
import { ftsQuery, indexText, queryPhrases } from '../../../src-main/archive/search-text'
import type { DB } from '../../../src-main/db/schema'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import { tempArchive } from '../helpers/temp'
import { addAsset, addProject, addResearcher } from './helpers'

const appNo = (digits: string) => `${digits}.${applicationCheckChar(digits)}`

describe('search text', () => {
  it('indexes CJK runs as overlapping bigrams plus the last character, other text as words', () => {
    expect(indexText('锂离子电池')).toBe('锂离 离子 子电 电池 池')
    expect(indexText('一种LED灯，5G通信')).toBe('一种 种 led 灯 5g 通信 信')
    expect(indexText('ＡＢＣ１２３')).toBe('abc123')
    expect(indexText('')).toBe('')
  })

  it('queries a term as one phrase; lone characters and trailing words as prefixes', () => {
    expect(ftsQuery('电池')).toBe('"电池"')
    expect(ftsQuery('锂离子电池')).toBe('"锂离 离子 子电 电池"')
    expect(ftsQuery('电')).toBe('"电" *')
    expect(ftsQuery('电池 芯片')).toBe('"电池" AND "芯片"')
    expect(ftsQuery('5G通信')).toBe('"5g 通信"')
    expect(ftsQuery('锂电池LED')).toBe('"锂电 电池 池 led" *')
    expect(queryPhrases('  ')).toEqual([])
  })

  it('never lets FTS5 syntax through', () => {
    for (const q of ['"', '电池"', '*', '电池*', '(', ')', 'NEAR', 'NEAR(电池 芯片)', '-电池', '电池 -芯片', 'AND', 'OR 电池', 'NOT', ':', 'title:电池', '^电池', '{title}', "'", '\\', '+']) {
      const fts = ftsQuery(q)
      if (fts === null) continue
      // Every phrase is a quoted run of letters/digits/spaces, joined by AND and optionally prefixed.
      expect(fts, q).toMatch(/^"[\p{L}\p{N} ]+"( \*)?( AND "[\p{L}\p{N} ]+"( \*)?)*$/u)
    }
  })
})

async function fixture() {
  const archive = await tempArchive()
  const db = archive.db
  const wang = await addResearcher(db, { staffNo: '1001', name: '王伟', college: '材料学院', discipline: '0805' })
  const zhang = await addResearcher(db, { staffNo: '1002', name: '张磊', college: '电子学院', discipline: '0809' })
  const project = await addProject(db, { projectNo: 'GJ2023001', name: '锂电池项目', fiscal: true })
  const ids = {
    battery: await addAsset(
      db,
      {
        app_no: '202310397744.0',
        pub_no: 'CN114081026A',
        grant_no: 'CN114081026B',
        title: '一种锂离子电池正极材料及其制备方法',
        abstract: '本发明公开了一种高镍正极材料，循环性能好。',
        applicants: '东海理工大学; 宁德某新能源公司',
        filing_date: '2023-03-28',
        grant_date: '2024-06-01',
        status_group: 'valid',
        university_owned: 1,
        college: '材料学院',
      },
      [{ name: '王伟', researcherId: wang }, '李静'],
    ),
    chip: await addAsset(
      db,
      { kind: 'utility', app_no: appNo('202220123456'), title: '一种芯片封装结构', filing_date: '2022-05-10', grant_date: '2022-11-01', status_group: 'valid', university_owned: 1, college: '电子学院', applicants: '东海理工大学' },
      [{ name: '张磊', researcherId: zhang }],
    ),
    software: await addAsset(
      db,
      { kind: 'software', app_no: '2026SR0581563', title: '电池管理软件V1.0', filing_date: '2026-01-05', status_group: 'valid', university_owned: 1, applicants: '东海理工大学' },
      ['王伟'],
    ),
    charger: await addAsset(
      db,
      { app_no: appNo('202110654321'), title: '电动汽车充电装置', filing_date: '2021-08-01', status_group: 'lapsed', university_owned: 0, applicants: '某汽车公司', abstract: '包括电源模块。' },
      ['赵六'],
    ),
    led: await addAsset(
      db,
      { kind: 'utility', app_no: appNo('202020998877'), title: '一种LED照明灯具', filing_date: '2020-02-29', status_group: 'pending', university_owned: 1, abstract: '适用于5G通信基站的照明。', college: '电子学院' },
      ['钱七'],
    ),
  }
  await db.insertInto('asset_project').values({ asset_id: ids.battery, project_id: project }).execute()
  await db.insertInto('asset_discipline').values([
    { asset_id: ids.battery, discipline_code: '0805' },
    { asset_id: ids.chip, discipline_code: '0809' },
  ]).execute()
  return { archive, db, ids, wang, zhang, project }
}

async function idsOf(db: Kysely<DB>, input: Parameters<typeof searchAssets>[1]) {
  return (await searchAssets(db, { limit: 200, ...input })).items.map((i) => i.id).sort((a, b) => a - b)
}

describe('searchAssets: words', () => {
  it('finds 2-character Chinese terms in title, abstract, applicants and inventors', async () => {
    const { db, ids } = await fixture()
    expect(await idsOf(db, { q: '电池' })).toEqual([ids.battery, ids.software].sort((a, b) => a - b))
    expect(await idsOf(db, { q: '芯片' })).toEqual([ids.chip])
    expect(await idsOf(db, { q: '高镍' })).toEqual([ids.battery]) // abstract
    expect(await idsOf(db, { q: '宁德' })).toEqual([ids.battery]) // applicant
    expect(await idsOf(db, { q: '张磊' })).toEqual([ids.chip]) // inventor
    expect(await idsOf(db, { q: '电装' })).toEqual([ids.charger]) // 充电装置 contains 电装
  })

  it('finds longer terms only where they occur as a substring', async () => {
    const { db, ids } = await fixture()
    expect(await idsOf(db, { q: '锂离子电池' })).toEqual([ids.battery])
    expect(await idsOf(db, { q: '离子电池正极' })).toEqual([ids.battery])
    expect(await idsOf(db, { q: '池正' })).toEqual([ids.battery])
    expect(await idsOf(db, { q: '电池管理' })).toEqual([ids.software])
    expect(await idsOf(db, { q: '锂电池' })).toEqual([]) // 锂 and 电池 are both there, but not adjacent
    expect(await idsOf(db, { q: '池芯' })).toEqual([])
  })

  it('handles a single character, including the last one of a run', async () => {
    const { db, ids } = await fixture()
    expect(await idsOf(db, { q: '芯' })).toEqual([ids.chip])
    expect(await idsOf(db, { q: '置' })).toEqual([ids.charger]) // 装置 ends the title
    expect(await idsOf(db, { q: '锂' })).toEqual([ids.battery])
  })

  it('ANDs several words, matches Latin words and digits, and mixes scripts', async () => {
    const { db, ids } = await fixture()
    expect(await idsOf(db, { q: '电池 正极' })).toEqual([ids.battery])
    expect(await idsOf(db, { q: '电池 芯片' })).toEqual([])
    expect(await idsOf(db, { q: 'led' })).toEqual([ids.led])
    expect(await idsOf(db, { q: 'LED照明' })).toEqual([ids.led])
    expect(await idsOf(db, { q: '5G' })).toEqual([ids.led])
    expect(await idsOf(db, { q: 'V1.0' })).toEqual([ids.software])
    expect(await idsOf(db, { q: 'ＬＥＤ' })).toEqual([ids.led])
  })

  it('never breaks on FTS syntax characters in user text', async () => {
    const { db, ids } = await fixture()
    for (const q of ['"', '电池"', '"电池', '*', '电池*', '(', '电池 (', ')', 'NEAR', 'NEAR(电池 芯片)', '-', '-电池', '电池 -芯片', 'AND', 'OR', 'NOT', '电池 OR 芯片', ':', 'title:电池', '^', '{', '[', "'", '\\', '%', '_', '电池\u0000']) {
      const result = await searchAssets(db, { q })
      expect(result.total, q).toBeGreaterThanOrEqual(0)
    }
    // The characters are separators, not operators: '-电池' is a search for 电池, not "without 电池".
    expect(await idsOf(db, { q: '-电池' })).toEqual([ids.battery, ids.software].sort((a, b) => a - b))
    expect(await idsOf(db, { q: '"电池' })).toEqual([ids.battery, ids.software].sort((a, b) => a - b))
    expect(await idsOf(db, { q: '电池*' })).toEqual([ids.battery, ids.software].sort((a, b) => a - b))
    // 'OR' is just a word that no asset contains.
    expect((await searchAssets(db, { q: '电池 OR 芯片' })).total).toBe(0)
    // A query with no searchable token browses everything rather than failing.
    expect((await searchAssets(db, { q: '"*()' })).total).toBe(5)
  })

  it('ranks title hits before abstract hits, and says which order it applied', async () => {
    const { db, ids } = await fixture()
    const extra = await addAsset(db, { app_no: appNo('202410000001'), title: '一种散热器', abstract: '用于芯片散热。芯片温度低。' }, [])
    const result = await searchAssets(db, { q: '芯片' })
    expect(result.sort).toBe('relevance')
    expect(result.items.map((i) => i.id)).toEqual([ids.chip, extra])
  })
})

describe('searchAssets: numbers', () => {
  it('finds an application number in every form users paste', async () => {
    const { db, ids } = await fixture()
    for (const q of [
      '202310397744.0',
      'ZL 2023 1 0397744.0',
      'ZL202310397744.0',
      'zl202310397744.0',
      'CN202310397744.0',
      '2023103977440',
      '2023 1 0397744.0',
      '２０２３１０３９７７４４．０',
      '专利号：ZL202310397744.0',
      ' 202310397744.0 ',
    ]) {
      const result = await searchAssets(db, { q })
      expect(result.items.map((i) => i.id), q).toEqual([ids.battery])
      expect(result.numberQuery, q).toBe('申请号 202310397744.0')
    }
  })

  it('finds publication and grant numbers with any kind code, and software registration numbers', async () => {
    const { db, ids } = await fixture()
    for (const q of ['CN114081026A', 'CN114081026B', 'cn 114081026 b', 'ＣＮ１１４０８１０２６Ａ', '公开号：CN114081026A']) {
      expect(await idsOf(db, { q }), q).toEqual([ids.battery])
    }
    expect(await idsOf(db, { q: '2026SR0581563' })).toEqual([ids.software])
    expect(await idsOf(db, { q: '2026sr0581563' })).toEqual([ids.software])
  })

  it('finds the start of a number while it is being typed', async () => {
    const { db, ids } = await fixture()
    expect(await idsOf(db, { q: '20231039' })).toEqual([ids.battery])
    expect(await idsOf(db, { q: 'CN1140810' })).toEqual([ids.battery])
    expect(await idsOf(db, { q: '2026SR05' })).toEqual([ids.software])
  })

  it('explains a wrong or missing check character, still showing the asset with those digits', async () => {
    const { db, ids } = await fixture()
    const wrong = await searchAssets(db, { q: '202310397744.5' })
    expect(wrong.notice).toContain('校验位应为 0')
    expect(wrong.items.map((i) => i.id)).toEqual([ids.battery])
    const missing = await searchAssets(db, { q: '202310397744' })
    expect(missing.items.map((i) => i.id)).toEqual([ids.battery])
    expect((await searchAssets(db, { q: '202310397799.1' })).total).toBe(0)
  })
})

describe('searchAssets: filters, sort, paging', () => {
  it('filters by kind, status group, years, college, discipline, project, researcher and ownership', async () => {
    const { db, ids, wang, zhang, project } = await fixture()
    expect(await idsOf(db, { kinds: ['utility'] })).toEqual([ids.chip, ids.led])
    expect(await idsOf(db, { statusGroups: ['lapsed', 'pending'] })).toEqual([ids.charger, ids.led])
    expect(await idsOf(db, { filingYearFrom: 2022, filingYearTo: 2023 })).toEqual([ids.battery, ids.chip])
    expect(await idsOf(db, { grantYearFrom: 2024 })).toEqual([ids.battery])
    expect(await idsOf(db, { grantYearTo: 2022 })).toEqual([ids.chip])
    expect(await idsOf(db, { college: '电子学院' })).toEqual([ids.chip, ids.led])
    expect(await idsOf(db, { discipline: '0805' })).toEqual([ids.battery])
    expect(await idsOf(db, { discipline: '08' })).toEqual([ids.battery, ids.chip])
    expect(await idsOf(db, { projectId: project })).toEqual([ids.battery])
    expect(await idsOf(db, { researcherId: wang })).toEqual([ids.battery])
    expect(await idsOf(db, { researcherId: zhang })).toEqual([ids.chip])
    expect(await idsOf(db, { universityOwned: false })).toEqual([ids.charger])
    expect(await idsOf(db, { q: '电池', kinds: ['software'] })).toEqual([ids.software])
    expect(await idsOf(db, { q: '202310397744.0', kinds: ['utility'] })).toEqual([])
  })

  it('sorts by filing date, grant date and title, both ways, and pages without overlap', async () => {
    const { db, ids } = await fixture()
    expect((await searchAssets(db, {})).items.map((i) => i.id)).toEqual([ids.software, ids.battery, ids.chip, ids.charger, ids.led])
    expect((await searchAssets(db, { sort: 'filing_date', order: 'asc' })).items.map((i) => i.id)).toEqual([ids.led, ids.charger, ids.chip, ids.battery, ids.software])
    const byGrant = (await searchAssets(db, { sort: 'grant_date' })).items.map((i) => i.id)
    expect(byGrant.slice(0, 2)).toEqual([ids.battery, ids.chip])
    const byGrantAsc = (await searchAssets(db, { sort: 'grant_date', order: 'asc' })).items.map((i) => i.id)
    expect(byGrantAsc.slice(0, 2)).toEqual([ids.chip, ids.battery]) // not-yet-granted last
    const titles = (await searchAssets(db, { sort: 'title', order: 'asc' })).items.map((i) => i.title)
    expect(titles).toEqual([...titles].sort())

    const pages = []
    for (let offset = 0; offset < 5; offset += 2) pages.push(...(await searchAssets(db, { offset, limit: 2 })).items.map((i) => i.id))
    expect(pages).toEqual([ids.software, ids.battery, ids.chip, ids.charger, ids.led])
    const page = await searchAssets(db, { offset: 4, limit: 2 })
    expect(page.total).toBe(5)
    expect(page.items).toHaveLength(1)
  })

  it('pages and sorts large text results by either plan with the same answer', async () => {
    const archive = await tempArchive()
    const db = archive.db
    // 60 hits among 80 assets: dense enough that a date sort walks the filing index.
    for (let i = 0; i < 80; i++) {
      await addAsset(db, { app_no: appNo(`2015100${String(i).padStart(5, '0')}`), title: i < 60 ? `一种测试装置${i}` : `一种方法${i}`, filing_date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}` }, [])
    }
    const all = (await searchAssets(db, { q: '装置', sort: 'filing_date', limit: 200 })).items.map((i) => i.id)
    expect(all).toHaveLength(60)
    const paged: number[] = []
    for (let offset = 0; offset < 60; offset += 7) paged.push(...(await searchAssets(db, { q: '装置', sort: 'filing_date', offset, limit: 7 })).items.map((i) => i.id))
    expect(paged).toEqual(all)
    const dates = (await searchAssets(db, { q: '装置', sort: 'filing_date', limit: 200 })).items.map((i) => i.filingDate!)
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it('lists text hits in filing-date order with filters, paging without overlap, and follows a changed filing date', async () => {
    const archive = await tempArchive()
    const db = archive.db
    const ids: number[] = []
    for (let i = 0; i < 40; i++) {
      ids.push(
        await addAsset(db, {
          kind: i % 3 ? 'invention' : 'utility',
          app_no: appNo(`2016${i % 3 ? 1 : 2}${String(i).padStart(7, '0')}`),
          title: `一种测试装置${i}`,
          filing_date: i === 7 ? null : `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`,
        }),
      )
    }
    const browse = (await searchAssets(db, { kinds: ['invention'], limit: 200 })).items.map((i) => i.id)
    const text = (await searchAssets(db, { q: '装置', kinds: ['invention'], sort: 'filing_date', limit: 200 })).items.map((i) => i.id)
    expect(text).toEqual(browse) // same order as the ip_asset index gives, unknown filing date last
    expect(text[text.length - 1]).toBe(ids[7])
    const paged: number[] = []
    for (let offset = 0; offset < text.length; offset += 4) paged.push(...(await searchAssets(db, { q: '装置', kinds: ['invention'], sort: 'filing_date', offset, limit: 4 })).items.map((i) => i.id))
    expect(paged).toEqual(text)
    const asc = (await searchAssets(db, { q: '装置', sort: 'filing_date', order: 'asc', limit: 200 })).items.map((i) => i.id)
    expect(asc).toEqual((await searchAssets(db, { sort: 'filing_date', order: 'asc', limit: 200 })).items.map((i) => i.id))

    await db.updateTable('ip_asset').set({ filing_date: '2030-01-01' }).where('id', '=', ids[5]!).execute()
    const after = await searchAssets(db, { q: '装置', sort: 'filing_date', limit: 200 })
    expect(after.items[0]!.id).toBe(ids[5])
    expect(after.total).toBe(40) // re-keyed, not indexed twice
    expect(after.items).toHaveLength(40)
  })

  it('lists inventors in rank order', async () => {
    const { db, ids } = await fixture()
    const row = (await searchAssets(db, { q: '202310397744.0' })).items[0]!
    expect(row.id).toBe(ids.battery)
    expect(row.inventors).toBe('王伟、李静')
  })
})

describe('keeping the index in sync', () => {
  it('follows inserts, edits, inventor changes and deletes made by any writer', async () => {
    const { db, ids } = await fixture()
    await searchAssets(db, { q: '电池' })
    await db.updateTable('ip_asset').set({ title: '一种钠离子电池负极材料' }).where('id', '=', ids.battery).execute()
    expect(await idsOf(db, { q: '锂离子' })).toEqual([])
    expect(await idsOf(db, { q: '钠离子' })).toEqual([ids.battery])
    await db.updateTable('asset_inventor').set({ raw_name: '欧阳修' }).where('asset_id', '=', ids.chip).execute()
    expect(await idsOf(db, { q: '欧阳' })).toEqual([ids.chip])
    expect(await idsOf(db, { q: '张磊' })).toEqual([])
    await db.deleteFrom('ip_asset').where('id', '=', ids.software).execute()
    expect(await idsOf(db, { q: '电池' })).toEqual([ids.battery])
    expect(await syncSearchIndex(db)).toBe(0)
  })
})

describe('building the index as a job', () => {
  it('reports progress per batch, honours a checkpoint that throws, and keeps finished batches', async () => {
    const archive = await tempArchive()
    const insert = archive.sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', ?, ?, 'x', 'x')")
    const total = SEARCH_SYNC_BATCH + 500
    archive.sqlite.transaction(() => {
      for (let i = 0; i < total; i++) insert.run(appNo(`2015100${String(i).padStart(5, '0')}`), i % 2 ? '一种电池' : '一种芯片')
    })()
    expect(await pendingSearchIndex(archive.db)).toBe(total)
    let calls = 0
    const cancel = syncSearchIndex(archive.db, {
      checkpoint: async () => {
        if (calls++ === 1) throw new Error('cancelled')
      },
    })
    await expect(cancel).rejects.toThrow('cancelled')
    expect(await pendingSearchIndex(archive.db)).toBe(500) // the first batch was kept
    const progress: [number, number][] = []
    expect(await syncSearchIndex(archive.db, { progress: (done, total) => progress.push([done, total]) })).toBe(500)
    expect(progress).toEqual([[500, 500]])
    const few = await searchAssets(archive.db, { q: '电池' })
    expect(few.total).toBe(total / 2)
    // Past 2,000 hits the default order is newest first, served by the index's rowid order.
    const many = await searchAssets(archive.db, { q: '一种', limit: 10 })
    expect([many.total, many.sort]).toEqual([total, 'filing_date'])
    expect((await searchAssets(archive.db, { q: '一种', sort: 'relevance', limit: 10 })).sort).toBe('relevance')
  })
})

describe('writing the index', () => {
  /** Rows written by SQLite (FTS5's own shadow-table writes included) while `n` new assets are indexed. */
  async function writesToIndex(n: number, filingDate: (i: number) => string): Promise<number> {
    const archive = await tempArchive()
    const insert = archive.sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, filing_date, created_at, updated_at) VALUES ('invention', ?, ?, ?, 'x', 'x')")
    archive.sqlite.transaction(() => {
      for (let i = 0; i < n; i++) insert.run(appNo(`2015100${String(i).padStart(5, '0')}`), `一种电池${i}`, filingDate(i))
    })()
    const changes = () => (archive.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
    const before = changes()
    await syncSearchIndex(archive.db)
    const written = changes() - before
    expect((await searchAssets(archive.db, { q: '电池', limit: 1 })).total).toBe(n)
    return written
  }
  const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)

  it('assets whose filing dates run backwards cost the index no more writes than assets in filing order', async () => {
    // The index's rowids follow filing dates (migration 0010). FTS5 writes its pending postings out as a
    // new segment whenever a rowid is not larger than the last, so the rows go in in rowid order: written
    // in asset-id order, 3,000 assets filed newest first made FTS5 write 2.3 times as many rows.
    const forwards = await writesToIndex(3000, (i) => day(i))
    const backwards = await writesToIndex(3000, (i) => day(-i))
    expect(backwards).toBeLessThanOrEqual(Math.ceil(forwards * 1.05))
  })
})

describe('query plans (EXPLAIN QUERY PLAN of the queries searchAssets really runs)', () => {
  async function capture(input: Parameters<typeof searchAssets>[1]) {
    const { archive } = await fixture()
    await syncSearchIndex(archive.db)
    const queries: CompiledQuery[] = []
    // A second Kysely over the same connection, logging what it runs (not destroyed: it shares the handle).
    const logged = new Kysely<DB>({ dialect: new SqliteDialect({ database: archive.sqlite }), log: (e) => void queries.push(e.query) })
    await searchAssets(logged, input)
    return queries.map((q) => ({
      sql: q.sql,
      plan: (archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n'),
    }))
  }
  const planOf = (queries: { sql: string; plan: string }[], needle: RegExp) => queries.find((q) => needle.test(q.sql))!.plan

  it('browse: the page walks the filing-date index, no sort of the whole archive', async () => {
    const queries = await capture({})
    const page = planOf(queries, /ORDER BY/)
    expect(page).toMatch(/SCAN a USING (COVERING )?INDEX ip_asset_filing\b/)
    expect(page).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    expect(planOf(queries, /count\(\*\)/)).toMatch(/USING COVERING INDEX/)
  })

  it('browse by status group: the count reads only the covering filter index, the page walks status + date', async () => {
    const queries = await capture({ statusGroups: ['valid'] })
    expect(planOf(queries, /count\(\*\)/)).toMatch(/SEARCH a USING COVERING INDEX ip_asset_filter_cover \(status_group=\?\)/)
    const page = planOf(queries, /ORDER BY/)
    expect(page).toMatch(/ip_asset_status_filing/)
    expect(page).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
  })

  it('title sort uses the title index', async () => {
    const page = planOf(await capture({ sort: 'title', order: 'asc' }), /ORDER BY/)
    expect(page).toMatch(/SCAN a USING (COVERING )?INDEX ip_asset_title\b/)
    expect(page).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
  })

  it('numbers: index lookups on app_no, pub_no and grant_no', async () => {
    expect(planOf(await capture({ q: 'ZL 2023 1 0397744.0' }), /ORDER BY/)).toMatch(/SEARCH a USING INDEX ip_asset_app_no \(app_no=\?\)/)
    const pub = planOf(await capture({ q: 'CN114081026B' }), /ORDER BY/)
    expect(pub).toMatch(/MULTI-INDEX OR/)
    expect(pub).toMatch(/ip_asset_pub_no/)
    expect(pub).toMatch(/ip_asset_grant_no/)
  })

  it('words: the FTS index answers the count and ranks the page; rows by primary key', async () => {
    const queries = await capture({ q: '电池' })
    expect(planOf(queries, /count\(\*\)/)).toMatch(/VIRTUAL TABLE INDEX/)
    const page = planOf(queries, /ORDER BY score/)
    expect(page).toMatch(/SCAN s VIRTUAL TABLE INDEX/)
    expect(page).not.toMatch(/SCAN a\b/)
    expect(planOf(queries, /WHERE a\.id IN/)).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
  })

  it('words in filing-date order: rowid order of the index, no sort; rows by primary key', async () => {
    const queries = await capture({ q: '电池', sort: 'filing_date' })
    const page = planOf(queries, /ORDER BY s\.rowid DESC/)
    expect(page).toMatch(/SCAN s VIRTUAL TABLE INDEX/)
    expect(page).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    expect(planOf(queries, /WHERE a\.id IN/)).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
  })

  it('words with a filter: hits checked against the ids passing the filter, read from the covering index once', async () => {
    const queries = await capture({ q: '电池', kinds: ['invention'], sort: 'filing_date' })
    const count = planOf(queries, /count\(\*\)[\s\S]*IN \(SELECT a\.id/)
    expect(count).toMatch(/VIRTUAL TABLE INDEX/)
    expect(count).toMatch(/LIST SUBQUERY/)
    expect(count).toMatch(/COVERING INDEX ip_asset_filter_cover/)
    const page = planOf(queries, /ORDER BY s\.rowid DESC/)
    expect(page).toMatch(/COVERING INDEX ip_asset_filter_cover/)
    expect(page).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    // A researcher filter finds its few assets through its own index instead.
    const byResearcher = await capture({ q: '电池', researcherId: 1, sort: 'filing_date' })
    expect(planOf(byResearcher, /count\(\*\)[\s\S]*IN \(SELECT a\.id/)).toMatch(/asset_inventor_researcher/)
  })
})
