import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import { appendAudit } from '../audit/log'
import type { PoolEntry, PoolGradeCode, PoolListInput, PoolRow } from '../contract/pool'
import { poolListInput } from '../contract/pool'
import { AppError } from '../contract/result'
import { nowIso, todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { STATE_RANK, stateRankSql } from './conversion-state'
import { getFeeTable } from './fee-store'
import { allOf, inventoryConditions } from './inventory'
import { ASSET_BASE_COLUMNS, enrichRows, toInventoryRow, toPoolEntry, type EnrichedRow } from './rows'

// The pool (资源库): graded patents selected for promotion, each with its industrialisation note
// (产业化前景), target industries, application field and whether it is an open-licence candidate.
// Membership is kept over time (removed entries stay, with the day and reason), one active entry per patent.

export interface EntryFields {
  prospects?: string
  targetIndustries?: string[]
  applicationField?: string
  openLicenceCandidate?: boolean
}

function cleanIndustries(list: string[] | undefined): string[] {
  return [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))]
}

async function describeAssets(db: Kysely<DB>, ids: number[]): Promise<string> {
  const rows = await db.selectFrom('ip_asset').select('app_no').where('id', 'in', ids.slice(0, 5)).execute()
  return (rows.map((r) => r.app_no).join('、') || ids.slice(0, 5).map((id) => `#${id}`).join('、')) + (ids.length > 5 ? ' 等' : '')
}

/** Put graded patents in force into the pool. Patents already in it are left as they are. */
export async function addToPool(
  db: Kysely<DB>,
  input: { assetIds: number[]; addedOn?: string } & EntryFields,
  today = todayIso(),
): Promise<{ added: number; alreadyIn: number }> {
  const ids = [...new Set(input.assetIds)]
  if (!ids.length) throw new AppError('invalid_input', '请至少选择一项专利。')
  const addedOn = input.addedOn ?? today
  if (addedOn > today) throw new AppError('invalid_input', `入库日期 ${addedOn} 晚于今天，请改为今天或更早的日期。`)
  return inTransaction(db, async (trx) => {
    const eligible = await trx
      .selectFrom('ip_asset as a')
      .select(['a.id', sql<number | null>`(SELECT 1 FROM pool_grading g WHERE g.asset_id = a.id AND g.is_current = 1)`.as('graded')])
      .select(stateRankSql(sql.ref('a.id'), today).as('state_rank'))
      .where(allOf([...inventoryConditions({}, today), sql`a.id IN (${sql.join(ids)})`]))
      .execute()
    const inForce = new Set(eligible.map((r) => r.id))
    const notInForce = ids.filter((id) => !inForce.has(id))
    if (notInForce.length) {
      throw new AppError('invalid_input', `${notInForce.length} 项不是学校的有效专利（${await describeAssets(trx, notInForce)}），不能入库。未作任何修改。`)
    }
    // A transferred right, or one contributed as equity, is no longer the university's to promote.
    const gone = eligible.filter((r) => r.state_rank === STATE_RANK.transferred || r.state_rank === STATE_RANK.equity).map((r) => r.id)
    if (gone.length) {
      throw new AppError('invalid_input', `${gone.length} 项已转让或作价入股（${await describeAssets(trx, gone)}），学校不再是专利权人，不能入库。未作任何修改。`)
    }
    const ungraded = eligible.filter((r) => r.graded === null).map((r) => r.id)
    if (ungraded.length) {
      throw new AppError('invalid_input', `${ungraded.length} 项尚未分级（${await describeAssets(trx, ungraded)}）：请先分级，再加入资源库。未作任何修改。`)
    }
    const active = await trx.selectFrom('pool_entry').select('asset_id').where('asset_id', 'in', ids).where('removed_on', 'is', null).execute()
    const already = new Set(active.map((r) => r.asset_id))
    const toAdd = ids.filter((id) => !already.has(id))
    const operator = await getOperator(trx)
    const at = nowIso()
    const fields = {
      prospects: (input.prospects ?? '').trim(),
      target_industries: JSON.stringify(cleanIndustries(input.targetIndustries)),
      application_field: (input.applicationField ?? '').trim(),
      open_licence_candidate: input.openLicenceCandidate ? (1 as const) : (0 as const),
    }
    if (toAdd.length) {
      await trx
        .insertInto('pool_entry')
        .values(toAdd.map((assetId) => ({ asset_id: assetId, added_on: addedOn, operator, created_at: at, updated_at: at, ...fields })))
        .execute()
      await appendAudit(trx, { operator, action: 'create', entity: 'pool_entry', entityId: toAdd.length === 1 ? toAdd[0] : null, after: { assetIds: toAdd, addedOn, ...fields } })
    }
    return { added: toAdd.length, alreadyIn: already.size }
  })
}

