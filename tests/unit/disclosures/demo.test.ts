import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { seedDemo } from '../../../src-main/demo/seed'
import { getDisclosure, listDisclosures } from '../../../src-main/disclosures/service'
import { disclosureStats } from '../../../src-main/disclosures/stats'
import { tempArchive } from '../helpers/temp'

describe('demo disclosures', () => {
  it('the demo archive holds four verifications, two signed, with every verdict', async () => {
    const archive = await tempArchive()
    const today = '2026-11-25'
    // seedDemo calls seedDemoDisclosures inside its own transaction.
    await seedDemo(archive.db, { today })
    const list = await listDisclosures(archive.db, {})
    const ids = list.items.map((d) => d.id).sort((a, b) => a - b)
    expect(ids).toHaveLength(4)
    expect(list.total).toBe(4)
    expect(list.items.filter((d) => d.status === 'signed')).toHaveLength(2)
    const details = await Promise.all(ids.map((id) => getDisclosure(archive.db, id)))
    const verdicts = new Set(details.flatMap((d) => d.items.map((i) => i.verdict)))
    expect(verdicts).toEqual(new Set(['consistent', 'inconsistent', 'invalid_number', 'not_found']))
    expect(details.flatMap((d) => d.items).some((i) => i.override)).toBe(true)
    expect(details[0]!.items.find((i) => i.verdict === 'invalid_number')!.note).toContain('抄写错误')
    const stats = await disclosureStats(archive.db, { from: '2026-01-01', to: '2026-12-31' })
    expect(stats.disclosures).toBe(2)
    expect(stats.drafts).toBe(2)
    expect((await verifyAuditChain(archive.db)).ok).toBe(true)

    // Deterministic: the same seed gives the same demo.
    const again = await tempArchive()
    await seedDemo(again.db, { today })
    const first = (await listDisclosures(again.db, {})).items.map((d) => [d.researcher.staffNo, d.purpose, d.counts])
    expect(first).toEqual(list.items.map((d) => [d.researcher.staffNo, d.purpose, d.counts]))
  })
})
