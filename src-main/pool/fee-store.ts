import type { Kysely } from 'kysely'
import defaultFees from '../../resources/pool/annuity-fees.json'
import { appendAudit } from '../audit/log'
import { feeTableSchema, type FeeTable, type FeeTableState } from '../contract/pool'
import { AppError } from '../contract/result'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'

// The annuity fee table in force: the centre's latest edition stored in the archive, or the shipped
// default (resources/pool/annuity-fees.json) when it never edited one. Editions are appended, never
// overwritten, so the audit log and the table history agree.

export function defaultFeeTable(): FeeTable {
  return feeTableSchema.parse(defaultFees)
}

export async function getFeeTableState(db: Kysely<DB>): Promise<FeeTableState> {
  const fallback = defaultFeeTable()
  const latest = await db.selectFrom('pool_fee_schedule').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
  if (!latest) return { table: fallback, origin: 'default', savedAt: null, savedBy: null, defaultTable: fallback }
  const parsed = feeTableSchema.safeParse(JSON.parse(latest.body))
  // An edition that no longer fits the schema (written by another version) falls back to the default
  // rather than pricing annuities from a broken table.
  if (!parsed.success) return { table: fallback, origin: 'default', savedAt: null, savedBy: null, defaultTable: fallback }
  return { table: parsed.data, origin: latest.origin, savedAt: latest.created_at, savedBy: latest.operator, defaultTable: fallback }
}

export async function getFeeTable(db: Kysely<DB>): Promise<FeeTable> {
  return (await getFeeTableState(db)).table
}

async function storeEdition(db: Kysely<DB>, table: FeeTable, origin: 'edited' | 'default'): Promise<FeeTableState> {
  return inTransaction(db, async (trx) => {
    const before = await getFeeTableState(trx)
    const operator = await getOperator(trx)
    const at = nowIso()
    const [row] = await trx
      .insertInto('pool_fee_schedule')
      .values({ body: JSON.stringify(table), origin, operator, created_at: at })
      .returning('id')
      .execute()
    await appendAudit(trx, {
      operator,
      action: origin === 'default' ? 'reset' : 'update',
      entity: 'pool_fee_schedule',
      entityId: row!.id,
      before: before.table,
      after: table,
    })
    return getFeeTableState(trx)
  })
}

export async function saveFeeTable(db: Kysely<DB>, input: unknown): Promise<FeeTableState> {
  const parsed = feeTableSchema.safeParse(input)
  if (!parsed.success) {
    throw new AppError('invalid_input', `年费标准有误：${parsed.error.issues.map((i) => i.message).join('；')}。请改正后再保存。`)
  }
  return storeEdition(db, parsed.data, 'edited')
}

/** Back to the shipped default; the edited editions stay in the history. */
export async function resetFeeTable(db: Kysely<DB>): Promise<FeeTableState> {
  return storeEdition(db, defaultFeeTable(), 'default')
}
