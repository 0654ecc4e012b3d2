import { describe, expect, it } from 'vitest'
import type { ClaimInput } from '../../../src-main/contract/disclosures'
import { AppError } from '../../../src-main/contract/result'
import { verifyAuditChain } from '../../../src-main/audit/log'
import {
  createDisclosure,
  deleteDisclosure,
  getDisclosure,
  getResearcherByStaffNo,
  listDisclosures,
  overrideItem,
  setItemNote,
  signDisclosure,
  updateDisclosure,
  verifyDisclosure,
} from '../../../src-main/disclosures/service'
import { disclosureStats, itemCountsQuery } from '../../../src-main/disclosures/stats'
import { testArchive } from './fixtures'

const CLAIMS: ClaimInput[] = [
  { seq: 1, kind: 'invention', number: '202310397744.0', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted' },
  { seq: 2, kind: 'invention', number: '202410555555.6', title: '一种基于深度学习的缺陷检测方法', rank: 1, status: 'granted' },
  { seq: 3, kind: 'invention', number: '202310397744.1', rank: 1, status: 'granted' },
]

async function rejects(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  if (message) expect((error as AppError).message).toMatch(message)
}

describe('disclosure records', () => {
  it('freezes a signed verification: later archive changes do not alter it', async () => {
    const t = await testArchive()
    const id = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '职称评审', periodFrom: '2021-01-01', periodTo: '2025-12-31', items: CLAIMS })
    await signDisclosure(t.db, id, { now: new Date('2026-03-02T09:00:00Z') })
    const signed = await getDisclosure(t.db, id)
    expect(signed).toMatchObject({ status: 'signed', signedBy: '测试馆员', signedOn: '2026-03-02', certificateNo: 'HS20260001' })
    expect(signed.items.map((i) => i.verdict)).toEqual(['consistent', 'inconsistent', 'invalid_number'])

    // The archive moves on: the patent lapses and is renamed, the pending one is granted, the link is
    // reassigned to the namesake, the researcher is renamed, one asset is deleted altogether.
    await t.db.updateTable('ip_asset').set({ status_group: 'lapsed', status_event: '未缴年费终止', title: '改名后的标题' }).where('id', '=', t.a.granted).execute()
    await t.db.updateTable('ip_asset').set({ status_group: 'valid', status_event: '授权', grant_date: '2026-02-01' }).where('id', '=', t.a.pending).execute()
    await t.db.updateTable('asset_inventor').set({ researcher_id: t.r.zhang2 }).where('asset_id', '=', t.a.granted).where('rank', '=', 1).execute()
    await t.db.updateTable('researcher').set({ name: '张伟（已调离）', college: '其他单位' }).where('id', '=', t.r.zhang).execute()
    await t.db.deleteFrom('ip_asset').where('id', '=', t.a.pending).execute()

    const after = await getDisclosure(t.db, id)
    expect(after.items).toEqual(signed.items)
    expect(after.researcher).toEqual(signed.researcher)
    expect(after.items[0]!.evidence!.asset!.title).toBe('一种锂离子电池隔膜及其制备方法')
    expect(after.items[1]!.evidence!.asset!.statusGroup).toBe('pending')

    // And it cannot be changed any more.
    await rejects(verifyDisclosure(t.db, id), 'conflict', /已冻结/)
    await rejects(updateDisclosure(t.db, { id, purpose: '考核', items: CLAIMS }), 'conflict')
    await rejects(setItemNote(t.db, after.items[0]!.id, '补充'), 'conflict')
    await rejects(overrideItem(t.db, after.items[1]!.id, 'consistent', '已查验证书'), 'conflict')
    await rejects(deleteDisclosure(t.db, id), 'conflict')
    await rejects(signDisclosure(t.db, id), 'conflict')

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'after']).where('entity', '=', 'disclosure').orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'verify', 'sign'])
    expect(JSON.parse(audit[2]!.after!)).toMatchObject({ certificateNo: 'HS20260001', digest: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect((await verifyAuditChain(t.db)).ok).toBe(true)
  })

  it('re-verifies a draft against the archive as it is now', async () => {
    const t = await testArchive()
    const id = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '考核', items: CLAIMS })
    expect((await getDisclosure(t.db, id)).items[1]!.discrepancies).toEqual(['status_mismatch'])
    await t.db.updateTable('ip_asset').set({ status_group: 'valid', status_event: '授权', grant_date: '2025-12-01' }).where('id', '=', t.a.pending).execute()
    const counts = await verifyDisclosure(t.db, id)
    expect(counts).toMatchObject({ total: 3, consistent: 2, invalid_number: 1 })
    expect((await getDisclosure(t.db, id)).items[1]!.verdict).toBe('consistent')
  })

  it('lets the librarian override a verdict only with a reason, and note an item; both are audited', async () => {
    const t = await testArchive()
    const id = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '奖励申报', items: CLAIMS })
    const item = (await getDisclosure(t.db, id)).items[1]!
    await rejects(overrideItem(t.db, item.id, 'consistent', ''), 'invalid_input', /理由/)
    await rejects(overrideItem(t.db, item.id, 'consistent', ' 。'), 'invalid_input', /理由/)
    await rejects(overrideItem(t.db, item.id, 'inconsistent', '同结论'), 'invalid_input', /相同/)
    const overridden = await overrideItem(t.db, item.id, 'consistent', '已查验授权通知书原件，档案尚未更新', { operator: '王馆员' })
    expect(overridden).toMatchObject({ verdict: 'inconsistent', effectiveVerdict: 'consistent', override: { verdict: 'consistent', reason: '已查验授权通知书原件，档案尚未更新', by: '王馆员' } })
    const noted = await setItemNote(t.db, item.id, '  证书号 第123456号 ')
    expect(noted.note).toBe('证书号 第123456号')

    const detail = await getDisclosure(t.db, id)
    expect(detail.counts).toMatchObject({ consistent: 2, inconsistent: 0, invalid_number: 1, overridden: 1 })

    // Re-verifying keeps the override; editing the list keeps it for the unchanged item.
    await verifyDisclosure(t.db, id)
    await updateDisclosure(t.db, { id, purpose: '奖励申报', items: [...CLAIMS.slice(0, 2), { seq: 3, number: '202310397744.0' }] })
    const edited = await getDisclosure(t.db, id)
    expect(edited.items[1]).toMatchObject({ effectiveVerdict: 'consistent', note: '证书号 第123456号' })
    expect(edited.items[2]!.verdict).toBe('consistent')

    const cleared = await overrideItem(t.db, edited.items[1]!.id, null, '')
    expect(cleared).toMatchObject({ effectiveVerdict: 'inconsistent', override: null })

    const actions = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'disclosure_item').orderBy('id').execute()
    expect(actions.map((a) => a.action)).toEqual(['override', 'update', 'override'])
  })

  it('refuses bad input and changes nothing', async () => {
    const t = await testArchive()
    await rejects(createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '考核', periodFrom: '2025-01-01', periodTo: '2024-01-01', items: CLAIMS }), 'invalid_input', /晚于/)
    await rejects(createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '考核', items: [CLAIMS[0]!, { ...CLAIMS[1]!, seq: 1 }] }), 'invalid_input', /序号重复/)
    await rejects(createDisclosure(t.db, { researcherId: 9999, purpose: '考核', items: CLAIMS }), 'not_found')
    await rejects(getResearcherByStaffNo(t.db, '9999999'), 'not_found', /9999999/)
    expect(await t.db.selectFrom('disclosure').selectAll().execute()).toEqual([])
    expect((await getResearcherByStaffNo(t.db, ' ２００５００１ ')).id).toBe(t.r.zhang)
  })

  it('deletes drafts only', async () => {
    const t = await testArchive()
    const id = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '考核', items: CLAIMS })
    await deleteDisclosure(t.db, id)
    expect(await t.db.selectFrom('disclosure_item').selectAll().execute()).toEqual([])
    await rejects(getDisclosure(t.db, id), 'not_found')
  })
})

