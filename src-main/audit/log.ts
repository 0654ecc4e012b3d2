import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'

export interface AuditEntry {
  operator: string
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
}

export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return v
  })
}

interface HashedFields {
  at: string
  operator: string
  action: string
  entity: string
  entity_id: string | null
  before: string | null
  after: string | null
}

export function auditHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson([row.at, row.operator, row.action, row.entity, row.entity_id, row.before, row.after]))
    .digest('hex')
}

/**
 * Append one entry to the hash-chained audit log. Call it inside the same transaction as the
 * change it records, so the log and the data can never disagree.
 */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  const prevHash = last?.hash ?? GENESIS_HASH
  const row: HashedFields = {
    at: nowIso(),
    operator: entry.operator || '未设置操作员',
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: entry.before === undefined ? null : canonicalJson(entry.before),
    after: entry.after === undefined ? null : canonicalJson(entry.after),
  }
  await db
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) })
    .execute()
}

export interface ChainCheck {
  ok: boolean
  entries: number
  /** id of the first entry whose hash does not follow from the entries before it. */
  brokenAt: number | null
}

/**
 * Walk the chain from the first entry. Besides each hash, the ids must run 1, 2, 3, … without a gap:
 * entries are never deleted and ids are not part of the hash, so an edited id (or a deleted entry)
 * shows up as a break in the sequence. `onProgress` is called every batch, for long logs.
 */
export async function verifyAuditChain(db: Kysely<DB>, onProgress?: (entries: number) => Promise<void> | void): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH
  let entries = 0
  const batch = 5000
  let lastId = 0
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute()
    if (!rows.length) break
    for (const row of rows) {
      entries++
      if (row.id !== lastId + 1 || row.prev_hash !== prevHash || auditHash(prevHash, row) !== row.hash) {
        return { ok: false, entries, brokenAt: row.id }
      }
      prevHash = row.hash
      lastId = row.id
    }
    await onProgress?.(entries)
  }
  return { ok: true, entries, brokenAt: null }
}

/** The newest entry's id and hash: what a backup's copy of the log must still agree with. */
export async function auditHead(db: Kysely<DB>): Promise<{ id: number; hash: string } | null> {
  const row = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row ?? null
}
