import { describe, expect, it } from 'vitest'
import { CONSULTATION_TOPICS, REPORT_KINDS, REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, VERDICT_LABELS } from '../../../src-main/contract/labels'
import type { Archive } from '../../../src-main/db/connection'
import { buildAnnualReport } from '../../../src-main/reports/annual'
import { reportTables } from '../../../src-main/reports/tables'
import { tempArchive } from '../helpers/temp'
import { rng } from './fixture'

// The report's service and verification figures come from the areas' own statistics modules; these
// tests insert the rows themselves and count them here, independently of any module.

const YEAR = 2025
const NOW = '2026-01-01T00:00:00.000Z'

interface Service {
  kind: 'consultation' | 'training' | 'report' | 'navigation' | 'warning'
  date: string
  channel: string | null
  requester: string | null
  topic: string
  college: string
  attendees: number | null
  hours: number | null
  reportKind: string
  delivered: string | null
  start: string | null
  end: string | null
}

function day(random: ReturnType<typeof rng>, year: number): string {
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
}

function seedServices(archive: Archive): Service[] {
  const random = rng(99)
  const services: Service[] = []
  const insert = archive.sqlite.prepare(`INSERT INTO service_record (kind, date, channel, requester_type, topic, college, attendees, hours, report_kind, delivered_date,
    start_date, end_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (let i = 0; i < 400; i++) {
    const kind = random.pick(['consultation', 'consultation', 'consultation', 'training', 'report', 'navigation', 'warning'] as const)
    const date = day(random, random.int(YEAR - 1, YEAR + 1))
    const s: Service = {
      kind,
      date,
      channel: kind === 'consultation' ? (random.chance(0.1) ? null : random.pick(Object.keys(SERVICE_CHANNEL_LABELS))) : null,
      requester: kind === 'consultation' ? random.pick(Object.keys(REQUESTER_TYPE_LABELS)) : null,
      topic: kind === 'consultation' ? random.pick(CONSULTATION_TOPICS) : '',
      college: random.pick(['计算机学院', '医学院', '']),
      attendees: kind === 'training' ? (random.chance(0.1) ? null : random.int(10, 200)) : null,
      hours: kind === 'training' ? random.pick([1.5, 2, 3]) : null,
      reportKind: kind === 'report' ? random.pick([...REPORT_KINDS, '其他报告']) : '',
      delivered: kind === 'report' && random.chance(0.8) ? day(random, Number(date.slice(0, 4)) + random.int(0, 1)) : null,
      start: kind === 'navigation' || kind === 'warning' ? date : null,
      end: kind === 'navigation' || kind === 'warning' ? (random.chance(0.3) ? null : day(random, Number(date.slice(0, 4)) + 1)) : null,
    }
    services.push(s)
    insert.run(s.kind, s.date, s.channel, s.requester, s.topic, s.college, s.attendees, s.hours, s.reportKind, s.delivered, s.start, s.end, NOW, NOW)
  }
  return services
}

describe('service figures in the annual report', () => {
  it('match counts made from the inserted ledger', async () => {
    const archive = await tempArchive()
    const services = seedServices(archive)
    const report = await buildAnnualReport(archive.db, YEAR)
    expect(report.available.services).toBe(true)
    const inYear = (d: string | null) => !!d && d.startsWith(`${YEAR}-`)
    const consultations = services.filter((s) => s.kind === 'consultation' && inYear(s.date))
    const c = report.services.consultations
    expect(c.total).toBe(consultations.length)
    for (const [code, label] of Object.entries(SERVICE_CHANNEL_LABELS)) {
      expect(c.byChannel.find((x) => x.code === code)).toEqual({ code, label, count: consultations.filter((s) => s.channel === code).length })
    }
    expect(c.byChannel.find((x) => x.code === '')?.count).toBe(consultations.filter((s) => s.channel === null).length)
    for (const code of Object.keys(REQUESTER_TYPE_LABELS)) expect(c.byRequesterType.find((x) => x.code === code)?.count ?? 0).toBe(consultations.filter((s) => s.requester === code).length)
    for (const topic of CONSULTATION_TOPICS) expect(c.byTopic.find((x) => x.code === topic)?.count ?? 0).toBe(consultations.filter((s) => s.topic === topic).length)
    expect(c.byMonth).toEqual(Array.from({ length: 12 }, (_v, m) => consultations.filter((s) => Number(s.date.slice(5, 7)) === m + 1).length))

    const trainings = services.filter((s) => s.kind === 'training' && inYear(s.date))
    expect(report.services.trainings).toEqual({
      sessions: trainings.length,
      attendees: trainings.reduce((n, s) => n + (s.attendees ?? 0), 0),
      hours: trainings.reduce((n, s) => n + (s.hours ?? 0), 0),
    })

    const reports = services.filter((s) => s.kind === 'report' && inYear(s.delivered ?? s.date))
    expect(report.services.reports.total).toBe(reports.length)
    for (const kind of [...REPORT_KINDS, '其他报告']) {
      expect(report.services.reports.byKind.find((k) => k.code === kind)?.count ?? 0, kind).toBe(reports.filter((s) => s.reportKind === kind).length)
    }
    const running = (kind: string) =>
      services.filter((s) => s.kind === kind && (s.start ?? s.date) <= `${YEAR}-12-31` && (s.end ?? '9999-12-31') >= `${YEAR}-01-01`).length
    expect(report.services.projects).toEqual({ navigation: running('navigation'), warning: running('warning') })

    // The 咨询服务 sheet carries the same figures, with shares.
    const sheet = reportTables(report).find((t) => t.name === '咨询服务')!
    expect(sheet.rows[sheet.rows.length - 1]).toEqual(['合计', '', consultations.length, 1])
    const window = sheet.rows.find((r) => r[0] === '服务渠道' && r[1] === '窗口')!
    expect(window[2]).toBe(consultations.filter((s) => s.channel === 'window').length)
    expect(window[3]).toBeCloseTo((window[2] as number) / consultations.length, 3)
  })
})

describe('disclosure figures in the annual report', () => {
  it('count verifications signed in the year and their items by final verdict', async () => {
    const archive = await tempArchive()
    const db = archive.sqlite
    const random = rng(5)
    const researcher = (i: number) => Number(db.prepare('INSERT INTO researcher (staff_no, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(`R${i}`, `人${i}`, NOW, NOW).lastInsertRowid)
    const people = [researcher(1), researcher(2), researcher(3)]
    const insertDisclosure = db.prepare("INSERT INTO disclosure (researcher_id, purpose, status, signed_on, created_at, updated_at) VALUES (?, '职称评审', ?, ?, ?, ?)")
    const insertItem = db.prepare('INSERT INTO disclosure_item (disclosure_id, seq, verdict, override_verdict) VALUES (?, ?, ?, ?)')
    const verdicts = Object.keys(VERDICT_LABELS)
    const expected = { disclosures: 0, drafts: 0, items: 0, overridden: 0, researchers: new Set<number>(), byVerdict: Object.fromEntries(verdicts.map((v) => [v, 0])) as Record<string, number> }
    for (let i = 0; i < 40; i++) {
      const signed = random.chance(0.7)
      const signedOn = signed ? day(random, random.int(YEAR - 1, YEAR)) : null
      const created = `${signedOn ?? day(random, YEAR)}T08:00:00.000Z`
      const who = random.pick(people)
      const id = Number(insertDisclosure.run(who, signed ? 'signed' : 'draft', signedOn, created, created).lastInsertRowid)
      const counted = signed && signedOn!.startsWith(`${YEAR}-`)
      if (counted) {
        expected.disclosures++
        expected.researchers.add(who)
      }
      if (!signed && created.startsWith(`${YEAR}-`)) expected.drafts++
      const n = random.int(1, 5)
      for (let k = 1; k <= n; k++) {
        const verdict = random.pick(verdicts)
        const override = random.chance(0.15) ? random.pick(verdicts) : null
        insertItem.run(id, k, verdict, override)
        if (!counted) continue
        expected.items++
        if (override) expected.overridden++
        expected.byVerdict[override ?? verdict]!++
      }
    }
    const report = await buildAnnualReport(archive.db, YEAR)
    const d = report.disclosures
    expect(d.disclosures).toBe(expected.disclosures)
    expect(d.researchers).toBe(expected.researchers.size)
    expect(d.drafts).toBe(expected.drafts)
    expect(d.items).toBe(expected.items)
    expect(d.overridden).toBe(expected.overridden)
    expect(d.byVerdict).toEqual(verdicts.map((code) => ({ code, label: VERDICT_LABELS[code as keyof typeof VERDICT_LABELS], count: expected.byVerdict[code] })))
    expect(expected.disclosures).toBeGreaterThan(5)
  })
})