describe('history and statistics', () => {
  it('lists a researcher’s verifications, searchable by name, 工号, purpose and certificate number', async () => {
    const t = await testArchive()
    const a = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '职称评审', items: CLAIMS }, { now: new Date('2025-03-01T02:00:00Z') })
    const b = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '项目结题', items: CLAIMS.slice(0, 1) }, { now: new Date('2026-01-10T02:00:00Z') })
    const c = await createDisclosure(t.db, { researcherId: t.r.li, purpose: '考核', items: CLAIMS.slice(0, 1) })
    await signDisclosure(t.db, b, { now: new Date('2026-01-12T02:00:00Z') })

    const mine = await listDisclosures(t.db, { researcherId: t.r.zhang })
    expect(mine.total).toBe(2)
    expect(mine.items.map((d) => d.id)).toEqual([b, a])
    expect(mine.items[1]!.counts).toMatchObject({ total: 3, consistent: 1, inconsistent: 1, invalid_number: 1 })
    expect((await listDisclosures(t.db, { q: '张伟' })).total).toBe(2)
    expect((await listDisclosures(t.db, { q: 'zw' })).total).toBe(0) // name_initials not filled by this fixture
    expect((await listDisclosures(t.db, { q: '2012003' })).items.map((d) => d.id)).toEqual([c])
    expect((await listDisclosures(t.db, { q: '结题' })).items.map((d) => d.id)).toEqual([b])
    expect((await listDisclosures(t.db, { q: 'HS2026' })).items.map((d) => d.id)).toEqual([b])
    expect((await listDisclosures(t.db, { status: 'signed' })).total).toBe(1)
    expect((await listDisclosures(t.db, { from: '2025-01-01', to: '2025-12-31' })).items.map((d) => d.id)).toEqual([a])
    expect((await listDisclosures(t.db, { q: '100%_' })).total).toBe(0)

  })

  it('counts signed verifications and their items by final verdict for a date range, through the index', async () => {
    const t = await testArchive()
    const ids = []
    for (const [purpose, day] of [['职称评审', '2025-06-01'], ['职称评审', '2025-12-31'], ['考核', '2025-07-01'], ['考核', '2026-01-01']] as const) {
      const id = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose, items: CLAIMS })
      ids.push(id)
      await signDisclosure(t.db, id, { now: new Date(`${day}T04:00:00`) })
    }
    const draft = await createDisclosure(t.db, { researcherId: t.r.li, purpose: '考核', items: CLAIMS }, { now: new Date('2025-05-01T04:00:00') })
    const item = (await getDisclosure(t.db, draft)).items[1]!
    await overrideItem(t.db, item.id, 'consistent', '原件已核')
    // An override on a signed one counts under the override (李娜 is second inventor of the first
    // claim and no inventor of the second: 2 inconsistent, 1 of them overridden to consistent).
    const ov = await createDisclosure(t.db, { researcherId: t.r.li, purpose: '奖励申报', items: CLAIMS })
    await overrideItem(t.db, (await getDisclosure(t.db, ov)).items[1]!.id, 'consistent', '原件已核')
    await signDisclosure(t.db, ov, { now: new Date('2025-08-08T04:00:00') })

    const stats = await disclosureStats(t.db, { from: '2025-01-01', to: '2025-12-31' })
    expect(stats).toMatchObject({
      disclosures: 4,
      researchers: 2,
      items: { total: 12, consistent: 4, inconsistent: 4, not_found: 0, invalid_number: 4, unverified: 0, overridden: 1 },
      drafts: 1,
    })
    expect(stats.byPurpose).toEqual([
      { purpose: '职称评审', disclosures: 2, items: 6 },
      { purpose: '奖励申报', disclosures: 1, items: 3 },
      { purpose: '考核', disclosures: 1, items: 3 },
    ])

    const compiled = itemCountsQuery(t.db, { from: '2025-01-01', to: '2025-12-31' }).compile()
    const plan = t.archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]
    const text = plan.map((r) => r.detail).join('\n')
    expect(text).toMatch(/SEARCH d USING INDEX disclosure_status_signed_on \(status=\? AND signed_on>\? AND signed_on<\?\)/)
    expect(text).toMatch(/SEARCH i USING INDEX sqlite_autoindex_disclosure_item_1 \(disclosure_id=\?\)/)
  })
})
