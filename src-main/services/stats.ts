import { sql, type Kysely } from 'kysely'
import { REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS } from '../contract/labels'
import type { CountItem, DateRange, ServiceStats } from '../contract/services'
import type { DB, RequesterType, ServiceChannel } from '../db/schema'

// THE statistics of the service ledger. The statistics page and the annual report both call these
// functions, so the figures on screen and in the report cannot disagree. Every function takes
// (db, { from, to }) with inclusive ISO dates and returns plain figures.
//
// Which date counts:
// - counts by kind, by month, channel, requester type, topic and college, and trainings: the record's
//   date (the day the consultation or training took place, the day a report or project was registered);
// - reports delivered: the delivered date (the record date when none was written down);
// - navigation and warning projects: every project running at any time within the range (from its start
//   date, or record date, to its end date; a project without an end date is still running).
// Channel, requester type, topic and college are consultations' fields: those breakdowns count
// consultations only. Blank values are counted under their own key '' ('未填写' / '未分类').

export type { DateRange }

const UNFILLED = '未填写'

function inRange(range: DateRange) {
  return (db: Kysely<DB>) => db.selectFrom('service_record').where('date', '>=', range.from).where('date', '<=', range.to)
}

/** Records by kind within the range, the minutes of consultation and the open follow-ups. */
export async function serviceTotals(db: Kysely<DB>, range: DateRange): Promise<ServiceStats['totals']> {
  const rows = await inRange(range)(db)
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('duration_min').as('minutes')])
    .groupBy('kind')
    .execute()
  const totals: ServiceStats['totals'] = { consultation: 0, training: 0, report: 0, navigation: 0, warning: 0, all: 0, consultationMinutes: 0, followUpsOpen: 0 }
  for (const row of rows) {
    totals[row.kind] = Number(row.n)
    totals.all += Number(row.n)
    if (row.kind === 'consultation') totals.consultationMinutes = Number(row.minutes ?? 0)
  }
  const open = await inRange(range)(db)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'consultation')
    .where('follow_up_date', 'is not', null)
    .where('follow_up_done', '=', 0)
    .executeTakeFirstOrThrow()
  totals.followUpsOpen = Number(open.n)
  return totals
}

/** The months 'YYYY-MM' from the range's first month to its last. */
export function monthsOf(range: DateRange): string[] {
  const months: string[] = []
  let y = Number(range.from.slice(0, 4))
  let m = Number(range.from.slice(5, 7))
  const endY = Number(range.to.slice(0, 4))
  const endM = Number(range.to.slice(5, 7))
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return months
}

/** Services by month and kind, every month of the range present (zero when quiet). */
export async function servicesByMonth(db: Kysely<DB>, range: DateRange): Promise<ServiceStats['byMonth']> {
  const rows = await inRange(range)(db)
    .select([sql<string>`substr(date, 1, 7)`.as('month'), 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([sql`substr(date, 1, 7)`, 'kind'])
    .execute()
  const byMonth = new Map(monthsOf(range).map((month) => [month, { month, consultation: 0, training: 0, report: 0, navigation: 0, warning: 0 }]))
  for (const row of rows) {
    const entry = byMonth.get(row.month)
    if (entry) entry[row.kind] = Number(row.n)
  }
  return [...byMonth.values()]
}

async function consultationCounts(db: Kysely<DB>, range: DateRange, column: 'channel' | 'requester_type' | 'topic' | 'college'): Promise<Map<string, number>> {
  const rows = await inRange(range)(db)
    .select([sql<string>`trim(coalesce(${sql.ref(column)}, ''))`.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'consultation')
    .groupBy(sql`trim(coalesce(${sql.ref(column)}, ''))`)
    .execute()
  return new Map(rows.map((r) => [r.key, Number(r.n)]))
}

function fixedCounts<K extends string>(counts: Map<string, number>, labels: Record<K, string>): CountItem[] {
  const items: CountItem[] = (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key], count: counts.get(key) ?? 0 }))
  const blank = counts.get('') ?? 0
  if (blank) items.push({ key: '', label: UNFILLED, count: blank })
  return items
}

