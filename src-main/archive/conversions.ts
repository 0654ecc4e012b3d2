import { sql, type Kysely } from 'kysely'
import { conversionListInput, conversionSaveInput, type ConversionListInput, type ConversionRecord, type ConversionSaveInput } from '../contract/archive'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { parseIsoDate } from '../domain/term'
import { getOperator } from '../settings/service'
import { changedOnly } from './diff'
import { cleanQuery, escapeLike } from './text-util'

// Conversions (转化运用): 转让, 许可, 开放许可, 作价入股, 质押 — per asset and across the archive. Amounts
// are stored and exchanged in 元 (integers); the UI shows 万元. Every change is audited under entity
// 'conversion' with the asset id in the entry, so the asset's history shows it too.

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('conversion as c')
    .innerJoin('ip_asset as a', 'a.id', 'c.asset_id')
    .select([
      'c.id',
      'c.asset_id',
      'c.kind',
      'c.stage',
      'c.counterparty',
      'c.contract_date',
      'c.start_date',
      'c.end_date',
      'c.contract_amount_yuan',
      'c.received_amount_yuan',
      'c.recorded',
      'c.note',
      'c.created_at',
      'c.updated_at',
      'a.app_no',
      'a.title',
      'a.kind as asset_kind',
      'a.college',
    ])
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

function toRecord(r: Row): ConversionRecord {
  return {
    id: r.id,
    assetId: r.asset_id,
    kind: r.kind,
    stage: r.stage,
    counterparty: r.counterparty,
    contractDate: r.contract_date,
    startDate: r.start_date,
    endDate: r.end_date,
    contractAmountYuan: r.contract_amount_yuan,
    receivedAmountYuan: r.received_amount_yuan,
    recorded: r.recorded === 1,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    asset: { appNo: r.app_no, title: r.title, kind: r.asset_kind, college: r.college },
  }
}

export async function listConversions(
  db: Kysely<DB>,
  input: ConversionListInput = {},
): Promise<{ total: number; contractYuan: number; receivedYuan: number; items: ConversionRecord[] }> {
  const p = conversionListInput.parse(input)
  const q = cleanQuery(p.q)
  let query = baseQuery(db)
  if (p.assetId !== undefined) query = query.where('c.asset_id', '=', p.assetId)
  if (p.kinds?.length) query = query.where('c.kind', 'in', p.kinds)
  if (p.yearFrom !== undefined) query = query.where('c.contract_date', '>=', `${p.yearFrom}-01-01`)
  if (p.yearTo !== undefined) query = query.where('c.contract_date', '<', `${p.yearTo + 1}-01-01`)
  if (p.recorded !== undefined) query = query.where('c.recorded', '=', p.recorded ? 1 : 0)
  if (q) {
    const like = '%' + escapeLike(q) + '%'
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`c.counterparty LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`a.title LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`a.app_no LIKE ${like} ESCAPE '\\'`,
      ]),
    )
  }
  const agg = await query
    .clearSelect()
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(c.contract_amount_yuan), 0)`.as('contract'),
      sql<number>`coalesce(sum(c.received_amount_yuan), 0)`.as('received'),
    ])
    .executeTakeFirstOrThrow()
  const rows = await query
    .orderBy(sql`c.contract_date IS NULL`)
    .orderBy('c.contract_date', 'desc')
    .orderBy('c.id', 'desc')
    .offset(p.offset)
    .limit(p.limit)
    .execute()
  return { total: Number(agg.n), contractYuan: Number(agg.contract), receivedYuan: Number(agg.received), items: rows.map(toRecord) }
}

export async function getConversion(db: Kysely<DB>, id: number): Promise<ConversionRecord> {
  const row = await baseQuery(db).where('c.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', `找不到编号为 ${id} 的转化记录：可能已被删除。请刷新页面。`)
  return toRecord(row)
}

function auditView(c: ConversionRecord) {
  return {
    assetId: c.assetId,
    kind: c.kind,
    stage: c.stage,
    counterparty: c.counterparty,
    contractDate: c.contractDate,
    startDate: c.startDate,
    endDate: c.endDate,
    contractAmountYuan: c.contractAmountYuan,
    receivedAmountYuan: c.receivedAmountYuan,
    recorded: c.recorded,
    note: c.note,
  }
}

function checkDate(label: string, value: string | null): void {
  if (value !== null && !parseIsoDate(value)) throw new AppError('invalid_input', `${label}“${value}”不是有效日期：请按 YYYY-MM-DD 填写。`)
}

/** Create (no id) or update a conversion, with an audit entry. */
export async function saveConversion(db: Kysely<DB>, input: ConversionSaveInput): Promise<ConversionRecord> {
  const d = conversionSaveInput.parse(input)
  checkDate('合同日期', d.contractDate)
  checkDate('起始日期', d.startDate)
  checkDate('终止日期', d.endDate)
  if (d.startDate && d.endDate && d.endDate < d.startDate) throw new AppError('invalid_input', '终止日期早于起始日期：请核对许可/质押期限。')
  const stage = d.kind === 'open_license' ? (d.stage ?? 'published') : null
  if (d.kind !== 'open_license' && d.stage !== null) throw new AppError('invalid_input', '只有开放许可才有“声明发布/达成实施”阶段：请清除阶段，或把类型改为开放许可。')
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const asset = await trx.selectFrom('ip_asset').select('id').where('id', '=', d.assetId).executeTakeFirst()
    if (!asset) throw new AppError('not_found', '这项知识产权已不在档案中：无法登记转化记录。')
    const at = nowIso()
    const values = {
      asset_id: d.assetId,
      kind: d.kind,
      stage,
      counterparty: d.counterparty,
      contract_date: d.contractDate,
      start_date: d.startDate,
      end_date: d.endDate,
      contract_amount_yuan: d.contractAmountYuan,
      received_amount_yuan: d.receivedAmountYuan,
      recorded: d.recorded ? (1 as const) : (0 as const),
      note: d.note,
      updated_at: at,
    }
    if (d.id === undefined) {
      const { id } = await trx.insertInto('conversion').values({ ...values, created_at: at }).returning('id').executeTakeFirstOrThrow()
      const created = await getConversion(trx, id)
      await appendAudit(trx, { operator, action: 'create', entity: 'conversion', entityId: id, after: auditView(created) })
      return created
    }
    const before = await getConversion(trx, d.id)
    if (before.assetId !== d.assetId) throw new AppError('invalid_input', '转化记录不能改挂到另一项知识产权：请删除后在那一项下重新登记。')
    await trx.updateTable('conversion').set(values).where('id', '=', d.id).execute()
    const after = await getConversion(trx, d.id)
    const [b, a] = changedOnly(auditView(before), auditView(after))
    if (Object.keys(a).length) await appendAudit(trx, { operator, action: 'update', entity: 'conversion', entityId: d.id, before: { assetId: before.assetId, ...b }, after: { assetId: after.assetId, ...a } })
    return after
  })
}

export async function deleteConversion(db: Kysely<DB>, id: number): Promise<{ ok: true }> {
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const before = await getConversion(trx, id)
    await trx.deleteFrom('conversion').where('id', '=', id).execute()
    await appendAudit(trx, { operator, action: 'delete', entity: 'conversion', entityId: id, before: auditView(before) })
    return { ok: true as const }
  })
}
