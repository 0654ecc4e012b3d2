import { describe, expect, it } from 'vitest'
import { inventoryInput } from '../../../src-main/contract/pool'
import { annuityYearOn, oneYearWindowEnd, remainingTerm } from '../../../src-main/pool/annuity'
import { countInventory, inventoryPageQuery, listInventory, poolFacets } from '../../../src-main/pool/inventory'
import { ipcClassOf, ipcClassTitle, ipcEntries, ipcTitle } from '../../../src-main/pool/ipc'
import { gradeAssets } from '../../../src-main/pool/grading'
import { tempArchive } from '../helpers/temp'
import { addPatent, setOperator } from './fixture'

const T = '2026-03-15'

describe('IPC titles (resources/pool/ipc_sections_classes_zh.csv)', () => {
  it('has the 8 sections and all 132 classes, including G16 and H10, and section A as officially titled', () => {
    const entries = ipcEntries()
    expect(entries.filter((e) => e.level === 'section').map((e) => e.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
    const classes = entries.filter((e) => e.level === 'class')
    expect(classes).toHaveLength(132)
    expect(new Set(classes.map((c) => c.code)).size).toBe(132)
    for (const c of classes) expect(c.code.startsWith(c.section), c.code).toBe(true)
    expect(ipcTitle('A')).toBe('人类生活必需')
    expect(ipcTitle('G16')).toBe('特别适用于特定应用领域的信息通信技术［ICT］')
    expect(ipcTitle('H10')).toBe('半导体器件；其他类目中不包括的电固体器件')
    // Classes sorted within their section in the file, G16 between G12 and G21.
    const g = classes.filter((c) => c.section === 'G').map((c) => c.code)
    expect(g.indexOf('G16')).toBe(g.indexOf('G12') + 1)
    expect(g.indexOf('G21')).toBe(g.indexOf('G16') + 1)
  })

  it('finds the class of a main IPC written in any usual way', () => {
    expect(ipcClassOf('G06F 16/35')).toBe('G06')
    expect(ipcClassOf('g06f16/35')).toBe('G06')
    expect(ipcClassOf(' H10K 50/00')).toBe('H10')
    expect(ipcClassOf('')).toBeNull()
    expect(ipcClassTitle('H01M 4/36')).toBe('基本电气元件')
    expect(ipcClassTitle('Z99')).toBeNull()
  })
})

describe('term and annuity helpers', () => {
  it('says how much protection is left in years and months', () => {
    expect(remainingTerm('2026-03-15', '2038-06-20')).toEqual({ days: 4480, text: '12年3个月' })
    expect(remainingTerm('2026-03-15', '2027-03-15')).toEqual({ days: 365, text: '1年' })
    expect(remainingTerm('2026-03-15', '2026-11-14')).toMatchObject({ text: '7个月' })
    expect(remainingTerm('2026-03-15', '2026-03-20')).toMatchObject({ days: 5, text: '不足1个月' })
    expect(remainingTerm('2026-03-15', '2026-03-14')).toMatchObject({ days: -1, text: '已届满' })
    expect(remainingTerm('2026-03-15', null)).toEqual({ days: null, text: '未知' })
    // Month ends clamp: 31 January + 1 month is 28 February.
    expect(remainingTerm('2026-01-31', '2026-02-28')).toMatchObject({ text: '1个月' })
  })

  it('finds the annuity year of a date and the 12-month window', () => {
    expect(annuityYearOn('2019-05-20', '2019-05-20')).toBe(1)
    expect(annuityYearOn('2019-05-20', '2020-05-19')).toBe(1)
    expect(annuityYearOn('2019-05-20', '2020-05-20')).toBe(2)
    expect(annuityYearOn('2019-05-20', '2026-03-15')).toBe(7)
    expect(annuityYearOn('2019-05-20', '2018-01-01')).toBeNull()
    expect(oneYearWindowEnd('2026-03-15')).toBe('2027-03-14')
    expect(oneYearWindowEnd('2024-02-29')).toBe('2025-02-27')
  })
})

describe('inventory', () => {
  async function archive() {
    const a = await tempArchive()
    await setOperator(a.db)
    const db = a.db
    const ids = {
      battery: await addPatent(db, { filing: '2019-05-20', grant: '2021-02-02', college: '材料科学与工程学院', ipc: 'H01M 4/36', disciplines: ['0805'], fiscal: true }),
      vision: await addPatent(db, { filing: '2021-09-01', grant: '2023-03-03', college: '计算机学院', ipc: 'G06V 10/82', disciplines: ['0812'], title: '一种基于深度学习的缺陷检测方法', fiscal: false }),
      medical: await addPatent(db, { filing: '2022-01-10', grant: '2024-05-05', college: '计算机学院', ipc: 'G16H 50/20', disciplines: ['0812', '1001'], title: '一种医疗数据处理系统' }),
      utility: await addPatent(db, { kind: 'utility', filing: '2023-04-01', grant: '2023-09-01', college: '机械工程学院', ipc: 'B25J 9/16', disciplines: ['0802'] }),
      design: await addPatent(db, { kind: 'design', filing: '2022-07-07', grant: '2022-12-12', college: '机械工程学院', ipc: null, disciplines: ['0802'] }),
      // Not in the inventory:
      lapsed: await addPatent(db, { filing: '2015-01-01', status: 'lapsed' }),
      pending: await addPatent(db, { filing: '2024-06-01', grant: null, status: 'pending' }),
      external: await addPatent(db, { filing: '2020-01-01', owned: false, applicants: '某某科技有限公司' }),
      software: await addPatent(db, { kind: 'software', filing: '2021-01-01' }),
      expired: await addPatent(db, { kind: 'utility', filing: '2015-03-01', expiry: '2025-02-28' }),
    }
    return { db, ids }
  }

  it('lists university-owned patents in force with their facts, and nothing else', async () => {
    const { db, ids } = await archive()
    const page = await listInventory(db, {}, T)
    expect(page.total).toBe(5)
    expect(page.items.map((r) => r.id)).toEqual([ids.utility, ids.design, ids.medical, ids.vision, ids.battery]) // newest filing first
    expect(page.asOf).toBe(T)
    expect(page.annuityWindow).toEqual({ from: T, to: '2027-03-14' })

    const battery = page.items.find((r) => r.id === ids.battery)!
    expect(battery).toMatchObject({
      kind: 'invention',
      patentNo: `ZL${battery.appNo}`,
      expiryDate: '2039-05-19',
      remainingText: '13年2个月',
      inForce: true,
      college: '材料科学与工程学院',
      disciplines: '材料科学与工程',
      ipcClassTitle: '基本电气元件',
      inventors: '张伟、李娜',
      state: 'none',
      fiscalFunded: true,
      grade: null,
      inPool: false,
    })
    // Filed 2019-05-20: annuity year 8 falls due on 2026-05-20, inside the next 12 months; year 8 of an
    // invention costs 2000 元 at the standard rate.
    expect(battery.annuities).toEqual([{ year: 8, dueDate: '2026-05-20', graceEnd: '2026-11-20', yuan: 2000 }])
    expect(battery.annuitiesYuan).toBe(2000)
    const vision = page.items.find((r) => r.id === ids.vision)!
    expect(vision.fiscalFunded).toBe(false)
    expect(vision.annuities).toEqual([{ year: 6, dueDate: '2026-09-01', graceEnd: '2027-03-01', yuan: 1200 }])
    expect(page.items.find((r) => r.id === ids.medical)!.disciplines).toBe('计算机科学与技术、基础医学')
    expect(page.items.find((r) => r.id === ids.design)!.ipcClassTitle).toBeNull()
  })

  it('filters by college, discipline, IPC section and class, kind, grade, fiscal funding and text', async () => {
    const { db, ids } = await archive()
    const ids_ = async (filters: object) => (await listInventory(db, { filters, limit: 200 }, T)).items.map((r) => r.id).sort((a, b) => a - b)
    const sorted = (...list: number[]) => list.sort((a, b) => a - b)
    expect(await ids_({ college: '计算机学院' })).toEqual(sorted(ids.vision, ids.medical))
    expect(await ids_({ discipline: '0812' })).toEqual(sorted(ids.vision, ids.medical))
    expect(await ids_({ discipline: '10' })).toEqual([ids.medical]) // 门类 10 医学 covers 1001 基础医学
    expect(await ids_({ discipline: '08' })).toEqual(sorted(ids.battery, ids.vision, ids.medical, ids.utility, ids.design))
    expect(await ids_({ ipc: 'G' })).toEqual(sorted(ids.vision, ids.medical))
    expect(await ids_({ ipc: 'G16' })).toEqual([ids.medical])
    expect(await ids_({ ipc: 'G06' })).toEqual([ids.vision])
    expect(await ids_({ ipc: 'H' })).toEqual([ids.battery])
    expect(await ids_({ kinds: ['utility', 'design'] })).toEqual(sorted(ids.utility, ids.design))
    expect(await ids_({ fiscalFunded: true })).toEqual([ids.battery])
    expect(await ids_({ fiscalFunded: false })).toEqual(sorted(ids.vision, ids.medical, ids.utility, ids.design))
    expect(await ids_({ q: '缺陷检测' })).toEqual([ids.vision])
    const visionNo = (await db.selectFrom('ip_asset').select('app_no').where('id', '=', ids.vision).executeTakeFirstOrThrow()).app_no
    expect(await ids_({ q: `ZL${visionNo.slice(0, 9)}` })).toEqual([ids.vision])
    expect(await ids_({ q: '100%_' })).toEqual([]) // LIKE wildcards are literal

    await gradeAssets(db, [ids.vision, ids.battery], { grade: 'A', reason: '技术领先' }, { today: T })
    await gradeAssets(db, [ids.utility], { grade: 'D', reason: '无市场' }, { today: T })
    expect(await ids_({ grades: ['A'] })).toEqual(sorted(ids.vision, ids.battery))
    expect(await ids_({ grades: ['none'] })).toEqual(sorted(ids.medical, ids.design))
    expect(await ids_({ grades: ['D', 'none'] })).toEqual(sorted(ids.medical, ids.design, ids.utility))
    expect(await ids_({ grades: ['A'], college: '计算机学院' })).toEqual([ids.vision])
    expect(await countInventory(db, { grades: ['A', 'B', 'C', 'D', 'none'] }, T)).toBe(5)
  })

  it('pages and sorts', async () => {
    const { db, ids } = await archive()
    const first = await listInventory(db, { limit: 2, offset: 0 }, T)
    const second = await listInventory(db, { limit: 2, offset: 2 }, T)
    expect(first.total).toBe(5)
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual([ids.utility, ids.design, ids.medical, ids.vision])
    const byExpiry = await listInventory(db, { sort: 'expiry_date', order: 'asc' }, T)
    expect(byExpiry.items[0]!.id).toBe(ids.utility) // utility filed 2023: 10 years → 2033; the design filed 2022 has 15 → 2037
    expect(byExpiry.items.map((r) => r.expiryDate)).toEqual([...byExpiry.items.map((r) => r.expiryDate)].sort())
  })

  it('offers colleges, disciplines and IPC titles as filter values', async () => {
    const { db } = await archive()
    const facets = await poolFacets(db, T)
    expect(facets.colleges).toEqual(['机械工程学院', '材料科学与工程学院', '计算机学院'].sort())
    expect(facets.disciplines.map((d) => d.code)).toEqual(['08', '0802', '0805', '0812', '10', '1001'])
    expect(facets.disciplines.find((d) => d.code === '08')?.name).toBe('工学')
    expect(facets.ipc.find((e) => e.code === 'H10')?.title).toBe('半导体器件；其他类目中不包括的电固体器件')
  })

  it('reads the base set off the partial index and probes conversions, grades and links by index (EXPLAIN QUERY PLAN)', async () => {
    const { db, sqlite } = await tempArchive()
    const plan = (filters: object, sort: 'filing_date' | 'expiry_date' = 'filing_date') => {
      const compiled = inventoryPageQuery(db, inventoryInput.parse({ filters, sort }), T).compile()
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
      return rows.map((r) => r.detail).join('\n')
    }
    // The base set in filing (or expiry) order straight off the pool's partial indexes: no sort.
    const base = plan({})
    expect(base).toMatch(/SCAN a USING INDEX ip_asset_pool_inventory/)
    expect(base).not.toMatch(/TEMP B-TREE/)
    expect(plan({}, 'expiry_date')).toMatch(/SCAN a USING INDEX ip_asset_pool_expiry/)
    expect(plan({}, 'expiry_date')).not.toMatch(/TEMP B-TREE/)
    // College and IPC filters use the pool's partial indexes.
    expect(plan({ college: '计算机学院' })).toMatch(/SEARCH a USING INDEX ip_asset_pool_college \(college=\?\)/)
    expect(plan({ college: '计算机学院' })).not.toMatch(/TEMP B-TREE/)
    expect(plan({ ipc: 'G06' })).toMatch(/SEARCH a USING INDEX ip_asset_pool_ipc \(ipc_main>\? AND ipc_main<\?\)/)
    // Every per-row probe is an index search.
    const filtered = plan({ grades: ['A', 'none'], states: ['none'], discipline: '08', fiscalFunded: true, inPool: false })
    expect(filtered).toMatch(/SEARCH g USING (COVERING )?INDEX pool_grading_current/)
    expect(filtered).toMatch(/SEARCH c USING INDEX conversion_asset/)
    expect(filtered).toMatch(/SEARCH d USING (PRIMARY KEY|COVERING INDEX)/)
    expect(filtered).toMatch(/SEARCH e USING (COVERING )?INDEX pool_entry_(active|asset)/)
    expect(filtered).toMatch(/SEARCH ap USING/)
    expect(filtered).not.toMatch(/SCAN (a|g|c|d|dd|e|ap|p)(?! USING)\b/)
  })
})
