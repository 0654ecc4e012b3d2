import type { Kysely } from 'kysely'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'

// Drafts of the entry form (service_draft, migration 0008). The renderer saves what was typed a moment
// after each change; a successful save of the record discards the draft in the same transaction.
// Drafts are not records: they are not audited and do not appear in the ledger or its statistics.

export interface Draft {
  slot: string
  payload: string
  updatedAt: string
}

export async function getDraft(db: Kysely<DB>, slot: string): Promise<Draft | null> {
  const row = await db.selectFrom('service_draft').selectAll().where('slot', '=', slot).executeTakeFirst()
  return row ? { slot: row.slot, payload: row.payload, updatedAt: row.updated_at } : null
}

export async function saveDraft(db: Kysely<DB>, slot: string, payload: string): Promise<Draft> {
  const updatedAt = nowIso()
  await db
    .insertInto('service_draft')
    .values({ slot, payload, updated_at: updatedAt })
    .onConflict((oc) => oc.column('slot').doUpdateSet({ payload, updated_at: updatedAt }))
    .execute()
  return { slot, payload, updatedAt }
}

export async function discardDraft(db: Kysely<DB>, slot: string): Promise<void> {
  await db.deleteFrom('service_draft').where('slot', '=', slot).execute()
}
