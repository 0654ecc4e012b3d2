import { sql, type Kysely, type Selectable } from 'kysely'
import { appendAudit } from '../audit/log'
import type { Interest, InterestSaveInput, Promotion, PromotionSaveInput } from '../contract/pool'
import { interestSaveInput, promotionSaveInput } from '../contract/pool'
import { AppError } from '../contract/result'
import { nowIso, todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { parseJsonArray } from './rows'

// Promotion activities (路演 / 推介会 / 对接会): when, for whom, which enterprises came, which patents were
// shown; and enterprise interest in a patent (potential licensee or buyer, contact, how far talks went).

function cleanList(list: string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))]
}

async function assertAssetsExist(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (!ids.length) return
  const rows = await db.selectFrom('ip_asset').select('id').where('id', 'in', ids).execute()
  if (rows.length !== ids.length) throw new AppError('not_found', '所选专利中有的已不在档案中，请刷新后重新选择。')
}

async function toPromotion(db: Kysely<DB>, row: Selectable<DB['pool_promotion']>): Promise<Promotion> {
  const assets = await db.selectFrom('pool_promotion_asset').select('asset_id').where('promotion_id', '=', row.id).orderBy('asset_id').execute()
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    heldOn: row.held_on,
    place: row.place,
    organiser: row.organiser,
    audience: row.audience,
    attendees: row.attendees,
    enterprises: parseJsonArray(row.enterprises),
    assetIds: assets.map((a) => a.asset_id),
    note: row.note,
  }
}

export async function getPromotion(db: Kysely<DB>, id: number): Promise<Promotion> {
  const row = await db.selectFrom('pool_promotion').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', '找不到该推广活动（可能已被删除）。请刷新列表。')
  return toPromotion(db, row)
}

export async function savePromotion(db: Kysely<DB>, raw: PromotionSaveInput): Promise<Promotion> {
  const input = promotionSaveInput.parse(raw)
  const assetIds = [...new Set(input.assetIds)]
  return inTransaction(db, async (trx) => {
    await assertAssetsExist(trx, assetIds)
    const operator = await getOperator(trx)
    const at = nowIso()
    const values = {
      kind: input.kind,
      title: input.title,
      held_on: input.heldOn,
      place: input.place,
      organiser: input.organiser,
      audience: input.audience,
      attendees: input.attendees,
      enterprises: JSON.stringify(cleanList(input.enterprises)),
      note: input.note,
      updated_at: at,
    }
    let id: number
    let before: Promotion | null = null
    if (input.id === undefined) {
      const [row] = await trx.insertInto('pool_promotion').values({ ...values, created_at: at }).returning('id').execute()
      id = row!.id
    } else {
      before = await getPromotion(trx, input.id)
      id = input.id
      await trx.updateTable('pool_promotion').set(values).where('id', '=', id).execute()
      await trx.deleteFrom('pool_promotion_asset').where('promotion_id', '=', id).execute()
    }
    if (assetIds.length) await trx.insertInto('pool_promotion_asset').values(assetIds.map((assetId) => ({ promotion_id: id, asset_id: assetId }))).execute()
    const after = await getPromotion(trx, id)
    await appendAudit(trx, { operator, action: before ? 'update' : 'create', entity: 'pool_promotion', entityId: id, before: before ?? undefined, after })
    return after
  })
}

export async function deletePromotion(db: Kysely<DB>, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getPromotion(trx, id)
    const operator = await getOperator(trx)
    // Interest noted at the activity stays (the enterprise still is interested); it just loses the link.
    await trx.deleteFrom('pool_promotion').where('id', '=', id).execute()
    await appendAudit(trx, { operator, action: 'delete', entity: 'pool_promotion', entityId: id, before })
  })
}

