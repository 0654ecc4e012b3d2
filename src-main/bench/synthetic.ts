import type Database from 'better-sqlite3'
import { openArchive, type Archive } from '../db/connection'
import { seedDemo } from '../demo/seed'
import { applicationCheckChar } from '../domain/cn-number'

// A synthetic archive at benchmark scale. The demo seed gives one realistic base (600 assets with real
// titles, researchers with namesakes, projects, links, conversions, a year of services); the rest is
// cloned from it with raw prepared statements inside one transaction — the demo seed is written for
// demo sizes, not for 100,000 assets. Cloning copies every column the table has today (including
// ones later migrations add), and changes only what must stay unique. Search indexing is left to
// the search service's own queue (triggers record new assets), as after any import.

export interface SyntheticTargets {
  assets: number
  researchers: number
  projects: number
  services: number
  disclosures: number
}

export function targetsFor(scale: number): SyntheticTargets {
  return {
    assets: scale,
    researchers: Math.max(120, Math.round(scale / 5)),
    projects: Math.max(40, Math.round(scale / 15)),
    services: 20_000,
    disclosures: 2_000,
  }
}

function columnsOf(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name)
}

/**
 * `INSERT INTO t (cols) SELECT cols FROM t WHERE <key> = ?`, with some columns replaced by bound
 * parameters (in the order of `overrides`).
 */
