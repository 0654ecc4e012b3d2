import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { deriveConversionState, stateFromRank, stateRankSql, type ConversionFacts } from '../../../src-main/pool/conversion-state'
import { listInventory } from '../../../src-main/pool/inventory'
import type { ConversionState } from '../../../src-main/contract/pool'
import { tempArchive } from '../helpers/temp'
import { addConversion, addPatent, type ConversionSpec } from './fixture'

const T = '2026-03-15'

function rec(kind: ConversionFacts['kind'], extra: Partial<ConversionFacts> = {}): ConversionFacts {
  return { kind, stage: kind === 'open_license' ? 'published' : null, contractDate: '2024-01-10', startDate: null, endDate: null, ...extra }
}

describe('conversion state derivation (pure)', () => {
  it('is 未转化 with no records, and ignores pledges', () => {
    expect(deriveConversionState([], T)).toEqual({ state: 'none', everConverted: false })
    expect(deriveConversionState([rec('pledge')], T)).toEqual({ state: 'none', everConverted: false })
  })

  it('counts a licence from its start (or contract) date through its end date inclusive', () => {
    expect(deriveConversionState([rec('license', { contractDate: '2025-01-01', endDate: '2027-12-31' })], T).state).toBe('licensed')
    expect(deriveConversionState([rec('license', { contractDate: '2025-01-01', endDate: T })], T).state).toBe('licensed')
    // Ended the day before: no longer licensed, but it was converted once.
    expect(deriveConversionState([rec('license', { contractDate: '2025-01-01', endDate: '2026-03-14' })], T)).toEqual({ state: 'none', everConverted: true })
    // Signed, but starts later: not yet.
    expect(deriveConversionState([rec('license', { contractDate: '2026-01-01', startDate: '2026-04-01' })], T).state).toBe('none')
    // A start date takes over from the contract date (start in the past, contract "in the future" is a typo we still honour).
    expect(deriveConversionState([rec('license', { contractDate: '2026-05-01', startDate: '2026-03-15' })], T).state).toBe('licensed')
    // Contract dated after T with no start date: not yet.
    expect(deriveConversionState([rec('license', { contractDate: '2026-03-16' })], T).state).toBe('none')
    // A record with no dates at all counts: the conversion is known, its date is not.
    expect(deriveConversionState([rec('license', { contractDate: null })], T).state).toBe('licensed')
  })

  it('applies the precedence 已转让 > 作价入股 > 已许可 > 开放许可中', () => {
    const all = [rec('open_license'), rec('license'), rec('equity'), rec('transfer')]
    expect(deriveConversionState(all, T).state).toBe('transferred')
    expect(deriveConversionState(all.slice(0, 3), T).state).toBe('equity')
    expect(deriveConversionState(all.slice(0, 2), T).state).toBe('licensed')
    expect(deriveConversionState(all.slice(0, 1), T).state).toBe('open_licence')
    // Order of the records does not matter.
    expect(deriveConversionState([...all].reverse(), T).state).toBe('transferred')
  })

  it('reads open licences by stage and period', () => {
    expect(deriveConversionState([rec('open_license', { stage: 'published' })], T).state).toBe('open_licence')
    expect(deriveConversionState([rec('open_license', { stage: null })], T).state).toBe('open_licence')
    expect(deriveConversionState([rec('open_license', { stage: 'implemented' })], T).state).toBe('licensed')
    // Withdrawn / period over.
    expect(deriveConversionState([rec('open_license', { endDate: '2025-12-31' })], T)).toEqual({ state: 'none', everConverted: true })
    // A rescinded transfer gives the right back.
    expect(deriveConversionState([rec('transfer', { endDate: '2025-06-30' }), rec('open_license')], T).state).toBe('open_licence')
  })

  it('maps ranks back to states', () => {
    expect([1, 2, 3, 4, 5, 99].map(stateFromRank)).toEqual(['transferred', 'equity', 'licensed', 'open_licence', 'none', 'none'])
  })
})

describe('conversion state in SQL agrees with the pure rule (real database)', () => {
  const cases: { expect: ConversionState; records: ConversionSpec[] }[] = [
    { expect: 'none', records: [] },
    { expect: 'none', records: [{ kind: 'pledge' }] },
    { expect: 'licensed', records: [{ kind: 'license', contract: '2025-01-01', end: '2027-01-01' }] },
    { expect: 'none', records: [{ kind: 'license', contract: '2020-01-01', end: '2025-01-01' }] },
    { expect: 'none', records: [{ kind: 'license', contract: '2026-06-01' }] },
    { expect: 'licensed', records: [{ kind: 'license', contract: null }] },
    { expect: 'transferred', records: [{ kind: 'license' }, { kind: 'transfer' }, { kind: 'open_license' }] },
    { expect: 'equity', records: [{ kind: 'equity' }, { kind: 'license' }] },
    { expect: 'open_licence', records: [{ kind: 'open_license', stage: 'published', contract: '2025-10-01', start: '2025-10-01' }] },
    { expect: 'licensed', records: [{ kind: 'open_license', stage: 'implemented' }, { kind: 'open_license' }] },
    { expect: 'open_licence', records: [{ kind: 'transfer', end: '2025-06-30' }, { kind: 'open_license' }] },
    { expect: 'none', records: [{ kind: 'open_license', end: '2026-03-14' }, { kind: 'pledge' }] },
  ]

  it('gives the same state for every case, and the inventory filters by it', async () => {
    const { db } = await tempArchive()
    const ids: number[] = []
    for (const c of cases) {
      const id = await addPatent(db, { filing: '2019-05-20', grant: '2021-02-02' })
      for (const r of c.records) await addConversion(db, id, r)
      ids.push(id)
    }
    const rows = await db
      .selectFrom('ip_asset as a')
      .select(['a.id', stateRankSql(sql.ref('a.id'), T).as('rank')])
      .where('a.id', 'in', ids)
      .orderBy('a.id')
      .execute()
    expect(rows.map((r) => stateFromRank(r.rank))).toEqual(cases.map((c) => c.expect))

    // The inventory rows (pure rule on loaded records) say the same.
    const page = await listInventory(db, { limit: 200, sort: 'filing_date' }, T)
    const byId = new Map(page.items.map((r) => [r.id, r.state]))
    expect(ids.map((id) => byId.get(id))).toEqual(cases.map((c) => c.expect))
    // A licence that ran out still shows it was converted once.
    expect(page.items.find((r) => r.id === ids[3])!.everConverted).toBe(true)
    expect(page.items.find((r) => r.id === ids[0])!.everConverted).toBe(false)

    for (const state of ['none', 'licensed', 'transferred', 'equity', 'open_licence'] as const) {
      const filtered = await listInventory(db, { filters: { states: [state] }, limit: 200 }, T)
      const expected = ids.filter((_, i) => cases[i]!.expect === state).sort()
      expect(filtered.items.map((r) => r.id).sort(), state).toEqual(expected)
      expect(filtered.total).toBe(expected.length)
    }
    const two = await listInventory(db, { filters: { states: ['licensed', 'open_licence'] }, limit: 200 }, T)
    expect(two.total).toBe(cases.filter((c) => c.expect === 'licensed' || c.expect === 'open_licence').length)
  })
})
