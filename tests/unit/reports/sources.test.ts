import { describe, expect, it } from 'vitest'
import { CONSULTATION_TOPICS, EVALUATION_ROUTE_LABELS, REPORT_KINDS, REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, VERDICT_LABELS } from '../../../src-main/contract/labels'
import type { Archive } from '../../../src-main/db/connection'
import { buildAnnualReport } from '../../../src-main/reports/annual'
import { defaultSources, withoutSource } from '../../../src-main/reports/sources'
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

describe('evaluation figures in the annual report', () => {
  it('count evaluations dated in the year (drafts apart) by grade, recommendation and decision', async () => {
    const archive = await tempArchive()
    const db = archive.sqlite
    const random = rng(8)
    const template = Number(db.prepare("INSERT INTO evaluation_template (version, name, body, created_at) VALUES (1, 't', '{}', ?)").run(NOW).lastInsertRowid)
    const insert = db.prepare(`INSERT INTO evaluation (title, template_id, grade, recommendation, status, decision, filed_app_no, evaluated_on, created_at, updated_at)
      VALUES ('发明', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const routes = Object.keys(EVALUATION_ROUTE_LABELS)
    const rows: { grade: string | null; recommendation: string | null; status: string; decision: string | null; filed: boolean; on: string }[] = []
    for (let i = 0; i < 80; i++) {
      const status = random.pick(['draft', 'submitted', 'reviewed', 'decided'])
      const row = {
        grade: random.chance(0.1) ? null : random.pick(['A', 'B', 'C', 'D']),
        recommendation: random.chance(0.1) ? null : random.pick(routes),
        status,
        decision: status === 'decided' ? random.pick(routes) : null,
        filed: status === 'decided' && random.chance(0.5),
        on: day(random, random.int(YEAR - 1, YEAR)),
      }
      rows.push(row)
      insert.run(template, row.grade, row.recommendation, row.status, row.decision, row.filed ? '202410000001.0' : null, row.on, NOW, NOW)
    }
    const counted = rows.filter((r) => r.on.startsWith(`${YEAR}-`) && r.status !== 'draft')
    const report = await buildAnnualReport(archive.db, YEAR)
    const e = report.evaluations
    expect(report.available.evaluations).toBe(true)
    expect(e.total).toBe(counted.length)
    for (const g of ['A', 'B', 'C', 'D']) expect(e.byGrade.find((x) => x.code === g)?.count).toBe(counted.filter((r) => r.grade === g).length)
    for (const r of routes) {
      expect(e.byRecommendation.find((x) => x.code === r)).toEqual({ code: r, label: EVALUATION_ROUTE_LABELS[r as keyof typeof EVALUATION_ROUTE_LABELS], count: counted.filter((x) => x.recommendation === r).length })
      expect(e.byDecision.find((x) => x.code === r)?.count).toBe(counted.filter((x) => x.decision === r).length)
    }
    const toFile = counted.filter((r) => r.decision && ['invention', 'utility', 'dual', 'open_license'].includes(r.decision))
    expect(e.decidedToFile).toBe(toFile.length)
    expect(e.filed).toBe(toFile.filter((r) => r.filed).length)
    expect(e.filedShare).toBeCloseTo(toFile.filter((r) => r.filed).length / toFile.length, 2)
  })
})

describe('pool figures in the annual report', () => {
  it('count gradings, the pool at year end, promotions and open licences of the year', async () => {
    const archive = await tempArchive()
    const db = archive.sqlite
    const random = rng(12)
    const asset = db.prepare("INSERT INTO ip_asset (kind, app_no, title, university_owned, grant_date, created_at, updated_at) VALUES ('invention', ?, 't', 1, '2020-01-01', ?, ?)")
    const ids = Array.from({ length: 40 }, (_v, i) => Number(asset.run(`P${i}`, NOW, NOW).lastInsertRowid))
    const grading = db.prepare("INSERT INTO pool_grading (asset_id, grade, reason, graded_on, operator, is_current, created_at) VALUES (?, ?, '理由', ?, '王', ?, ?)")
    const lastInYear = new Map<number, string>()
    const lastByEnd = new Map<number, string>()
    for (const id of ids) {
      const dates = Array.from({ length: random.int(0, 3) }, () => day(random, random.int(YEAR - 1, YEAR + 1))).sort()
      dates.forEach((on, i) => {
        const grade = random.pick(['A', 'B', 'C', 'D'])
        grading.run(id, grade, on, i === dates.length - 1 ? 1 : 0, NOW)
        if (on.startsWith(`${YEAR}-`)) lastInYear.set(id, grade)
        if (on <= `${YEAR}-12-31`) lastByEnd.set(id, grade)
      })
    }
    const entry = db.prepare("INSERT INTO pool_entry (asset_id, added_on, removed_on, operator, created_at, updated_at) VALUES (?, ?, ?, '王', ?, ?)")
    let size = 0
    let added = 0
    for (const id of ids.slice(0, 30)) {
      const on = day(random, random.int(YEAR - 1, YEAR + 1))
      const removed = random.chance(0.3) ? day(random, Number(on.slice(0, 4)) + 1) : null
      entry.run(id, on, removed, NOW, NOW)
      if (on <= `${YEAR}-12-31` && (removed === null || removed > `${YEAR}-12-31`)) size++
      if (on.startsWith(`${YEAR}-`)) added++
    }
    const promotion = db.prepare("INSERT INTO pool_promotion (kind, title, held_on, created_at, updated_at) VALUES (?, '路演', ?, ?, ?)")
    let held = 0
    for (let i = 0; i < 12; i++) {
      const on = day(random, random.int(YEAR - 1, YEAR))
      promotion.run(random.pick(['roadshow', 'fair', 'matchmaking', 'other']), on, NOW, NOW)
      if (on.startsWith(`${YEAR}-`)) held++
    }
    const conversion = db.prepare("INSERT INTO conversion (asset_id, kind, stage, contract_date, start_date, created_at, updated_at) VALUES (?, 'open_license', ?, ?, ?, ?, ?)")
    let published = 0
    let implemented = 0
    for (let i = 0; i < 20; i++) {
      const stage = random.pick(['published', 'implemented', null])
      const contract = random.chance(0.7) ? day(random, random.int(YEAR - 1, YEAR)) : null
      const start = contract ? null : day(random, random.int(YEAR - 1, YEAR))
      conversion.run(random.pick(ids), stage, contract, start, NOW, NOW)
      if (!(contract ?? start)!.startsWith(`${YEAR}-`)) continue
      if (stage === 'implemented') implemented++
      else published++
    }
    const report = await buildAnnualReport(archive.db, YEAR)
    const p = report.pool
    expect(report.available.pool).toBe(true)
    expect(p.gradedInYear).toBe(lastInYear.size)
    expect(p.byGradeAtEnd.map((g) => [g.code, g.count])).toEqual(['A', 'B', 'C', 'D'].map((g) => [g, [...lastByEnd.values()].filter((x) => x === g).length]))
    expect(p.byGradeAtEnd[0]!.label).toBe('A（重点推广）')
    expect(p.poolSize).toBe(size)
    expect(p.added).toBe(added)
    expect(p.promotions).toBe(held)
    expect(p.openLicencesPublished).toBe(published)
    expect(p.openLicencesImplemented).toBe(implemented)
    // The 转化运用 sheet counts the same open licences (all these rights are the university's).
    const conv = report.patents.conversions[report.patents.conversions.length - 1]!
    expect([conv.openLicense.published, conv.openLicense.implemented]).toEqual([published, implemented])
  })
})

describe('a source that is not there', () => {
  it('shows zero and is flagged, and the report is still written', async () => {
    const archive = await tempArchive()
    seedServices(archive)
    const sources = withoutSource(withoutSource(defaultSources, 'services'), 'pool')
    const report = await buildAnnualReport(archive.db, YEAR, { sources })
    expect(report.available).toMatchObject({ services: false, pool: false, disclosures: true, evaluations: true, patents: true })
    expect(report.services.consultations.total).toBe(0)
    expect(report.pool.poolSize).toBe(0)
    const tables = reportTables(report)
    expect(tables.find((t) => t.name === '咨询服务')!.rows.at(-1)).toEqual(['合计', '', 0, null])
  })
})
