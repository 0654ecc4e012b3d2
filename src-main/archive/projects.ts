import { sql, type Kysely } from 'kysely'
import { projectSaveInput, projectSearchInput, type ProjectRecord, type ProjectSaveInput, type ProjectSummary } from '../contract/archive'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { changedOnly } from './diff'
import { cleanQuery, escapeLike, fromBool, toBool } from './text-util'

// Projects (科研项目) that funded the archive's assets: search for pickers and the list, get, save.

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('project as p')
    .leftJoin('researcher as r', 'r.id', 'p.pi_researcher_id')
    .select([
      'p.id',
      'p.project_no',
      'p.name',
      'p.funder',
      'p.level',
      'p.fiscal_funded',
      'p.start_date',
      'p.end_date',
      'p.pi_researcher_id',
      'r.name as pi_name',
      'p.note',
      'p.created_at',
      'p.updated_at',
    ])
    .select((eb) =>
      eb.selectFrom('asset_project as ap').select(eb.fn.countAll<number>().as('n')).whereRef('ap.project_id', '=', 'p.id').as('asset_count'),
    )
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

function toSummary(row: Row): ProjectSummary {
  return {
    id: row.id,
    projectNo: row.project_no,
    name: row.name,
    funder: row.funder,
    level: row.level,
    fiscalFunded: toBool(row.fiscal_funded),
    startDate: row.start_date,
    endDate: row.end_date,
    piResearcherId: row.pi_researcher_id,
    piName: row.pi_name ?? null,
    assetCount: Number(row.asset_count ?? 0),
  }
}

function toRecord(row: Row): ProjectRecord {
  return { ...toSummary(row), note: row.note, createdAt: row.created_at, updatedAt: row.updated_at }
}

/** Projects whose number starts with `q`, or whose name or funder contains it; newest first. */
export async function searchProjects(
  db: Kysely<DB>,
  input: Partial<Parameters<typeof projectSearchInput.parse>[0]> = {},
): Promise<{ total: number; items: ProjectSummary[] }> {
  const { q: rawQ, level, fiscalFunded, offset, limit } = projectSearchInput.parse(input)
  const q = cleanQuery(rawQ)
  const like = escapeLike(q)
  let query = baseQuery(db)
  if (q) {
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`p.project_no LIKE ${like + '%'} ESCAPE '\\'`,
        sql<boolean>`p.name LIKE ${'%' + like + '%'} ESCAPE '\\'`,
        sql<boolean>`p.funder LIKE ${'%' + like + '%'} ESCAPE '\\'`,
      ]),
    )
  }
  if (level) query = query.where('p.level', '=', level)
  if (fiscalFunded !== undefined) query = query.where('p.fiscal_funded', '=', fromBool(fiscalFunded))
  const total = Number(
    (
      await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const rank = q ? sql<number>`CASE WHEN p.project_no = ${q} THEN 0 WHEN p.project_no LIKE ${like + '%'} ESCAPE '\\' THEN 1 ELSE 2 END` : sql<number>`NULL`
  const rows = await query
    .orderBy(rank)
    .orderBy(sql`p.start_date IS NULL`)
    .orderBy('p.start_date', 'desc')
    .orderBy('p.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute()
  return { total, items: rows.map(toSummary) }
}

export async function getProject(db: Kysely<DB>, id: number): Promise<ProjectRecord> {
  const row = await baseQuery(db).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', `找不到编号为 ${id} 的科研项目：可能已被删除。请返回列表重新选择。`)
  return toRecord(row)
}

export async function projectsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<ProjectSummary[]> {
  if (!ids.length) return []
  const rows = await baseQuery(db).where('p.id', 'in', [...new Set(ids)]).execute()
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Create (no id) or update a project, with an audit entry. 项目编号 must stay unique. */
export async function saveProject(db: Kysely<DB>, input: ProjectSaveInput): Promise<ProjectRecord> {
  const data = projectSaveInput.parse(input)
  if (data.startDate && data.endDate && data.endDate < data.startDate) {
    throw new AppError('invalid_input', '项目结束日期早于开始日期：请核对起止日期。')
  }
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const clash = await trx.selectFrom('project').select(['id', 'name']).where('project_no', '=', data.projectNo).executeTakeFirst()
    if (clash && clash.id !== data.id) {
      throw new AppError('conflict', `项目编号 ${data.projectNo} 已属于项目“${clash.name}”：请核对编号，或直接编辑该项目。`)
    }
    if (data.piResearcherId !== null) {
      const pi = await trx.selectFrom('researcher').select('id').where('id', '=', data.piResearcherId).executeTakeFirst()
      if (!pi) throw new AppError('invalid_input', '所选项目负责人不存在：请重新选择负责人。')
    }
    const at = nowIso()
    const values = {
      project_no: data.projectNo,
      name: data.name,
      funder: data.funder,
      level: data.level,
      fiscal_funded: fromBool(data.fiscalFunded),
      start_date: data.startDate,
      end_date: data.endDate,
      pi_researcher_id: data.piResearcherId,
      note: data.note,
      updated_at: at,
    }
    if (data.id === undefined) {
      const { id } = await trx.insertInto('project').values({ ...values, created_at: at }).returning('id').executeTakeFirstOrThrow()
      const created = await getProject(trx, id)
      await appendAudit(trx, { operator, action: 'create', entity: 'project', entityId: id, after: auditView(created) })
      return created
    }
    const before = await getProject(trx, data.id)
    await trx.updateTable('project').set(values).where('id', '=', data.id).execute()
    const after = await getProject(trx, data.id)
    const [b, a] = changedOnly(auditView(before), auditView(after))
    if (Object.keys(a).length) await appendAudit(trx, { operator, action: 'update', entity: 'project', entityId: data.id, before: b, after: a })
    return after
  })
}

function auditView(p: ProjectRecord) {
  return {
    projectNo: p.projectNo,
    name: p.name,
    funder: p.funder,
    level: p.level,
    fiscalFunded: p.fiscalFunded,
    startDate: p.startDate,
    endDate: p.endDate,
    piResearcherId: p.piResearcherId,
    note: p.note,
  }
}
