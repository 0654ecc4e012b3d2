import type { Insertable, Kysely, Selectable } from 'kysely'
import type { z } from 'zod'
import type { serviceSaveInput, ServiceFields, ServiceRecord, ServiceRow } from '../contract/services'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB, ServiceRecordTable } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { discardDraft } from './drafts'
import { changedFields, parseTags } from './util'

// One service record: create, read, update, delete, each change in one transaction with its audit
// entry (who, when, the fields before and after).

export type SaveServiceInput = z.output<typeof serviceSaveInput>

/** Which columns a kind uses besides the common ones (date, channel, college, staff, tags, notes, links). */
const KIND_FIELDS: Record<ServiceFields['kind'], readonly (keyof ServiceFields)[]> = {
  consultation: ['requesterType', 'requesterName', 'requesterResearcherId', 'topic', 'durationMin', 'followUpDate', 'followUpDone'],
  training: ['title', 'audience', 'attendees', 'hours', 'organiser'],
  report: ['requesterType', 'requesterName', 'requesterResearcherId', 'title', 'reportKind', 'deliveredDate', 'pages'],
  navigation: ['requesterType', 'requesterName', 'requesterResearcherId', 'title', 'team', 'startDate', 'endDate'],
  warning: ['requesterType', 'requesterName', 'requesterResearcherId', 'title', 'team', 'startDate', 'endDate'],
}
const COMMON_FIELDS: readonly (keyof ServiceFields)[] = ['kind', 'date', 'channel', 'college', 'staff', 'tags', 'question', 'answer', 'researcherIds', 'assetIds']

const EMPTY: Omit<ServiceFields, 'kind' | 'date'> = {
  channel: null,
  requesterType: null,
  requesterName: '',
  requesterResearcherId: null,
  college: '',
  topic: '',
  tags: [],
  question: '',
  answer: '',
  staff: '',
  durationMin: null,
  followUpDate: null,
  followUpDone: false,
  title: '',
  audience: '',
  attendees: null,
  hours: null,
  organiser: '',
  reportKind: '',
  deliveredDate: null,
  pages: null,
  team: '',
  startDate: null,
  endDate: null,
  researcherIds: [],
  assetIds: [],
}

/** The record's values with the columns of other kinds cleared, tags de-duplicated, text trimmed. */
export function normalizeForKind(values: ServiceFields): ServiceFields {
  const keep = new Set<keyof ServiceFields>([...COMMON_FIELDS, ...KIND_FIELDS[values.kind]])
  const out: Record<string, unknown> = { ...EMPTY, kind: values.kind, date: values.date }
  for (const key of keep) out[key] = values[key]
  const result = out as unknown as ServiceFields
  result.tags = [...new Set(result.tags.map((t) => t.trim()).filter(Boolean))]
  result.researcherIds = [...new Set(result.researcherIds)]
  result.assetIds = [...new Set(result.assetIds)]
  if (result.followUpDate === null) result.followUpDone = false
  return result
}

/** Columns of service_record for a record's values (links are stored separately). */
export function toColumns(v: ServiceFields): Omit<Insertable<ServiceRecordTable>, 'created_at' | 'updated_at'> {
  return {
    kind: v.kind,
    date: v.date,
    channel: v.channel,
    requester_type: v.requesterType,
    requester_name: v.requesterName,
    requester_researcher_id: v.requesterResearcherId,
    college: v.college,
    topic: v.topic,
    tags: JSON.stringify(v.tags),
    question: v.question,
    answer: v.answer,
    staff: v.staff,
    duration_min: v.durationMin,
    follow_up_date: v.followUpDate,
    follow_up_done: v.followUpDone ? 1 : 0,
    title: v.title,
    audience: v.audience,
    attendees: v.attendees,
    hours: v.hours,
    organiser: v.organiser,
    report_kind: v.reportKind,
    delivered_date: v.deliveredDate,
    pages: v.pages,
    team: v.team,
    start_date: v.startDate,
    end_date: v.endDate,
  }
}

/** The columns `toColumns` writes. */
export const SERVICE_COLUMNS = Object.keys(toColumns({ ...EMPTY, kind: 'consultation', date: '' })) as (keyof ReturnType<typeof toColumns>)[]

