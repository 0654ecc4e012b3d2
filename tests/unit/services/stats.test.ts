import type { Insertable, Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { CONSULTATION_TOPICS, REPORT_KINDS } from '../../../src-main/contract/labels'
import type { DB } from '../../../src-main/db/schema'
import { monthsOf, serviceStats, trainingStats } from '../../../src-main/services/stats'
import { tempArchive } from '../helpers/temp'

// The statistics of a seeded year must equal counts computed here, from the rows as inserted — not by
// asking the statistics module.

type Row = Insertable<DB['service_record']>

/** Small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed
  const next = () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

const AT = '2024-01-01T00:00:00.000Z'
const COLLEGES = ['材料科学与工程学院', '计算机科学与技术学院', '化学工程学院', '', '  ']

function seedRows(seed: number): Row[] {
  const r = random(seed)
  const rows: Row[] = []
  for (let i = 0; i < 600; i++) {
    // 2022-11-01 .. 2024-02-29: some rows fall outside the year on purpose.
    const day = new Date(Date.UTC(2022, 10, 1) + r.int(0, 485) * 86_400_000).toISOString().slice(0, 10)
    const kind = r.pick(['consultation', 'consultation', 'consultation', 'consultation', 'training', 'report', 'navigation', 'warning'] as const)
    const base: Row = { kind, date: day, created_at: AT, updated_at: AT, staff: r.pick(['王馆员', '陈晓']) }
    if (kind === 'consultation') {
      rows.push({
        ...base,
        channel: r.pick(['window', 'phone', 'online', 'event', null] as const),
        requester_type: r.pick(['teacher', 'student', 'enterprise', 'public', 'department', null] as const),
        requester_name: `咨询人${i}`,
        college: r.pick(COLLEGES),
        topic: r.pick([...CONSULTATION_TOPICS, '开放许可', '']),
        question: `问题${i}`,
        duration_min: r.pick([null, 10, 25, 40]),
        follow_up_date: r.pick([null, null, day]),
        follow_up_done: r.pick([0, 1] as const),
      })
    } else if (kind === 'training') {
      rows.push({ ...base, title: `培训${i}`, attendees: r.pick([null, 30, 120]), hours: r.pick([null, 1.5, 2, 3]) })
    } else if (kind === 'report') {
      // Delivered dates straddle the year boundary; some reports have none.
      const delivered = r.pick([null, new Date(Date.parse(`${day}T00:00:00Z`) + r.int(0, 40) * 86_400_000).toISOString().slice(0, 10)])
      rows.push({ ...base, title: `报告${i}`, requester_name: `委托人${i}`, report_kind: r.pick([...REPORT_KINDS, '']), delivered_date: delivered, pages: r.pick([null, 12, 30]) })
    } else {
      const start = r.pick([null, day])
      const end = r.pick([null, new Date(Date.parse(`${day}T00:00:00Z`) + r.int(10, 400) * 86_400_000).toISOString().slice(0, 10)])
      rows.push({ ...base, title: `项目${i}`, team: '分析组', start_date: start, end_date: end })
    }
  }
  return rows
}

/** One row per statement: a multi-row VALUES would write NULL, not the default, for a column a row lacks. */
async function insertRows(db: Kysely<DB>, rows: Row[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const row of rows) await trx.insertInto('service_record').values(row).execute()
  })
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const map = new Map<string, number>()
  for (const item of items) map.set(key(item), (map.get(key(item)) ?? 0) + 1)
  return map
}

