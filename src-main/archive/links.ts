import { sql, type Kysely } from 'kysely'
import { linkQueueInput, linkSetInput, type InventorLink, type LinkQueueItem, type LinkSetInput, type PortfolioItem } from '../contract/archive'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import type { DB, LinkState } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { inventorLinks } from './assets'
import { deriveAssetDisciplines } from './disciplines'
import { researchersByIds } from './researchers'
import { hasColumn } from './schema-probe'
import { assetRowsByIds } from './search'
import { cleanQuery, escapeLike } from './text-util'

// The librarian's side of inventor linking: confirm a suggested link, choose among namesakes, reassign to
// another researcher, or mark an inventor external (校外). Each decision is audited (action 'link' on the
// asset) and marked link_source = 'manual' where the schema has it, so automatic re-linking after a
// roster import leaves it alone. The asset's derived disciplines follow.

interface LinkRow {
  researcher_id: number | null
  link_state: LinkState
  raw_name: string
  candidates: string
}

function candidateIds(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []
  } catch {
    return []
  }
}

async function writeLink(
  db: Kysely<DB>,
  assetId: number,
  rank: number,
  next: { researcherId: number | null; state: LinkState },
  withSource: boolean,
): Promise<void> {
  await sql`UPDATE asset_inventor SET researcher_id = ${next.researcherId}, link_state = ${next.state}
    ${withSource ? sql`, link_source = 'manual'` : sql``} WHERE asset_id = ${assetId} AND rank = ${rank}`.execute(db)
}

/** Confirm, assign (reassign) or mark external one inventor of an asset. */
export async function setInventorLink(db: Kysely<DB>, input: LinkSetInput): Promise<InventorLink> {
  const p = linkSetInput.parse(input)
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('asset_inventor')
      .select(['researcher_id', 'link_state', 'raw_name', 'candidates'])
      .where('asset_id', '=', p.assetId)
      .where('rank', '=', p.rank)
      .executeTakeFirst()
    if (!row) throw new AppError('not_found', `这项知识产权没有第 ${p.rank} 位发明人：可能已被重新导入。请刷新页面。`)
    const next = await decide(trx, row, p)
    const withSource = await hasColumn(trx, 'asset_inventor', 'link_source')
    await writeLink(trx, p.assetId, p.rank, next, withSource)
    await appendAudit(trx, {
      operator: await getOperator(trx),
      action: 'link',
      entity: 'ip_asset',
      entityId: p.assetId,
      before: { rank: p.rank, name: row.raw_name, researcherId: row.researcher_id, state: row.link_state },
      after: { rank: p.rank, name: row.raw_name, researcherId: next.researcherId, state: next.state },
    })
    await deriveAssetDisciplines(trx, p.assetId)
    return (await inventorLinks(trx, p.assetId)).find((l) => l.rank === p.rank)!
  })
}

async function decide(db: Kysely<DB>, row: LinkRow, p: ReturnType<typeof linkSetInput.parse>): Promise<{ researcherId: number | null; state: LinkState }> {
  switch (p.action) {
    case 'external':
      return { researcherId: null, state: 'external' }
    case 'confirm': {
      const chosen = p.researcherId ?? row.researcher_id
      if (chosen === null || chosen === undefined) {
        throw new AppError('invalid_input', `“${row.raw_name}”有多位同名科研人员：请先选定是哪一位，再确认。`)
      }
      if (p.researcherId !== undefined && row.researcher_id !== p.researcherId && !candidateIds(row.candidates).includes(p.researcherId)) {
        throw new AppError('invalid_input', '所选人员不在候选名单中：如需改为其他人员，请使用“改为其他人员”。')
      }
      await assertResearcher(db, chosen)
      return { researcherId: chosen, state: 'confirmed' }
    }
    case 'assign': {
      if (p.researcherId === undefined) throw new AppError('invalid_input', '请选择要关联的科研人员。')
      await assertResearcher(db, p.researcherId)
      return { researcherId: p.researcherId, state: 'confirmed' }
    }
    default: {
      const unreachable: never = p.action
      throw new Error(`unhandled link action ${String(unreachable)}`)
    }
  }
}

async function assertResearcher(db: Kysely<DB>, id: number): Promise<void> {
  const found = await db.selectFrom('researcher').select('id').where('id', '=', id).executeTakeFirst()
  if (!found) throw new AppError('not_found', '所选科研人员已不在名册中：请刷新后重新选择。')
}

/**
 * Confirm suggested links in bulk: the listed ones, or every suggested link. Links that are no longer
 * 'suggested' (someone settled them meanwhile) are skipped. One audit entry per link.
 */
/**
 * Confirm suggested links: the listed ones; else every one whose inventor name contains `q` (the queue's name
 * filter, as the librarian sees it applied), or every one when there is no filter.
 */
