import Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

export interface Anchor {
  name: string
  path: string
  /** ISO time the backup was taken. */
  createdAt: string
}

const MAX_ANCHORS = 5

function headOf(path: string): { id: number; hash: string } | null {
  let db: Database.Database | null = null
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    return (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null
  } catch {
    return null // not an archive we can read: no evidence either way
  } finally {
    db?.close()
  }
}

/**
 * The hash chain proves each entry follows from the ones before it, but anyone able to edit the file
 * can cut entries off the end, or rewrite the log and recompute every hash. A backup holds the log
 * as it was: its newest entry must still be in the archive with the same hash. Backups taken before
 * the archive's latest restore are skipped — a restore legitimately replaces the log with an older one.
 */
export async function checkAnchors(db: Kysely<DB>, backups: readonly Anchor[]): Promise<{ checked: number; mismatch: string | null }> {
  const lastRestore = await db.selectFrom('audit_log').select('at').where('action', '=', 'restore').orderBy('id', 'desc').limit(1).executeTakeFirst()
  const candidates = backups
    .filter((b) => !lastRestore || b.createdAt > lastRestore.at)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, MAX_ANCHORS)
  let checked = 0
  for (const backup of candidates) {
    const head = headOf(backup.path)
    if (!head) continue
    checked++
    const row = await db.selectFrom('audit_log').select('hash').where('id', '=', head.id).executeTakeFirst()
    if (!row || row.hash !== head.hash) return { checked, mismatch: backup.name }
  }
  return { checked, mismatch: null }
}
