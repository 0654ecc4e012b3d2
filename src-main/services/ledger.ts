import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import { CONSULTATION_TOPICS, REPORT_KINDS } from '../contract/labels'
import type { ServiceOptions, ServiceRow } from '../contract/services'
import type { serviceFiltersSchema } from '../contract/services'
import type { z } from 'zod'
import { todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { getSettings } from '../settings/service'
import { rowQuery, toRow } from './records'
import { addDaysIso, cleanText, likeContains, parseTags } from './util'

// Reading the ledger: the filtered list (newest first), follow-ups due, a researcher's records, and the
// suggestion lists of the entry form. A centre logs a few thousand services a year, so text search is a
// LIKE over the record's words; every list is led by an indexed column (date, follow-up, requester).

export type ParsedFilters = z.output<typeof serviceFiltersSchema>

type RowQuery = ReturnType<typeof rowQuery>
type AnyQuery = SelectQueryBuilder<DB & { s: DB['service_record']; rq: DB['researcher'] }, 's' | 'rq', object>

const SEARCHED = ['s.requester_name', 's.question', 's.answer', 's.title', 's.tags', 's.college', 's.staff', 's.topic', 's.organiser', 's.team', 's.report_kind', 's.audience'] as const

/** Apply the ledger filters to a query over `service_record as s` left-joined to `researcher as rq`. */
export function applyFilters<Q extends AnyQuery>(query: Q, f: ParsedFilters): Q {
  let q = query as AnyQuery
  if (f.from) q = q.where('s.date', '>=', f.from)
  if (f.to) q = q.where('s.date', '<=', f.to)
  if (f.kinds?.length) q = q.where('s.kind', 'in', f.kinds)
  if (f.channels?.length) q = q.where('s.channel', 'in', f.channels)
  if (f.requesterTypes?.length) q = q.where('s.requester_type', 'in', f.requesterTypes)
  if (f.topic) {
    const topic = f.topic
    q = q.where('s.topic', '=', topic)
  }
  if (f.college) {
    const college = cleanText(f.college)
    if (college) q = q.where(likeContains('s.college', college))
  }
  if (f.staff) {
    const staff = cleanText(f.staff)
    if (staff) q = q.where(likeContains('s.staff', staff))
  }
  const terms = cleanText(f.q).split(' ').filter(Boolean).slice(0, 8)
  for (const term of terms) {
    q = q.where((eb) => eb.or([...SEARCHED.map((column) => likeContains(column, term)), eb('rq.staff_no', '=', term)]))
  }
  return q as Q
}

export async function listServices(db: Kysely<DB>, input: ParsedFilters & { offset: number; limit: number }): Promise<{ total: number; items: ServiceRow[] }> {
  const filtered = applyFilters(rowQuery(db) as RowQuery, input)
  const total = await db
    .selectFrom(filtered.as('f'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const rows = await filtered.orderBy('s.date', 'desc').orderBy('s.id', 'desc').limit(input.limit).offset(input.offset).execute()
  return { total: Number(total.n), items: rows.map(toRow) }
}

/** Every filtered row, oldest first, in chunks (the export streams them into the workbook). */
export async function* iterateServices(db: Kysely<DB>, filters: ParsedFilters, chunk = 500): AsyncGenerator<ServiceRow> {
  let lastDate = ''
  let lastId = 0
  for (;;) {
    const rows = await applyFilters(rowQuery(db) as RowQuery, filters)
      .where((eb) => eb.or([eb('s.date', '>', lastDate), eb.and([eb('s.date', '=', lastDate), eb('s.id', '>', lastId)])]))
      .orderBy('s.date')
      .orderBy('s.id')
      .limit(chunk)
      .execute()
    for (const row of rows) yield toRow(row)
    if (rows.length < chunk) return
    lastDate = rows[rows.length - 1]!.date
    lastId = rows[rows.length - 1]!.id
  }
}

export async function countServices(db: Kysely<DB>, filters: ParsedFilters): Promise<number> {
  const filtered = applyFilters(rowQuery(db) as RowQuery, filters)
  const total = await db.selectFrom(filtered.as('f')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(total.n)
}

/** Follow-ups not done, due on or before today + withinDays; the most overdue first. */
export async function followUpsDue(db: Kysely<DB>, input: { withinDays: number; offset: number; limit: number }, today = todayIso()) {
  const until = addDaysIso(today, input.withinDays)
  const base = rowQuery(db).where('s.follow_up_done', '=', 0).where('s.follow_up_date', 'is not', null).where('s.follow_up_date', '<=', until)
  const total = await db
    .selectFrom('service_record')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('follow_up_done', '=', 0)
    .where('follow_up_date', 'is not', null)
    .where('follow_up_date', '<=', until)
    .executeTakeFirstOrThrow()
  const rows = await base.orderBy('s.follow_up_date').orderBy('s.id').limit(input.limit).offset(input.offset).execute()
  return { total: Number(total.n), items: rows.map(toRow) }
}

/** Records where the researcher asked (requester) or was linked; newest first. */
export async function servicesForResearcher(db: Kysely<DB>, input: { researcherId: number; offset: number; limit: number }) {
  const ids = db
    .selectFrom('service_record')
    .select('id')
    .where('requester_researcher_id', '=', input.researcherId)
    .union(db.selectFrom('service_link').select('service_id as id').where('researcher_id', '=', input.researcherId))
  const total = await db.selectFrom(ids.as('u')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await rowQuery(db)
    .where('s.id', 'in', ids)
    .orderBy('s.date', 'desc')
    .orderBy('s.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute()
  return { total: Number(total.n), items: rows.map(toRow) }
}

/** Defaults and suggestion lists for the entry form. */
export async function serviceOptions(db: Kysely<DB>): Promise<ServiceOptions> {
  // The last consultation typed in by hand (imports carry a batch): its channel is the next default.
  const last = await db
    .selectFrom('service_record')
    .select('channel')
    .where('kind', '=', 'consultation')
    .where('source_batch_id', 'is', null)
    .where('channel', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const usedTopics = await db
    .selectFrom('service_record')
    .select('topic')
    .where('topic', '!=', '')
    .groupBy('topic')
    .orderBy(sql`count(*)`, 'desc')
    .limit(100)
    .execute()
  const standard = new Set<string>(CONSULTATION_TOPICS)
  const tagRows = await db.selectFrom('service_record').select('tags').where('tags', '!=', '[]').orderBy('id', 'desc').limit(2000).execute()
  const tagCounts = new Map<string, number>()
  for (const row of tagRows) for (const tag of parseTags(row.tags)) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1)
  const colleges = await db
    .selectFrom('researcher')
    .select('college')
    .where('college', '!=', '')
    .union(db.selectFrom('service_record').select('college').where('college', '!=', ''))
    .orderBy('college')
    .limit(500)
    .execute()
  const staff = await db.selectFrom('service_record').select('staff').where('staff', '!=', '').groupBy('staff').orderBy(sql`count(*)`, 'desc').limit(100).execute()
  const usedReportKinds = await db.selectFrom('service_record').select('report_kind').where('report_kind', '!=', '').groupBy('report_kind').limit(100).execute()
  return {
    today: todayIso(),
    operator: (await getSettings(db)).operatorName,
    lastChannel: last?.channel ?? null,
    topics: [...CONSULTATION_TOPICS, ...usedTopics.map((t) => t.topic).filter((t) => !standard.has(t))],
    tags: [...tagCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).slice(0, 100).map(([tag]) => tag),
    colleges: colleges.map((c) => c.college),
    staff: staff.map((s) => s.staff),
    reportKinds: [...new Set<string>([...REPORT_KINDS, ...usedReportKinds.map((r) => r.report_kind)])],
  }
}
