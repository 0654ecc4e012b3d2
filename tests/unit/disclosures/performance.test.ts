import { describe, expect, it } from 'vitest'
import type { ClaimInput } from '../../../src-main/contract/disclosures'
import { seedDemo } from '../../../src-main/demo/seed'
import { assetLookupQuery } from '../../../src-main/disclosures/evidence'
import { createDisclosure, getDisclosure, verifyDisclosure } from '../../../src-main/disclosures/service'
import { tempArchive } from '../helpers/temp'

// Issue 5: verifying 1,000 claims should take at most a second. Evidence is read in a few batched,
// indexed queries; this keeps it honest on a demo archive of 3,000 assets.

describe('verifying 1,000 claims', () => {
  it('is batched and fast, and the number lookups use the app_no index', async () => {
    const archive = await tempArchive()
    const db = archive.db
    await seedDemo(db, { scale: 5 })
    const researcher = await db.selectFrom('researcher').select(['id']).orderBy('id').limit(1).executeTakeFirstOrThrow()
    const assets = await db.selectFrom('ip_asset').select(['app_no', 'title', 'kind']).orderBy('id').limit(700).execute()
    const claims: ClaimInput[] = []
    for (let i = 0; i < 1000; i++) {
      const a = assets[i % assets.length]!
      const seq = i + 1
      if (i % 10 === 7) claims.push({ seq, number: a.app_no.replace(/.$/, (c) => (c === '1' ? '2' : '1')), title: a.title, rank: 1, status: 'granted' })
      else if (i % 10 === 9) claims.push({ seq, number: `2025109${String(90000 + i).padStart(5, '0')}`, title: a.title, rank: 1 })
      else claims.push({ seq, kind: a.kind, number: a.app_no, title: a.title, rank: (i % 3) + 1, status: i % 2 ? 'granted' : 'applied', date: '2024' })
    }
    const id = await createDisclosure(db, { researcherId: researcher.id, purpose: '考核', periodFrom: '2020-01-01', periodTo: '2025-12-31', items: claims })

    const started = performance.now()
    const counts = await verifyDisclosure(db, id)
    const elapsed = performance.now() - started
    expect(counts.total).toBe(1000)
    expect(counts.invalid_number + counts.not_found).toBeGreaterThanOrEqual(100)
    // Generous against a slow CI machine; about 0.3 s on a developer laptop.
    expect(elapsed).toBeLessThan(2000)
    console.log(`verified 1,000 claims in ${Math.round(elapsed)} ms`)

    const detail = await getDisclosure(db, id)
    expect(detail.items).toHaveLength(1000)

    for (const column of ['app_no', 'pub_no', 'grant_no'] as const) {
      const compiled = assetLookupQuery(db, column, ['202310397744.0', 'CN116000001B']).compile()
      const plan = archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]
      expect(plan.map((p) => p.detail).join('\n')).toContain(`SEARCH ip_asset USING INDEX ip_asset_${column} (${column}=?)`)
    }
  })
})

describe('the benchmark claim sheet', () => {
  it('feeds `ipdesk verify`, whose JSON reports the service time apart from reading and writing files', async () => {
    const { join } = await import('node:path')
    const { writeBenchClaims } = await import('../../../src-main/disclosures/bench')
    const { runCli } = await import('../../../src-main/cli/main')
    const { disclosuresCommands } = await import('../../../src-main/cli/commands/disclosures')
    const { tempDir } = await import('../helpers/temp')
    const archive = await tempArchive()
    await seedDemo(archive.db, { scale: 2 })
    const dir = tempDir()
    const file = join(dir, 'bench-claims.xlsx')
    const { staffNo, rows } = await writeBenchClaims(archive.db, file, 1000)
    expect(rows).toBe(1000)
    await archive.close()
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(['verify', file, '--researcher', staffNo, '--db', archive.file, '--out', join(dir, 'out'), '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) }, disclosuresCommands)
    expect(err.join('\n')).toBe('')
    expect(code).toBe(0)
    const json = JSON.parse(out.join('\n')) as { items: { verdict: string }[]; timings: { readMs: number; verifyMs: number; filesMs: number } }
    expect(json.items).toHaveLength(1000)
    expect(new Set(json.items.map((i) => i.verdict))).toEqual(new Set(['consistent', 'inconsistent', 'invalid_number', 'not_found']))
    expect(json.timings.verifyMs).toBeGreaterThan(0)
    console.log(`ipdesk verify, 1,000 claims: ${JSON.stringify(json.timings)}`)
  })
})