function cloner(sqlite: Database.Database, table: string, key: string, overrides: readonly string[], nulls: readonly string[] = []) {
  const columns = columnsOf(sqlite, table).filter((c) => c !== 'id')
  const present = new Set(columns)
  const bound = overrides.filter((c) => present.has(c))
  const exprs = columns.map((c) => (bound.includes(c) ? `@${c}` : nulls.includes(c) ? 'NULL' : `"${c}"`))
  const statement = sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${exprs.join(', ')} FROM "${table}" WHERE "${key}" = @__key`)
  return (keyValue: unknown, values: Record<string, unknown>) => {
    const params: Record<string, unknown> = { __key: keyValue }
    for (const c of bound) params[c] = values[c]
    return statement.run(params)
  }
}

const TYPE_DIGIT: Record<string, number> = { invention: 1, utility: 2, design: 3 }

function syntheticAppNo(kind: string, filingDate: string | null, serial: number): string {
  const year = Number((filingDate ?? '2020').slice(0, 4)) || 2020
  const type = TYPE_DIGIT[kind]
  if (type) {
    const digits = `${year}${type}${String(5_000_000 + serial).padStart(7, '0')}`
    return `${digits}.${applicationCheckChar(digits)}`
  }
  return `${year}SR${String(5_000_000 + serial).padStart(7, '0')}`
}

function shiftDate(date: string | null, days: number): string | null {
  if (!date) return null
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export interface BuildProgress {
  (phase: string, done: number, total: number): void
}

/** Build (or fill) `file` up to the targets. Returns the archive, open. */
export async function buildSyntheticArchive(file: string, targets: SyntheticTargets, progress: BuildProgress = () => {}): Promise<Archive> {
  const archive = await openArchive(file)
  progress('演示数据（基础）', 0, 1)
  await seedDemo(archive.db, { scale: 1 })
  const sqlite = archive.sqlite
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  const ids = (table: string) => (sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id`).all() as { id: number }[]).map((r) => r.id)

  // A generous page cache for this connection only: the indexes of 100,000 assets outgrow the default.
  sqlite.pragma('cache_size = -262144')
  const fill = sqlite.transaction(() => {
    // Researchers and projects: new staff/project numbers, everything else as in a template.
    const researcherTemplates = ids('researcher')
    const cloneResearcher = cloner(sqlite, 'researcher', 'id', ['staff_no'])
    for (let n = count('researcher'); n < targets.researchers; n++) {
      cloneResearcher(researcherTemplates[n % researcherTemplates.length], { staff_no: `S${String(n).padStart(7, '0')}` })
    }
    const projectTemplates = ids('project')
    const cloneProject = cloner(sqlite, 'project', 'id', ['project_no'])
    for (let n = count('project'); n < targets.projects; n++) {
      cloneProject(projectTemplates[n % projectTemplates.length], { project_no: `XM-${String(n).padStart(7, '0')}` })
    }

    // Assets with their inventors, disciplines, project links and conversions.
    const assetTemplates = sqlite.prepare('SELECT id, kind, filing_date FROM ip_asset ORDER BY id').all() as { id: number; kind: string; filing_date: string | null }[]
    const cloneAsset = cloner(sqlite, 'ip_asset', 'id', ['app_no', 'pub_no'])
    const cloneInventors = cloner(sqlite, 'asset_inventor', 'asset_id', ['asset_id'])
    const cloneDisciplines = cloner(sqlite, 'asset_discipline', 'asset_id', ['asset_id'])
    const cloneProjects = cloner(sqlite, 'asset_project', 'asset_id', ['asset_id'])
    const cloneConversions = cloner(sqlite, 'conversion', 'asset_id', ['asset_id'])
    const start = count('ip_asset')
    for (let n = start; n < targets.assets; n++) {
      const t = assetTemplates[n % assetTemplates.length]!
      const appNo = syntheticAppNo(t.kind, t.filing_date, n)
      const serial = String(300_000_000 + n)
      const { lastInsertRowid } = cloneAsset(t.id, { app_no: appNo, pub_no: `CN${serial}A` })
      const id = Number(lastInsertRowid)
      cloneInventors(t.id, { asset_id: id })
      cloneDisciplines(t.id, { asset_id: id })
      cloneProjects(t.id, { asset_id: id })
      cloneConversions(t.id, { asset_id: id })
      if ((n - start) % 10_000 === 0) progress('知识产权', n, targets.assets)
    }

    // The service ledger: earlier dates for older clones, so the statistics spread over years.
    const serviceTemplates = ids('service_record')
    const cloneService = cloner(sqlite, 'service_record', 'id', ['date'], ['import_key'])
    const serviceDates = new Map((sqlite.prepare('SELECT id, date FROM service_record').all() as { id: number; date: string }[]).map((r) => [r.id, r.date]))
    for (let n = count('service_record'); n < targets.services; n++) {
      const template = serviceTemplates[n % serviceTemplates.length]!
      cloneService(template, { date: shiftDate(serviceDates.get(template) ?? null, -Math.floor(n / serviceTemplates.length) * 7) })
    }

    // Disclosures: researchers' claimed lists, 3–8 items each, numbers taken from the archive.
    const researcherIds = ids('researcher')
    const appNos = (sqlite.prepare('SELECT id, kind, app_no, title, filing_date FROM ip_asset ORDER BY id LIMIT 20000').all() as { id: number; kind: string; app_no: string; title: string; filing_date: string | null }[])
    const disclosureColumns = new Set(columnsOf(sqlite, 'disclosure'))
    const insertDisclosure = sqlite.prepare(
      `INSERT INTO disclosure (researcher_id, purpose, period_from, period_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    const insertItem = sqlite.prepare(
      `INSERT INTO disclosure_item (disclosure_id, seq, claimed_kind, claimed_number, claimed_title, claimed_rank, claimed_status, claimed_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const now = new Date().toISOString()
    for (let n = count('disclosure'); n < targets.disclosures && disclosureColumns.has('researcher_id'); n++) {
      const { lastInsertRowid } = insertDisclosure.run(researcherIds[n % researcherIds.length], ['职称评审', '年度考核', '项目结题'][n % 3], '2020-01-01', '2024-12-31', now, now)
      const items = 3 + (n % 6)
      for (let s = 1; s <= items; s++) {
        const asset = appNos[(n * 7 + s * 13) % appNos.length]!
        insertItem.run(Number(lastInsertRowid), s, asset.kind, s === items ? '202310397744.1' : asset.app_no, asset.title, 1 + (s % 3), s % 2 ? 'granted' : 'applied', asset.filing_date)
      }
    }
  })
  fill()
  progress('完成', targets.assets, targets.assets)
  return archive
}
