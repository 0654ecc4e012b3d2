import type { Kysely, Transaction } from 'kysely'
import type { DB } from './schema'

/**
 * Run `fn` in a transaction, or inside the caller's transaction when `db` already is one. Services
 * call this so they compose: a seed or an import can call them within its own single transaction.
 */
export async function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db)
  return db.transaction().execute((trx: Transaction<DB>) => fn(trx))
}