function rankedCounts(counts: Map<string, number>, blankLabel: string): CountItem[] {
  const items = [...counts.entries()]
    .filter(([key]) => key !== '')
    .map(([key, count]) => ({ key, label: key, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
  const blank = counts.get('') ?? 0
  if (blank) items.push({ key: '', label: blankLabel, count: blank })
  return items
}

/** Consultations by channel: every channel listed (zero included), then the blank ones. */
export async function consultationsByChannel(db: Kysely<DB>, range: DateRange): Promise<CountItem[]> {
  return fixedCounts<ServiceChannel>(await consultationCounts(db, range, 'channel'), SERVICE_CHANNEL_LABELS)
}

/** Consultations by requester type: every type listed (zero included), then the blank ones. */
export async function consultationsByRequesterType(db: Kysely<DB>, range: DateRange): Promise<CountItem[]> {
  return fixedCounts<RequesterType>(await consultationCounts(db, range, 'requester_type'), REQUESTER_TYPE_LABELS)
}

/** Consultations by topic, most frequent first; topics never used are left out. */
export async function consultationsByTopic(db: Kysely<DB>, range: DateRange): Promise<CountItem[]> {
  return rankedCounts(await consultationCounts(db, range, 'topic'), '未分类')
}

/** Consultations by the requester's college or unit, most frequent first. */
export async function consultationsByCollege(db: Kysely<DB>, range: DateRange): Promise<CountItem[]> {
  return rankedCounts(await consultationCounts(db, range, 'college'), UNFILLED)
}

/** Trainings and lectures: sessions, attendees (blank counts 0), hours (blank counts 0). */
export async function trainingStats(db: Kysely<DB>, range: DateRange): Promise<ServiceStats['trainings']> {
  const row = await inRange(range)(db)
    .select([
      (eb) => eb.fn.countAll<number>().as('sessions'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('attendees'), sql<number>`0`).as('attendees'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('hours'), sql<number>`0`).as('hours'),
    ])
    .where('kind', '=', 'training')
    .executeTakeFirstOrThrow()
  return { sessions: Number(row.sessions), attendees: Number(row.attendees), hours: Math.round(Number(row.hours) * 100) / 100 }
}

/** Reports delivered within the range, by report kind (blank kind: '未注明'), with their pages. */
export async function reportsByKind(db: Kysely<DB>, range: DateRange): Promise<ServiceStats['reportsByKind']> {
  const delivered = sql<string>`coalesce(delivered_date, date)`
  const rows = await db
    .selectFrom('service_record')
    .select([sql<string>`report_kind`.as('kind'), (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('pages'), sql<number>`0`).as('pages')])
    .where('kind', '=', 'report')
    .where(delivered, '>=', range.from)
    .where(delivered, '<=', range.to)
    .groupBy('report_kind')
    .execute()
  return rows
    .map((r) => ({ kind: r.kind.trim() === '' ? '未注明' : r.kind, count: Number(r.n), pages: Number(r.pages) }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind, 'zh-CN'))
}

/** Navigation and warning projects running at any time within the range, by start. */
export async function serviceProjects(db: Kysely<DB>, range: DateRange): Promise<ServiceStats['projects']> {
  const start = sql<string>`coalesce(start_date, date)`
  const end = sql<string>`coalesce(end_date, '9999-12-31')`
  const rows = await db
    .selectFrom('service_record')
    .select(['id', 'kind', 'title', 'team', 'start_date', 'end_date', 'date'])
    .where('kind', 'in', ['navigation', 'warning'])
    .where(start, '<=', range.to)
    .where(end, '>=', range.from)
    .orderBy(start)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === 'warning' ? 'warning' : 'navigation',
    title: r.title,
    team: r.team,
    startDate: r.start_date ?? r.date,
    endDate: r.end_date,
  }))
}

/** Everything above for one range: what the statistics page shows and the annual report prints. */
export async function serviceStats(db: Kysely<DB>, range: DateRange): Promise<ServiceStats> {
  return {
    range: { from: range.from, to: range.to },
    totals: await serviceTotals(db, range),
    byMonth: await servicesByMonth(db, range),
    byChannel: await consultationsByChannel(db, range),
    byRequesterType: await consultationsByRequesterType(db, range),
    byTopic: await consultationsByTopic(db, range),
    byCollege: await consultationsByCollege(db, range),
    trainings: await trainingStats(db, range),
    reportsByKind: await reportsByKind(db, range),
    projects: await serviceProjects(db, range),
  }
}
