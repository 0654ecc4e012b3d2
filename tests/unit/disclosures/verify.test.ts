import { describe, expect, it } from 'vitest'
import { claimSchema, type ClaimInput } from '../../../src-main/contract/disclosures'
import { DISCREPANCY_CODES, REMARK_CODES, VERDICTS } from '../../../src-main/contract/disclosures'
import { DISCREPANCY_LABELS, REMARK_LABELS, VERDICT_LABELS } from '../../../src-main/contract/labels'
import { createDisclosure, getDisclosure } from '../../../src-main/disclosures/service'
import { dateRange, isGranted, outOfPeriod } from '../../../src-main/disclosures/verify'
import { titleSimilarity } from '../../../src-main/disclosures/similarity'
import { testArchive } from './fixtures'

// Every verdict and every discrepancy code, on a real archive file with namesakes (two 张伟), links in
// every state and two assets of the same title.

type Expect = { verdict: string; discrepancies?: string[]; remarks?: string[] }
type Claim = Omit<ClaimInput, 'seq'> & { seq?: number }

async function verifyAll(claims: Claim[], period: { from?: string; to?: string } = {}) {
  const t = await testArchive()
  const id = await createDisclosure(t.db, {
    researcherId: t.r.zhang,
    purpose: '职称评审',
    periodFrom: period.from ?? null,
    periodTo: period.to ?? null,
    items: claims.map((c, i) => ({ ...c, seq: c.seq ?? i + 1 })),
  })
  return { t, detail: await getDisclosure(t.db, id) }
}

function check(items: Awaited<ReturnType<typeof verifyAll>>['detail']['items'], expected: Expect[]) {
  expect(items.map((i) => ({ verdict: i.verdict, discrepancies: i.discrepancies }))).toEqual(
    expected.map((e) => ({ verdict: e.verdict, discrepancies: e.discrepancies ?? [] })),
  )
  expected.forEach((e, i) => {
    if (e.remarks) expect(items[i]!.remarks.map((r) => r.code), `item ${i + 1} remarks`).toEqual(e.remarks)
  })
}