describe('service statistics for a seeded year', () => {
  it('equal counts computed independently from the inserted rows', async () => {
    const archive = await tempArchive()
    const rows = seedRows(20230101)
    await insertRows(archive.db, rows)
    const from = '2023-01-01'
    const to = '2023-12-31'
    const stats = await serviceStats(archive.db, { from, to })

    const inYear = rows.filter((r) => r.date >= from && r.date <= to)
    const cons = inYear.filter((r) => r.kind === 'consultation')
    expect(stats.totals.all).toBe(inYear.length)
    for (const kind of ['consultation', 'training', 'report', 'navigation', 'warning'] as const) {
      expect(stats.totals[kind], kind).toBe(inYear.filter((r) => r.kind === kind).length)
    }
    expect(stats.totals.consultationMinutes).toBe(cons.reduce((s, r) => s + (r.duration_min ?? 0), 0))
    expect(stats.totals.followUpsOpen).toBe(cons.filter((r) => r.follow_up_date && r.follow_up_done === 0).length)

    // By month: twelve months, every kind.
    expect(stats.byMonth.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`))
    for (const month of stats.byMonth) {
      const mine = inYear.filter((r) => r.date.startsWith(month.month))
      expect(month, month.month).toEqual({
        month: month.month,
        consultation: mine.filter((r) => r.kind === 'consultation').length,
        training: mine.filter((r) => r.kind === 'training').length,
        report: mine.filter((r) => r.kind === 'report').length,
        navigation: mine.filter((r) => r.kind === 'navigation').length,
        warning: mine.filter((r) => r.kind === 'warning').length,
      })
    }

    const channels = countBy(cons, (r) => r.channel ?? '')
    expect(stats.byChannel.map((c) => [c.label, c.count])).toEqual([
      ['窗口', channels.get('window') ?? 0],
      ['电话', channels.get('phone') ?? 0],
      ['网络', channels.get('online') ?? 0],
      ['线下活动', channels.get('event') ?? 0],
      ['未填写', channels.get('')],
    ])
    const types = countBy(cons, (r) => r.requester_type ?? '')
    expect(Object.fromEntries(stats.byRequesterType.map((c) => [c.key, c.count]))).toEqual(Object.fromEntries(['teacher', 'student', 'enterprise', 'public', 'department', ''].map((k) => [k, types.get(k) ?? 0])))

    const topics = countBy(cons, (r) => (r.topic ?? '').trim())
    expect(new Map(stats.byTopic.map((t) => [t.key, t.count]))).toEqual(topics)
    expect(stats.byTopic.find((t) => t.key === '')?.label).toBe('未分类')
    const topicCounts = stats.byTopic.filter((t) => t.key !== '').map((t) => t.count)
    expect(topicCounts).toEqual([...topicCounts].sort((a, b) => b - a))

    // '' and '  ' are both an unfilled college.
    const colleges = countBy(cons, (r) => (r.college ?? '').trim())
    expect(new Map(stats.byCollege.map((t) => [t.key, t.count]))).toEqual(colleges)
    expect(stats.byCollege.at(-1)).toMatchObject({ key: '', label: '未填写' })

    const trainings = inYear.filter((r) => r.kind === 'training')
    expect(stats.trainings).toEqual({
      sessions: trainings.length,
      attendees: trainings.reduce((s, r) => s + (r.attendees ?? 0), 0),
      hours: Math.round(trainings.reduce((s, r) => s + (r.hours ?? 0), 0) * 100) / 100,
    })

    const delivered = rows.filter((r) => r.kind === 'report').filter((r) => {
      const d = r.delivered_date ?? r.date
      return d >= from && d <= to
    })
    const byKind = new Map<string, { count: number; pages: number }>()
    for (const r of delivered) {
      const k = r.report_kind || '未注明'
      const e = byKind.get(k) ?? { count: 0, pages: 0 }
      e.count++
      e.pages += r.pages ?? 0
      byKind.set(k, e)
    }
    expect(new Map(stats.reportsByKind.map((k) => [k.kind, { count: k.count, pages: k.pages }]))).toEqual(byKind)

    const running = rows.filter((r) => (r.kind === 'navigation' || r.kind === 'warning') && (r.start_date ?? r.date) <= to && (r.end_date ?? '9999-12-31') >= from)
    expect(stats.projects.map((p) => p.title).sort()).toEqual(running.map((r) => r.title).sort())
  })

  it('answers for any range, including one month and a range with nothing in it', async () => {
    const archive = await tempArchive()
    const rows = seedRows(7)
    await insertRows(archive.db, rows.slice(0, 200))
    const march = await serviceStats(archive.db, { from: '2023-03-01', to: '2023-03-31' })
    expect(march.byMonth).toHaveLength(1)
    expect(march.totals.all).toBe(rows.slice(0, 200).filter((r) => r.date.startsWith('2023-03')).length)
    const empty = await serviceStats(archive.db, { from: '2030-01-01', to: '2030-06-30' })
    expect(empty.totals.all).toBe(0)
    expect(empty.byMonth).toHaveLength(6)
    expect(empty.byChannel.every((c) => c.count === 0)).toBe(true)
    expect(empty.byTopic).toEqual([])
    expect(await trainingStats(archive.db, { from: '2030-01-01', to: '2030-06-30' })).toEqual({ sessions: 0, attendees: 0, hours: 0 })
  })

  it('lists the months of a range across a year boundary', () => {
    expect(monthsOf({ from: '2023-11-15', to: '2024-02-01' })).toEqual(['2023-11', '2023-12', '2024-01', '2024-02'])
  })
})