export async function confirmSuggested(db: Kysely<DB>, items?: { assetId: number; rank: number }[], q?: string): Promise<{ confirmed: number }> {
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const withSource = await hasColumn(trx, 'asset_inventor', 'link_source')
    let rows: { asset_id: number; rank: number; raw_name: string; researcher_id: number | null }[]
    if (items) {
      rows = []
      for (const item of items) {
        const r = await trx
          .selectFrom('asset_inventor')
          .select(['asset_id', 'rank', 'raw_name', 'researcher_id'])
          .where('asset_id', '=', item.assetId)
          .where('rank', '=', item.rank)
          .where('link_state', '=', 'suggested')
          .executeTakeFirst()
        if (r) rows.push(r)
      }
    } else {
      const name = cleanQuery(q)
      rows = await trx
        .selectFrom('asset_inventor')
        .select(['asset_id', 'rank', 'raw_name', 'researcher_id'])
        .where('link_state', '=', 'suggested')
        .$if(name !== '', (b) => b.where(sql<boolean>`raw_name LIKE ${'%' + escapeLike(name) + '%'} ESCAPE '\\'`))
        .orderBy('asset_id')
        .orderBy('rank')
        .execute()
    }
    const assets = new Set<number>()
    let confirmed = 0
    for (const r of rows) {
      if (r.researcher_id === null) continue
      await writeLink(trx, r.asset_id, r.rank, { researcherId: r.researcher_id, state: 'confirmed' }, withSource)
      await appendAudit(trx, {
        operator,
        action: 'link',
        entity: 'ip_asset',
        entityId: r.asset_id,
        before: { rank: r.rank, name: r.raw_name, researcherId: r.researcher_id, state: 'suggested' },
        after: { rank: r.rank, name: r.raw_name, researcherId: r.researcher_id, state: 'confirmed' },
      })
      assets.add(r.asset_id)
      confirmed++
    }
    for (const assetId of assets) await deriveAssetDisciplines(trx, assetId)
    return { confirmed }
  })
}

/** Links waiting for a librarian: suggested and ambiguous, with their candidates; oldest assets first. */
export async function linkQueue(
  db: Kysely<DB>,
  input: Partial<ReturnType<typeof linkQueueInput.parse>> = {},
): Promise<{ total: number; counts: { suggested: number; ambiguous: number }; items: LinkQueueItem[] }> {
  const p = linkQueueInput.parse(input)
  const q = cleanQuery(p.q)
  const nameFilter = q ? sql`AND ai.raw_name LIKE ${'%' + escapeLike(q) + '%'} ESCAPE '\\'` : sql``
  const counts = { suggested: 0, ambiguous: 0 }
  for (const row of (
    await sql<{ link_state: 'suggested' | 'ambiguous'; n: number }>`SELECT link_state, count(*) AS n FROM asset_inventor ai
      WHERE link_state IN ('suggested', 'ambiguous') ${nameFilter} GROUP BY link_state`.execute(db)
  ).rows) {
    counts[row.link_state] = Number(row.n)
  }
  const total = p.states.reduce((sum, s) => sum + counts[s], 0)
  const rows = (
    await sql<{ asset_id: number; rank: number; raw_name: string; link_state: 'suggested' | 'ambiguous'; researcher_id: number | null; candidates: string }>`
      SELECT ai.asset_id, ai.rank, ai.raw_name, ai.link_state, ai.researcher_id, ai.candidates FROM asset_inventor ai
      WHERE ai.link_state IN (${sql.join(p.states)}) ${nameFilter}
      ORDER BY ai.link_state, ai.asset_id, ai.rank LIMIT ${p.limit} OFFSET ${p.offset}`.execute(db)
  ).rows
  const people = new Set<number>()
  for (const r of rows) {
    if (r.researcher_id !== null) people.add(r.researcher_id)
    for (const c of candidateIds(r.candidates)) people.add(c)
  }
  const byId = new Map((await researchersByIds(db, [...people])).map((x) => [x.id, x]))
  const assets = new Map((await assetRowsByIds(db, rows.map((r) => r.asset_id))).map((a) => [a.id, a]))
  return {
    total,
    counts,
    items: rows.flatMap((r) => {
      const a = assets.get(r.asset_id)
      if (!a) return []
      return [
        {
          assetId: r.asset_id,
          rank: r.rank,
          rawName: r.raw_name,
          linkState: r.link_state,
          researcher: r.researcher_id !== null ? (byId.get(r.researcher_id) ?? null) : null,
          candidates: candidateIds(r.candidates).flatMap((c) => byId.get(c) ?? []),
          asset: { appNo: a.appNo, title: a.title, kind: a.kind, filingDate: a.filingDate, college: a.college, applicants: a.applicants, inventors: a.inventors },
        },
      ]
    }),
  }
}

/** Every asset a researcher is linked to (confirmed or suggested), first-inventor ones first, newest first. */
export async function researcherPortfolio(db: Kysely<DB>, researcherId: number): Promise<{ items: PortfolioItem[]; namesakePending: number }> {
  const links = await db
    .selectFrom('asset_inventor')
    .select(['asset_id', 'rank', 'link_state'])
    .where('researcher_id', '=', researcherId)
    .where('link_state', 'in', ['confirmed', 'suggested'])
    .execute()
  const rows = await assetRowsByIds(db, links.map((l) => l.asset_id))
  const linkOf = new Map(links.map((l) => [l.asset_id, l]))
  const items = rows.map((r) => ({ ...r, rank: linkOf.get(r.id)!.rank, linkState: linkOf.get(r.id)!.link_state }))
  items.sort((a, b) => (a.rank === 1 ? 0 : 1) - (b.rank === 1 ? 0 : 1) || (b.filingDate ?? '').localeCompare(a.filingDate ?? '') || b.id - a.id)
  // Inventors this researcher is a candidate for among namesakes (同名待定): not in the portfolio until a
  // librarian settles them, but the page says they are waiting. Found by the name's index, then the candidates.
  const pending = await sql<{ n: number }>`
    SELECT count(*) AS n FROM asset_inventor ai JOIN researcher r ON r.id = ${researcherId}
    WHERE ai.raw_name = r.name AND ai.link_state = 'ambiguous'
      AND EXISTS (SELECT 1 FROM json_each(ai.candidates) c WHERE c.value = ${researcherId})`.execute(db)
  return { items, namesakePending: pending.rows[0]?.n ?? 0 }
}