describe('verification engine on a real archive', () => {
  it('gives every verdict and discrepancy code for 张伟 (工号 2005001)', async () => {
    const claims: Claim[] = [
      /* 1 */ { kind: 'invention', number: '202310397744.0', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted', date: '2025-03-14' },
      /* 2 */ { kind: 'invention', number: 'ZL202310397744.0', title: '一种锂离子电池隔膜及其制备方法', rank: 2, status: 'granted' },
      /* 3 */ { kind: 'invention', number: '202410555555.6', title: '一种基于深度学习的缺陷检测方法', rank: 1, status: 'granted' },
      /* 4 */ { kind: 'invention', number: '202110222222.8', title: '一种数控机床主轴冷却结构', rank: 1, status: 'granted' },
      /* 5 */ { kind: 'invention', number: '202310123123.3', title: '一种储能变流器控制方法', rank: 1, status: 'granted' },
      /* 6 */ { kind: 'invention', number: '202220333334.0', title: '一种光伏组件清洁机器人', rank: 1, status: 'granted' },
      /* 7 */ { kind: 'invention', number: '201810666666.9', title: '一种废水中重金属离子的吸附材料', rank: 2, status: 'granted' },
      /* 8 */ { kind: 'invention', number: '202310397744.0', title: '一种数控机床主轴冷却结构', rank: 1, status: 'granted' },
      /* 9 */ { kind: 'invention', number: '202310397744.0', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted', date: '2024-01-01' },
      /* 10 */ { kind: 'invention', number: '202110444444.4', title: '一种柔性压力传感器', rank: 2, status: 'granted' },
      /* 11 */ { kind: 'invention', number: '202410888888.0', title: '一种土壤墒情监测装置', rank: 1, status: 'granted' },
      /* 12 */ { kind: 'invention', number: '202310397744.1', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted' },
      /* 13 */ { kind: 'invention', number: '202510999999.3', title: '一种光伏组件清洁机器人', rank: 1, status: 'granted' },
      /* 14 */ { kind: 'software', number: '2024SR0123456', title: '电池健康状态评估软件V1.0', rank: 1, status: 'registered', date: '2024-05-20' },
      /* 15 */ { kind: 'utility', number: '202320123456.1', title: '一种电池包散热装置', rank: 2, status: 'granted', date: '2023-09' },
      /* 16 */ { kind: 'invention', number: 'CN116000001B', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted' },
      /* 17 */ { kind: 'invention', number: '２０２３ １ ０３９７７４４．０', title: '一种锂离子电池隔膜及其制备方法。', rank: 1, status: 'applied', date: '2023' },
      /* 18 */ { kind: 'utility', number: '202220333334.0', title: '一种光伏组件清洁机器人', rank: 1, status: 'granted', date: '2022-10-18' },
      /* 19 */ { kind: 'invention', number: '', title: '一种光伏组件清洁机器人', rank: 1, status: 'granted' },
    ]
    const { detail } = await verifyAll(claims, { from: '2021-01-01', to: '2025-12-31' })
    check(detail.items, [
      /* 1 */ { verdict: 'consistent', remarks: [] },
      /* 2 */ { verdict: 'inconsistent', discrepancies: ['rank_mismatch'] },
      /* 3 */ { verdict: 'inconsistent', discrepancies: ['status_mismatch'] },
      /* 4 namesake's patent */ { verdict: 'inconsistent', discrepancies: ['not_inventor'] },
      /* 5 not the university's: the name is compared */ { verdict: 'inconsistent', discrepancies: ['university_not_owner'], remarks: ['inventor_by_name_only'] },
      /* 6 one of two same-title assets: the number decides */ { verdict: 'inconsistent', discrepancies: ['kind_mismatch'], remarks: ['number_kind_conflict'] },
      /* 7 granted 2020, period from 2021 */ { verdict: 'inconsistent', discrepancies: ['date_out_of_period'], remarks: ['right_lapsed'] },
      /* 8 */ { verdict: 'inconsistent', discrepancies: ['title_mismatch'] },
      /* 9 */ { verdict: 'inconsistent', discrepancies: ['date_mismatch'] },
      /* 10 ambiguous link with him among the candidates */ { verdict: 'inconsistent', discrepancies: ['inventor_unconfirmed'] },
      /* 11 same name judged external on a university right */ { verdict: 'inconsistent', discrepancies: ['not_inventor'] },
      /* 12 */ { verdict: 'invalid_number' },
      /* 13 */ { verdict: 'not_found' },
      /* 14 */ { verdict: 'consistent' },
      /* 15 suggested link */ { verdict: 'consistent', remarks: ['inventor_link_suggested'] },
      /* 16 by grant number */ { verdict: 'consistent', remarks: ['found_by_publication_number'] },
      /* 17 full-width, blanks, applied while granted */ { verdict: 'consistent', remarks: ['already_granted'] },
      /* 18 */ { verdict: 'consistent' },
      /* 19 no number */ { verdict: 'invalid_number' },
    ])

    // Every code of the contract occurs above, and every code has a Chinese label.
    const seen = new Set(detail.items.flatMap((i) => i.discrepancies))
    expect([...seen].sort()).toEqual([...DISCREPANCY_CODES].sort())
    expect(new Set(detail.items.map((i) => i.verdict))).toEqual(new Set(VERDICTS))
    for (const code of DISCREPANCY_CODES) expect(DISCREPANCY_LABELS[code]).toMatch(/[\u4e00-\u9fff]/)
    for (const code of REMARK_CODES) expect(REMARK_LABELS[code]).toMatch(/[\u4e00-\u9fff]/)
    for (const v of VERDICTS) expect(VERDICT_LABELS[v]).toMatch(/[\u4e00-\u9fff]/)

    const item = (seq: number) => detail.items.find((i) => i.seq === seq)!
    // Namesakes: the other 张伟's 工号 is named, not just "not an inventor".
    expect(item(4).findings[0]!.detail).toContain('2010002')
    expect(item(4).evidence!.self).toMatchObject({ match: 'other', otherStaffNo: '2010002' })
    expect(item(10).evidence!.self).toMatchObject({ match: 'unconfirmed', rank: 2, linkState: 'ambiguous' })
    expect(item(10).findings[0]!.detail).toContain('同名')
    expect(item(11).findings[0]!.detail).toContain('校外')
    expect(item(5).evidence!.self).toMatchObject({ match: 'name_only', rank: 1 })
    expect(item(2).findings[0]!.detail).toBe('声明为第2，档案中为第1')
    expect(item(7).findings[0]!.detail).toContain('2020-04-21')
    // invalid_number suggests the valid number and says what the archive holds under it.
    expect(item(12).suggestion!.numbers).toEqual(['202310397744.0'])
    expect(item(12).suggestion!.text).toContain('校验位应为 0')
    expect(item(12).suggestion!.text).toContain('一种锂离子电池隔膜及其制备方法')
    expect(item(12).evidence!.lookup.expectedCheck).toBe('0')
    // not_found suggests both same-title assets of his; the claim was never matched by title.
    expect(item(13).evidence!.asset).toBeNull()
    expect(item(13).suggestion!.numbers.sort()).toEqual(['202210333333.0', '202220333334.0'])
    expect(item(19).suggestion!.numbers.sort()).toEqual(['202210333333.0', '202220333334.0'])
    // Evidence snapshot carries the record and the inventors with their link states.
    expect(item(1).evidence!.asset).toMatchObject({ appNo: '202310397744.0', grantDate: '2025-03-14', universityOwned: true })
    expect(item(1).evidence!.inventors.map((i) => [i.rank, i.name, i.linkState])).toEqual([
      [1, '张伟', 'confirmed'],
      [2, '李娜', 'confirmed'],
      [3, 'John Smith', 'external'],
    ])
  })

  it("a rank that says how many inventors there are ('独立完成', '1/3') is checked against the archive's list", async () => {
    const claim = (rank: string): Claim => ({ kind: 'invention', number: '202310397744.0', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted', raw: { rank } })
    const { detail } = await verifyAll([claim('独立完成'), claim('1/3'), claim('第1（共5人）'), claim('第一发明人')])
    // The archive lists three inventors, 张伟 first.
    check(detail.items, [
      { verdict: 'inconsistent', discrepancies: ['rank_mismatch'] },
      { verdict: 'consistent' },
      { verdict: 'inconsistent', discrepancies: ['rank_mismatch'] },
      { verdict: 'consistent' },
    ])
    expect(detail.items[0]!.findings[0]!.detail).toBe('声明为“独立完成”（唯一发明人），档案中共 3 位发明人（1.张伟、2.李娜、3.John Smith），本人为第1发明人')
    expect(detail.items[2]!.findings[0]!.detail).toContain('（共 5 人），档案中共 3 位发明人')
  })

  it('checks the period against the grant date of a claimed 授权 and the filing date of a claimed 申请', async () => {
    const { detail } = await verifyAll(
      [
        { kind: 'invention', number: '202310397744.0', rank: 1, status: 'granted' }, // granted 2025-03-14
        { kind: 'invention', number: '202310397744.0', rank: 1, status: 'applied' }, // filed 2023-04-11
        { kind: 'invention', number: '202310397744.0', rank: 1 }, // granted → grant date
      ],
      { from: '2023-01-01', to: '2024-12-31' },
    )
    expect(detail.items.map((i) => i.discrepancies)).toEqual([['date_out_of_period'], [], ['date_out_of_period']])
    expect(detail.items[0]!.evidence!.periodDate).toEqual({ date: '2025-03-14', basis: 'grant' })
    expect(detail.items[1]!.evidence!.periodDate).toEqual({ date: '2023-04-11', basis: 'filing' })
  })

  it('does not accept a claimed 授权 for a rejected or withdrawn application, but does for a granted-then-lapsed one', async () => {
    const t = await testArchive()
    await t.db.updateTable('ip_asset').set({ status_group: 'lapsed', status_event: '驳回' }).where('id', '=', t.a.pending).execute()
    const id = await createDisclosure(t.db, {
      researcherId: t.r.zhang,
      purpose: '考核',
      items: [
        { seq: 1, number: '202410555555.6', status: 'granted' },
        { seq: 2, number: '201810666666.9', status: 'granted' },
        { seq: 3, number: '202410555555.6', status: 'applied' },
      ],
    })
    const items = (await getDisclosure(t.db, id)).items
    expect(items.map((i) => [i.verdict, i.discrepancies])).toEqual([
      ['inconsistent', ['status_mismatch']],
      ['consistent', []],
      ['consistent', []],
    ])
  })

  it('does not hold a gap in the archive against the claim: no grant date, no date check', async () => {
    const t = await testArchive()
    await t.db.updateTable('ip_asset').set({ grant_date: null }).where('id', '=', t.a.granted).execute()
    const id = await createDisclosure(t.db, {
      researcherId: t.r.zhang,
      purpose: '考核',
      items: [
        { seq: 1, number: '202310397744.0', status: 'granted', date: '2025-03-14' },
        { seq: 2, number: '202310397744.0', status: 'applied', date: '2023-04-12' },
      ],
    })
    const items = (await getDisclosure(t.db, id)).items
    expect(items.map((i) => [i.discrepancies, i.remarks.map((r) => r.code)])).toEqual([
      [[], ['grant_date_missing']],
      [['date_mismatch'], ['already_granted']],
    ])
  })
})

describe('engine pieces', () => {
  it('reads granted from grant data, grant kind codes, status and post-grant lapses', () => {
    const base = {
      id: 1,
      kind: 'invention' as const,
      appNo: '202310397744.0',
      title: 't',
      filingDate: '2023-01-01',
      pubNo: null,
      pubDate: null,
      grantNo: null,
      grantDate: null,
      statusGroup: 'pending' as const,
      statusEvent: '实质审查',
      statusRaw: '',
      statusDate: null,
      universityOwned: true,
      applicants: '',
      currentOwner: '',
      college: '',
    }
    expect(isGranted(base)).toBe(false)
    expect(isGranted({ ...base, grantDate: '2024-01-01' })).toBe(true)
    expect(isGranted({ ...base, pubNo: 'CN116000001B' })).toBe(true)
    expect(isGranted({ ...base, pubNo: 'CN116111111A' })).toBe(false)
    expect(isGranted({ ...base, statusGroup: 'valid', statusEvent: '专利权维持' })).toBe(true)
    expect(isGranted({ ...base, statusGroup: 'valid', statusEvent: '待办登' })).toBe(false)
    expect(isGranted({ ...base, statusGroup: 'lapsed', statusEvent: '未缴年费终止' })).toBe(true)
    expect(isGranted({ ...base, statusGroup: 'lapsed', statusEvent: '视为撤回' })).toBe(false)
  })

  it('compares partial dates and periods by the days they cover', () => {
    expect(dateRange('2023')).toEqual(['2023-01-01', '2023-12-31'])
    expect(dateRange('2023-05')).toEqual(['2023-05-01', '2023-05-31'])
    expect(outOfPeriod('2020-12-31', '2021-01-01', null)).toBe(true)
    expect(outOfPeriod('2021-01-01', '2021-01-01', '2021-12-31')).toBe(false)
    expect(outOfPeriod('2021', '2021-06-01', '2021-06-30')).toBe(false)
    expect(outOfPeriod('2022-01', null, '2021-12-31')).toBe(true)
  })

  it('tells a retyped title from a different one', () => {
    expect(titleSimilarity('一种锂离子电池隔膜及其制备方法', '一种锂离子电池隔膜 及其制备方法。')).toBe(1)
    expect(titleSimilarity('一种基于深度学习的图像识别方法', '一种基于深度学习的图象识别方法')).toBeGreaterThanOrEqual(0.8)
    expect(titleSimilarity('一种锂离子电池隔膜及其制备方法', '一种数控机床主轴冷却结构')).toBeLessThan(0.3)
  })

  it('parses claims with defaults', () => {
    expect(claimSchema.parse({ seq: 1 })).toMatchObject({ kind: null, number: '', rank: null, status: null, date: null, raw: {} })
  })
})