async function activeEntry(db: Kysely<DB>, assetId: number) {
  const row = await db.selectFrom('pool_entry').selectAll().where('asset_id', '=', assetId).where('removed_on', 'is', null).executeTakeFirst()
  if (!row) throw new AppError('not_found', '该专利不在资源库中（可能已被移出）。请刷新后再试。')
  return row
}

export async function updatePoolEntry(db: Kysely<DB>, assetId: number, fields: EntryFields): Promise<PoolEntry> {
  return inTransaction(db, async (trx) => {
    const before = await activeEntry(trx, assetId)
    const operator = await getOperator(trx)
    const patch = {
      prospects: (fields.prospects ?? before.prospects).trim(),
      target_industries: fields.targetIndustries === undefined ? before.target_industries : JSON.stringify(cleanIndustries(fields.targetIndustries)),
      application_field: (fields.applicationField ?? before.application_field).trim(),
      open_licence_candidate: fields.openLicenceCandidate === undefined ? before.open_licence_candidate : fields.openLicenceCandidate ? (1 as const) : (0 as const),
      updated_at: nowIso(),
    }
    await trx.updateTable('pool_entry').set(patch).where('id', '=', before.id).execute()
    const after = await trx.selectFrom('pool_entry').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow()
    await appendAudit(trx, { operator, action: 'update', entity: 'pool_entry', entityId: before.id, before: toPoolEntry(before), after: toPoolEntry(after) })
    return toPoolEntry(after)
  })
}

export async function removeFromPool(db: Kysely<DB>, assetId: number, reason: string, removedOn?: string, today = todayIso()): Promise<void> {
  const on = removedOn ?? today
  if (on > today) throw new AppError('invalid_input', `移出日期 ${on} 晚于今天，请改为今天或更早的日期。`)
  const why = reason.trim()
  if (!why) throw new AppError('invalid_input', '请填写移出理由。')
  await inTransaction(db, async (trx) => {
    const before = await activeEntry(trx, assetId)
    if (on < before.added_on) throw new AppError('invalid_input', `移出日期 ${on} 早于入库日期 ${before.added_on}，请改正。`)
    const operator = await getOperator(trx)
    await trx.updateTable('pool_entry').set({ removed_on: on, removal_reason: why, updated_at: nowIso() }).where('id', '=', before.id).execute()
    await appendAudit(trx, { operator, action: 'delete', entity: 'pool_entry', entityId: before.id, before: toPoolEntry(before), after: { removedOn: on, reason: why } })
  })
}

// ---------------------------------------------------------------------------------------------------
// Listing

export interface PoolQuery {
  q?: string
  grades?: PoolGradeCode[]
  college?: string
  openLicenceCandidate?: boolean
}

