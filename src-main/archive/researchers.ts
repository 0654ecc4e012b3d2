import { sql, type Kysely } from 'kysely'
import {
  researcherSaveInput,
  researcherSearchInput,
  type ResearcherRecord,
  type ResearcherSaveInput,
  type ResearcherSearchInput,
  type ResearcherSummary,
} from '../contract/archive'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { nameInitials } from '../domain/pinyin'
import { getOperator } from '../settings/service'
import { changedOnly } from './diff'
import { cleanQuery, escapeLike, fromBool, toBool } from './text-util'

// Researchers (科研人员): type-ahead search for pickers, the researcher list, create and update.
// The roster is small (thousands), so matching any part of a name with LIKE is cheap; 工号 and pinyin
// initials match as prefixes, which is what a librarian types.

/** Links that count a researcher as an inventor of an asset. */
const LINKED_STATES = ['confirmed', 'suggested'] as const

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('researcher as r')
    .leftJoin('discipline as d', 'd.code', 'r.discipline_code')
    .select([
      'r.id',
      'r.staff_no',
      'r.name',
      'r.name_initials',
      'r.college',
      'r.title',
      'r.discipline_code',
      'd.name as discipline_name',
      'r.active',
      'r.joined_on',
      'r.left_on',
      'r.note',
      'r.created_at',
      'r.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('asset_inventor as ai')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('ai.researcher_id', '=', 'r.id')
        .where('ai.link_state', 'in', LINKED_STATES)
        .as('asset_count'),
    )
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

function toSummary(row: Row): ResearcherSummary {
  return {
    id: row.id,
    staffNo: row.staff_no,
    name: row.name,
    nameInitials: row.name_initials,
    college: row.college,
    title: row.title,
    disciplineCode: row.discipline_code,
    disciplineName: row.discipline_name ?? null,
    active: toBool(row.active),
    assetCount: Number(row.asset_count ?? 0),
  }
}

function toRecord(row: Row): ResearcherRecord {
  return {
    ...toSummary(row),
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * Researchers matching `q` in their name (any part), 工号 (prefix) or pinyin initials (prefix, 'zs' →
 * 张三, 张松 ...). Best matches first: exact 工号 or name, then name prefix, then initials, then the rest.
 */
export async function searchResearchers(
  db: Kysely<DB>,
  input: ResearcherSearchInput = {},
): Promise<{ total: number; items: ResearcherSummary[] }> {
  const { q: rawQ, college, activeOnly, offset, limit } = researcherSearchInput.parse(input)
  const q = cleanQuery(rawQ)
  const initials = /^[a-z]+$/iu.test(q) ? q.toLowerCase() : null
  const like = escapeLike(q)

  let query = baseQuery(db)
  if (q) {
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`r.name LIKE ${'%' + like + '%'} ESCAPE '\\'`,
        sql<boolean>`r.staff_no LIKE ${like + '%'} ESCAPE '\\'`,
        ...(initials ? [sql<boolean>`r.name_initials LIKE ${escapeLike(initials) + '%'} ESCAPE '\\'`] : []),
      ]),
    )
  }
  if (college) query = query.where('r.college', '=', college)
  if (activeOnly) query = query.where('r.active', '=', 1)

  const total = Number(
    (
      await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const initialsCases = initials
    ? sql`WHEN r.name_initials = ${initials} THEN 2 WHEN r.name_initials LIKE ${escapeLike(initials) + '%'} ESCAPE '\\' THEN 3`
    : sql``
  const rank = q
    ? sql<number>`CASE
        WHEN r.staff_no = ${q} OR r.name = ${q} THEN 0
        WHEN r.name LIKE ${like + '%'} ESCAPE '\\' THEN 1
        ${initialsCases}
        WHEN r.staff_no LIKE ${like + '%'} ESCAPE '\\' THEN 4
        ELSE 5 END`
    : sql<number>`NULL`
  const rows = await query
    .orderBy(rank)
    .orderBy('r.active', 'desc')
    .orderBy('r.name_initials')
    .orderBy('r.name')
    .orderBy('r.id')
    .offset(offset)
    .limit(limit)
    .execute()
  return { total, items: rows.map(toSummary) }
}

export async function findResearcher(db: Kysely<DB>, id: number): Promise<ResearcherRecord | null> {
  const row = await baseQuery(db).where('r.id', '=', id).executeTakeFirst()
  return row ? toRecord(row) : null
}

export async function getResearcher(db: Kysely<DB>, id: number): Promise<ResearcherRecord> {
  const found = await findResearcher(db, id)
  if (!found) throw new AppError('not_found', `找不到编号为 ${id} 的科研人员：可能已被删除。请返回列表重新选择。`)
  return found
}

/** Researchers by id, in the order asked (unknown ids left out). */
export async function researchersByIds(db: Kysely<DB>, ids: readonly number[]): Promise<ResearcherSummary[]> {
  if (!ids.length) return []
  const rows = await baseQuery(db).where('r.id', 'in', [...new Set(ids)]).execute()
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Create (no id) or update a researcher, with an audit entry. 工号 must stay unique. */
export async function saveResearcher(db: Kysely<DB>, input: ResearcherSaveInput): Promise<ResearcherRecord> {
  const data = researcherSaveInput.parse(input)
  if (data.joinedOn && data.leftOn && data.leftOn < data.joinedOn) {
    throw new AppError('invalid_input', '离职日期早于入职日期：请核对两个日期。')
  }
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const clash = await trx.selectFrom('researcher').select(['id', 'name']).where('staff_no', '=', data.staffNo).executeTakeFirst()
    if (clash && clash.id !== data.id) {
      throw new AppError('conflict', `工号 ${data.staffNo} 已属于科研人员“${clash.name}”：请核对工号，或直接编辑该人员。`)
    }
    if (data.disciplineCode) {
      const known = await trx.selectFrom('discipline').select('code').where('code', '=', data.disciplineCode).executeTakeFirst()
      if (!known) throw new AppError('invalid_input', `学科代码 ${data.disciplineCode} 不在 2022 年学科目录中：请从列表中选择学科。`)
    }
    const at = nowIso()
    const values = {
      staff_no: data.staffNo,
      name: data.name,
      name_initials: nameInitials(data.name),
      college: data.college,
      title: data.title,
      discipline_code: data.disciplineCode,
      active: fromBool(data.active),
      joined_on: data.joinedOn,
      left_on: data.leftOn,
      note: data.note,
      updated_at: at,
    }
    if (data.id === undefined) {
      const { id } = await trx
        .insertInto('researcher')
        .values({ ...values, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      const created = await getResearcher(trx, id)
      await appendAudit(trx, { operator, action: 'create', entity: 'researcher', entityId: id, after: auditView(created) })
      return created
    }
    const before = await getResearcher(trx, data.id)
    await trx.updateTable('researcher').set(values).where('id', '=', data.id).execute()
    const after = await getResearcher(trx, data.id)
    const [b, a] = changedOnly(auditView(before), auditView(after))
    if (Object.keys(a).length) await appendAudit(trx, { operator, action: 'update', entity: 'researcher', entityId: data.id, before: b, after: a })
    return after
  })
}

function auditView(r: ResearcherRecord) {
  return {
    staffNo: r.staffNo,
    name: r.name,
    college: r.college,
    title: r.title,
    disciplineCode: r.disciplineCode,
    active: r.active,
    joinedOn: r.joinedOn,
    leftOn: r.leftOn,
    note: r.note,
  }
}