export function rowQuery(db: Kysely<DB>) {
  return db
    .selectFrom('service_record as s')
    .leftJoin('researcher as rq', 'rq.id', 's.requester_researcher_id')
    .selectAll('s')
    .select('rq.staff_no as requester_staff_no')
}

type DbRow = Selectable<ServiceRecordTable> & { requester_staff_no: string | null }

export function toRow(r: DbRow): ServiceRow {
  return {
    id: r.id,
    kind: r.kind,
    date: r.date,
    channel: r.channel,
    requesterType: r.requester_type,
    requesterName: r.requester_name,
    requesterResearcherId: r.requester_researcher_id,
    requesterStaffNo: r.requester_staff_no ?? null,
    college: r.college,
    topic: r.topic,
    tags: parseTags(r.tags),
    question: r.question,
    answer: r.answer,
    staff: r.staff,
    durationMin: r.duration_min,
    followUpDate: r.follow_up_date,
    followUpDone: r.follow_up_done === 1,
    title: r.title,
    audience: r.audience,
    attendees: r.attendees,
    hours: r.hours,
    organiser: r.organiser,
    reportKind: r.report_kind,
    deliveredDate: r.delivered_date,
    pages: r.pages,
    team: r.team,
    startDate: r.start_date,
    endDate: r.end_date,
    sourceBatchId: r.source_batch_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export async function getService(db: Kysely<DB>, id: number): Promise<ServiceRecord> {
  const row = await rowQuery(db).where('s.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', `服务记录 #${id} 不存在（可能已被删除）。请刷新台账。`)
  const researchers = await db
    .selectFrom('service_link as l')
    .innerJoin('researcher as r', 'r.id', 'l.researcher_id')
    .select(['r.id', 'r.name', 'r.staff_no', 'r.college'])
    .where('l.service_id', '=', id)
    .orderBy('r.name')
    .execute()
  const assets = await db
    .selectFrom('service_link as l')
    .innerJoin('ip_asset as a', 'a.id', 'l.asset_id')
    .select(['a.id', 'a.kind', 'a.app_no', 'a.title'])
    .where('l.service_id', '=', id)
    .orderBy('a.app_no')
    .execute()
  return {
    ...toRow(row),
    researchers: researchers.map((r) => ({ id: r.id, name: r.name, staffNo: r.staff_no, college: r.college })),
    assets: assets.map((a) => ({ id: a.id, kind: a.kind, appNo: a.app_no, title: a.title })),
  }
}

/** The record as its plain values (what the audit log stores before/after). */
export function recordValues(record: ServiceRecord): ServiceFields {
  return {
    kind: record.kind,
    date: record.date,
    channel: record.channel,
    requesterType: record.requesterType,
    requesterName: record.requesterName,
    requesterResearcherId: record.requesterResearcherId,
    college: record.college,
    topic: record.topic,
    tags: record.tags,
    question: record.question,
    answer: record.answer,
    staff: record.staff,
    durationMin: record.durationMin,
    followUpDate: record.followUpDate,
    followUpDone: record.followUpDone,
    title: record.title,
    audience: record.audience,
    attendees: record.attendees,
    hours: record.hours,
    organiser: record.organiser,
    reportKind: record.reportKind,
    deliveredDate: record.deliveredDate,
    pages: record.pages,
    team: record.team,
    startDate: record.startDate,
    endDate: record.endDate,
    researcherIds: record.researchers.map((r) => r.id).sort((a, b) => a - b),
    assetIds: record.assets.map((a) => a.id).sort((a, b) => a - b),
  }
}

/**
 * Fill in what a chosen researcher implies (name, college, 教师) and check that every linked
 * researcher and asset still exists, so a stale picker value is refused with a message.
 */
async function resolveReferences(db: Kysely<DB>, v: ServiceFields): Promise<ServiceFields> {
  const out = { ...v }
  if (v.requesterResearcherId !== null) {
    const r = await db.selectFrom('researcher').select(['id', 'name', 'college']).where('id', '=', v.requesterResearcherId).executeTakeFirst()
    if (!r) throw new AppError('not_found', '所选咨询人已不在科研人员名单中（可能已被删除）。请重新选择，或按校外人员填写。')
    if (out.requesterName.trim() === '') out.requesterName = r.name
    if (out.college.trim() === '') out.college = r.college
    if (out.requesterType === null) out.requesterType = 'teacher'
  }
  if (v.researcherIds.length) {
    const found = await db.selectFrom('researcher').select('id').where('id', 'in', v.researcherIds).execute()
    if (found.length !== v.researcherIds.length) throw new AppError('not_found', '关联的科研人员中有人已不在名单中。请重新选择关联人员。')
  }
  if (v.assetIds.length) {
    const found = await db.selectFrom('ip_asset').select('id').where('id', 'in', v.assetIds).execute()
    if (found.length !== v.assetIds.length) throw new AppError('not_found', '关联的知识产权中有条目已不在档案中。请重新选择关联知识产权。')
  }
  out.researcherIds = [...v.researcherIds].sort((a, b) => a - b)
  out.assetIds = [...v.assetIds].sort((a, b) => a - b)
  return out
}

export async function replaceLinks(db: Kysely<DB>, serviceId: number, v: Pick<ServiceFields, 'researcherIds' | 'assetIds'>): Promise<void> {
  await db.deleteFrom('service_link').where('service_id', '=', serviceId).execute()
  const rows = [
    ...v.researcherIds.map((researcherId) => ({ service_id: serviceId, researcher_id: researcherId, asset_id: null })),
    ...v.assetIds.map((assetId) => ({ service_id: serviceId, researcher_id: null, asset_id: assetId })),
  ]
  if (rows.length) await db.insertInto('service_link').values(rows).execute()
}

function fieldsOf(input: SaveServiceInput): ServiceFields {
  const { id: _id, draftSlot: _slot, ...fields } = input
  return fields
}

/** Create (no id) or update a record; writes the audit log; discards the draft the save completes. */
export async function saveService(db: Kysely<DB>, input: SaveServiceInput): Promise<ServiceRecord> {
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const values = await resolveReferences(trx, normalizeForKind(fieldsOf(input)))
    const at = nowIso()
    let id: number
    if (input.id !== undefined) {
      id = input.id
      const before = recordValues(await getService(trx, id))
      await trx.updateTable('service_record').set({ ...toColumns(values), updated_at: at }).where('id', '=', id).execute()
      await replaceLinks(trx, id, values)
      const after = recordValues(await getService(trx, id))
      const [b, a] = changedFields(before, after)
      if (Object.keys(a).length) await appendAudit(trx, { operator, action: 'update', entity: 'service_record', entityId: id, before: b, after: a })
    } else {
      const inserted = await trx
        .insertInto('service_record')
        .values({ ...toColumns(values), created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = inserted.id
      await replaceLinks(trx, id, values)
      await appendAudit(trx, { operator, action: 'create', entity: 'service_record', entityId: id, after: recordValues(await getService(trx, id)) })
    }
    if (input.draftSlot) await discardDraft(trx, input.draftSlot)
    return getService(trx, id)
  })
}

export async function deleteService(db: Kysely<DB>, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = recordValues(await getService(trx, id))
    await trx.deleteFrom('service_record').where('id', '=', id).execute()
    await discardDraft(trx, `edit-${id}`)
    await appendAudit(trx, { operator: await getOperator(trx), action: 'delete', entity: 'service_record', entityId: id, before })
  })
}

export async function setFollowUpDone(db: Kysely<DB>, id: number, done: boolean): Promise<ServiceRow> {
  return inTransaction(db, async (trx) => {
    const record = await getService(trx, id)
    if (record.followUpDate === null) throw new AppError('conflict', '这条记录没有设定回访日期，无需标记回访。')
    if (record.followUpDone !== done) {
      await trx.updateTable('service_record').set({ follow_up_done: done ? 1 : 0, updated_at: nowIso() }).where('id', '=', id).execute()
      await appendAudit(trx, {
        operator: await getOperator(trx),
        action: 'update',
        entity: 'service_record',
        entityId: id,
        before: { followUpDone: record.followUpDone },
        after: { followUpDone: done },
      })
    }
    const row = await rowQuery(trx).where('s.id', '=', id).executeTakeFirstOrThrow()
    return toRow(row)
  })
}