export async function listPromotions(db: Kysely<DB>, input: { year?: number; offset?: number; limit?: number }): Promise<{ total: number; items: Promotion[] }> {
  let query = db.selectFrom('pool_promotion')
  if (input.year !== undefined) query = query.where('held_on', '>=', `${input.year}-01-01`).where('held_on', '<=', `${input.year}-12-31`)
  const count = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirst()
  const rows = await query
    .selectAll()
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit ?? 50)
    .offset(input.offset ?? 0)
    .execute()
  const items: Promotion[] = []
  for (const row of rows) items.push(await toPromotion(db, row))
  return { total: Number(count?.n ?? 0), items }
}

// ---------------------------------------------------------------------------------------------------
// Enterprise interest

function interestQuery(db: Kysely<DB>) {
  return db
    .selectFrom('pool_interest as i')
    .innerJoin('ip_asset as a', 'a.id', 'i.asset_id')
    .leftJoin('pool_promotion as p', 'p.id', 'i.promotion_id')
    .select([
      'i.id',
      'i.asset_id',
      'a.title as asset_title',
      'i.enterprise',
      'i.contact_person',
      'i.contact',
      'i.stage',
      'i.promotion_id',
      'p.title as promotion_title',
      'i.noted_on',
      'i.note',
    ])
}

type InterestRow = Awaited<ReturnType<ReturnType<typeof interestQuery>['executeTakeFirstOrThrow']>>

function toInterest(row: InterestRow): Interest {
  return {
    id: row.id,
    assetId: row.asset_id,
    assetTitle: row.asset_title,
    enterprise: row.enterprise,
    contactPerson: row.contact_person,
    contact: row.contact,
    stage: row.stage,
    promotionId: row.promotion_id,
    promotionTitle: row.promotion_title,
    notedOn: row.noted_on,
    note: row.note,
  }
}

export async function interestsOfAsset(db: Kysely<DB>, assetId: number): Promise<Interest[]> {
  return (await interestQuery(db).where('i.asset_id', '=', assetId).orderBy('i.noted_on', 'desc').orderBy('i.id', 'desc').execute()).map(toInterest)
}

export async function interestsOfPromotion(db: Kysely<DB>, promotionId: number): Promise<Interest[]> {
  return (await interestQuery(db).where('i.promotion_id', '=', promotionId).orderBy('i.id').execute()).map(toInterest)
}

async function getInterest(db: Kysely<DB>, id: number): Promise<Interest> {
  const row = await interestQuery(db).where('i.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', '找不到该意向记录（可能已被删除）。请刷新后再试。')
  return toInterest(row)
}

export async function saveInterest(db: Kysely<DB>, raw: InterestSaveInput, today = todayIso()): Promise<Interest> {
  const input = interestSaveInput.parse(raw)
  return inTransaction(db, async (trx) => {
    await assertAssetsExist(trx, [input.assetId])
    if (input.promotionId !== null) await getPromotion(trx, input.promotionId)
    const operator = await getOperator(trx)
    const at = nowIso()
    const values = {
      asset_id: input.assetId,
      enterprise: input.enterprise,
      contact_person: input.contactPerson,
      contact: input.contact,
      stage: input.stage,
      promotion_id: input.promotionId,
      noted_on: input.notedOn ?? today,
      note: input.note,
      updated_at: at,
    }
    let id: number
    let before: Interest | null = null
    if (input.id === undefined) {
      const [row] = await trx.insertInto('pool_interest').values({ ...values, created_at: at }).returning('id').execute()
      id = row!.id
    } else {
      before = await getInterest(trx, input.id)
      id = input.id
      await trx.updateTable('pool_interest').set(values).where('id', '=', id).execute()
    }
    const after = await getInterest(trx, id)
    await appendAudit(trx, { operator, action: before ? 'update' : 'create', entity: 'pool_interest', entityId: id, before: before ?? undefined, after })
    return after
  })
}

export async function deleteInterest(db: Kysely<DB>, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getInterest(trx, id)
    const operator = await getOperator(trx)
    await trx.deleteFrom('pool_interest').where('id', '=', id).execute()
    await appendAudit(trx, { operator, action: 'delete', entity: 'pool_interest', entityId: id, before })
  })
}
