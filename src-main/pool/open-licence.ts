import { sql, type Kysely, type Selectable } from 'kysely'
import { appendAudit } from '../audit/log'
import type { ConversionBrief, OpenLicencePublishInput } from '../contract/pool'
import { openLicencePublishInput } from '../contract/pool'
import { AppError } from '../contract/result'
import { nowIso, todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { recordInEffect, STATE_RANK, stateRankSql } from './conversion-state'
import { allOf, inventoryConditions } from './inventory'

// Published open licences (开放许可声明) are conversion records — kind 'open_license', stage 'published' —
// not a table of their own, so the archive's conversion list, the annual report's conversion figures and
// the pool's conversion state all read the same rows. The declaration's date is both the contract date
// (what the annual report counts by) and the start date; its licence period end is the end date.

export const FEE_TERMS_PREFIX = '许可使用费：'

export function toConversionBrief(row: Selectable<DB['conversion']>, today: string): ConversionBrief {
  return {
    id: row.id,
    kind: row.kind,
    stage: row.stage,
    counterparty: row.counterparty,
    contractDate: row.contract_date,
    startDate: row.start_date,
    endDate: row.end_date,
    contractAmountYuan: row.contract_amount_yuan,
    note: row.note,
    inEffect: row.kind !== 'pledge' && recordInEffect({ contractDate: row.contract_date, startDate: row.start_date, endDate: row.end_date }, today),
  }
}

export async function conversionsOfAsset(db: Kysely<DB>, assetId: number, today = todayIso()): Promise<ConversionBrief[]> {
  const rows = await db.selectFrom('conversion').selectAll().where('asset_id', '=', assetId).orderBy('contract_date', 'desc').orderBy('id', 'desc').execute()
  return rows.map((r) => toConversionBrief(r, today))
}

export async function publishOpenLicence(db: Kysely<DB>, raw: OpenLicencePublishInput, today = todayIso()): Promise<ConversionBrief> {
  const parsed = openLicencePublishInput.parse(raw)
  const input = { ...parsed, publishedOn: parsed.publishedOn ?? today }
  if (input.publishedOn > today) throw new AppError('invalid_input', `公告日 ${input.publishedOn} 晚于今天：请在开放许可声明公告后再登记。`)
  if (input.endDate !== null && input.endDate < input.publishedOn) throw new AppError('invalid_input', '许可期限的截止日早于公告日，请改正。')
  return inTransaction(db, async (trx) => {
    const asset = await trx
      .selectFrom('ip_asset as a')
      .select(['a.id', 'a.app_no', 'a.expiry_date'])
      .select(stateRankSql(sql.ref('a.id'), input.publishedOn).as('state_rank'))
      .where(allOf([...inventoryConditions({}, today), sql`a.id = ${input.assetId}`]))
      .executeTakeFirst()
    if (!asset) throw new AppError('invalid_input', '只有学校的有效专利才能登记开放许可。请确认该专利的法律状态和权利人。')
    if (asset.state_rank === STATE_RANK.transferred || asset.state_rank === STATE_RANK.equity) {
      throw new AppError('conflict', `专利 ${asset.app_no} 已转让或作价入股，学校不再是专利权人，不能发布开放许可。`)
    }
    if (input.endDate !== null && asset.expiry_date !== null && input.endDate > asset.expiry_date) {
      throw new AppError('invalid_input', `许可期限不能超过专利权期限（至 ${asset.expiry_date}），请改正截止日。`)
    }
    const open = await trx
      .selectFrom('conversion')
      .selectAll()
      .where('asset_id', '=', input.assetId)
      .where('kind', '=', 'open_license')
      .where((eb) => eb.or([eb('stage', '=', 'published'), eb('stage', 'is', null)]))
      .execute()
    const current = open.find((r) => recordInEffect({ contractDate: r.contract_date, startDate: r.start_date, endDate: r.end_date }, input.publishedOn))
    if (current) {
      throw new AppError('conflict', `专利 ${asset.app_no} 已有 ${current.start_date ?? current.contract_date ?? ''} 公告的开放许可仍在期限内，不需要重复登记。`)
    }
    const operator = await getOperator(trx)
    const at = nowIso()
    const note = [`${FEE_TERMS_PREFIX}${input.feeTerms}`, input.note].filter(Boolean).join('\n')
    const [row] = await trx
      .insertInto('conversion')
      .values({
        asset_id: input.assetId,
        kind: 'open_license',
        stage: 'published',
        counterparty: '',
        contract_date: input.publishedOn,
        start_date: input.publishedOn,
        end_date: input.endDate,
        contract_amount_yuan: input.amountYuan,
        received_amount_yuan: null,
        // A declaration is published by CNIPA, so it is on the office's record by definition.
        recorded: 1,
        note,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .execute()
    const brief = toConversionBrief(row!, today)
    await appendAudit(trx, { operator, action: 'create', entity: 'conversion', entityId: row!.id, after: { ...brief, assetId: input.assetId, source: 'pool:publishOpenLicence' } })
    return brief
  })
}
