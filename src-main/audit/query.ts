import type { Kysely } from 'kysely'
import type { AuditRow } from '../contract/backup'
import type { DB } from '../db/schema'

export interface AuditFilter {
  /** Local calendar days (YYYY-MM-DD), inclusive. */
  from?: string
  to?: string
  operator?: string
  action?: string
  entity?: string
  entityId?: string
  offset?: number
  limit?: number
}

/**
 * `at` is stored as a UTC instant; the librarian filters by days on the wall clock. Turn a local day
 * into the UTC instant it starts at, so 2024-03-01 means midnight in this machine's time zone.
 */
export function localDayStartUtc(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d).toISOString()
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const next = new Date(y, m - 1, d + 1)
  return `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`
}

function filtered(db: Kysely<DB>, filter: AuditFilter) {
  let query = db.selectFrom('audit_log')
  if (filter.from) query = query.where('at', '>=', localDayStartUtc(filter.from))
  if (filter.to) query = query.where('at', '<', localDayStartUtc(nextDay(filter.to)))
  if (filter.operator) query = query.where('operator', '=', filter.operator)
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.entity) query = query.where('entity', '=', filter.entity)
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId)
  return query
}

/** One page of the audit log, newest first, with the total that matches the filter. */
export async function listAudit(db: Kysely<DB>, filter: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
  const total = Number(
    (await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  )
  const rows = await filtered(db, filter)
    .selectAll()
    .orderBy('id', 'desc')
    .offset(filter.offset ?? 0)
    .limit(filter.limit ?? 50)
    .execute()
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, at: r.at, operator: r.operator, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after })),
  }
}

const FACET_LIMIT = 500

/** What the filter menus can offer: every operator, action and entity that occurs in the log. */
export async function auditFacets(db: Kysely<DB>): Promise<{ operators: string[]; actions: string[]; entities: string[] }> {
  const distinct = async (column: 'operator' | 'action' | 'entity') =>
    (await db.selectFrom('audit_log').select(column).distinct().orderBy(column).limit(FACET_LIMIT).execute()).map((r) => r[column] as string)
  return { operators: await distinct('operator'), actions: await distinct('action'), entities: await distinct('entity') }
}