function poolConditions(query: PoolQuery): RawBuilder<SqlBool>[] {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`e.removed_on IS NULL`]
  const q = query.q?.trim()
  if (q) {
    const like = q.replace(/[\\%_]/g, (ch) => `\\${ch}`)
    const number = like.replace(/^(ZL|CN)/i, '').replace(/\s+/g, '')
    parts.push(sql<SqlBool>`(a.title LIKE ${`%${like}%`} ESCAPE '\\' OR a.app_no LIKE ${`${number}%`} ESCAPE '\\')`)
  }
  if (query.grades?.length) parts.push(sql<SqlBool>`g.grade IN (${sql.join(query.grades)})`)
  if (query.college) parts.push(sql<SqlBool>`a.college = ${query.college}`)
  if (query.openLicenceCandidate !== undefined) parts.push(sql<SqlBool>`e.open_licence_candidate = ${query.openLicenceCandidate ? 1 : 0}`)
  return parts
}

function poolBaseQuery(db: Kysely<DB>, query: PoolQuery) {
  return db
    .selectFrom('pool_entry as e')
    .innerJoin('ip_asset as a', 'a.id', 'e.asset_id')
    .leftJoin('pool_grading as g', (join) => join.onRef('g.asset_id', '=', 'a.id').on(sql<SqlBool>`g.is_current = 1`))
    .where(allOf(poolConditions(query)))
}

async function enterprisesOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, string>> {
  const map = new Map<number, string[]>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('pool_interest')
      .select(['asset_id', 'enterprise'])
      .where('asset_id', 'in', ids.slice(i, i + 500))
      .where('stage', '<>', 'dropped')
      .orderBy('asset_id')
      .orderBy('noted_on')
      .orderBy('id')
      .execute()
    for (const row of rows) {
      const list = map.get(row.asset_id) ?? []
      if (!list.includes(row.enterprise)) list.push(row.enterprise)
      map.set(row.asset_id, list)
    }
  }
  return new Map([...map].map(([id, list]) => [id, list.join('；')]))
}

function toPoolRow(row: EnrichedRow, enterprises: Map<number, string>): PoolRow {
  return { ...toInventoryRow(row), entry: row.entry!, enterprises: enterprises.get(row.id) ?? '' }
}

export async function listPool(db: Kysely<DB>, raw: PoolListInput, today = todayIso()): Promise<{ total: number; items: PoolRow[] }> {
  const input = poolListInput.parse(raw)
  const count = await poolBaseQuery(db, input).select(sql<number>`count(*)`.as('n')).executeTakeFirst()
  const assets = await poolBaseQuery(db, input)
    .select([...ASSET_BASE_COLUMNS])
    .orderBy(sql`coalesce(g.grade, 'Z')`)
    .orderBy('e.added_on', 'desc')
    .orderBy('a.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute()
  const rows = await enrichRows(db, assets, { today, fees: await getFeeTable(db) })
  const enterprises = await enterprisesOf(db, rows.map((r) => r.id))
  return { total: Number(count?.n ?? 0), items: rows.filter((r) => r.entry).map((r) => toPoolRow(r, enterprises)) }
}

/** Every active pool row matching `query`, in pages of 500 (exports), ordered by grade then patent number. */
export async function* allPoolRows(db: Kysely<DB>, query: PoolQuery, today = todayIso()): AsyncGenerator<PoolRow> {
  const fees = await getFeeTable(db)
  let offset = 0
  for (;;) {
    const assets = await poolBaseQuery(db, query)
      .select([...ASSET_BASE_COLUMNS])
      .orderBy(sql`coalesce(g.grade, 'Z')`)
      .orderBy('a.app_no')
      .orderBy('a.id')
      .limit(500)
      .offset(offset)
      .execute()
    if (!assets.length) return
    offset += assets.length
    const rows = await enrichRows(db, assets, { today, fees })
    const enterprises = await enterprisesOf(db, rows.map((r) => r.id))
    for (const row of rows) if (row.entry) yield toPoolRow(row, enterprises)
  }
}

export async function countPool(db: Kysely<DB>, query: PoolQuery): Promise<number> {
  const row = await poolBaseQuery(db, query).select(sql<number>`count(*)`.as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}
