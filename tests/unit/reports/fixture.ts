import type { Archive } from '../../../src-main/db/connection'

// A seeded archive whose every row the test itself chose, kept in plain arrays, so each figure of the
// report can be checked against a count made here — never by calling the module under test.

export interface FxAsset {
  id: number
  kind: 'invention' | 'utility' | 'design' | 'software'
  appNo: string
  title: string
  owned: boolean
  filing: string | null
  grant: string | null
  grantNo: string | null
  status: 'valid' | 'pending' | 'lapsed' | 'unknown'
  statusDate: string | null
  expiry: string | null
  college: string
  /** Inventors in rank order; researcherIndex links a confirmed researcher. */
  inventors: { name: string; researcher: number | null; state: 'confirmed' | 'suggested' | 'external' }[]
  disciplines: string[]
}

export interface FxConversion {
  assetId: number
  kind: 'transfer' | 'license' | 'open_license' | 'equity' | 'pledge'
  stage: 'published' | 'implemented' | null
  date: string | null
  /** Recorded only for some conversions without a contract date. */
  start: string | null
  contract: number | null
  received: number | null
}

export interface FxResearcher {
  id: number
  name: string
  college: string
}

export interface Fixture {
  assets: FxAsset[]
  conversions: FxConversion[]
  researchers: FxResearcher[]
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  }
}

function isoDay(random: ReturnType<typeof rng>, fromYear: number, toYear: number): string {
  const y = random.int(fromYear, toYear)
  const m = random.int(1, 12)
  const d = random.int(1, 28)
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const COLLEGES = ['计算机学院', '机械工程学院', '@材料学院', '医学院']
const DISCIPLINES = ['0812', '0802', '0805', '1002', '0854']
const NOW = '2026-01-01T00:00:00.000Z'

/**
 * Insert `count` rights spread over 2019–2026 with every case the rules distinguish: owned or not,
 * the three patent kinds and software, pending/valid/lapsed (with and without a lapse date, before and
 * after year ends), expired terms, a blank college filled from the first confirmed inventor, 0–2
 * disciplines, and conversions of every kind and stage (some without amounts or dates).
 */
export function seedFixture(archive: Archive, seed = 7, count = 500): Fixture {
  const random = rng(seed)
  const sqlite = archive.sqlite
  const researchers: FxResearcher[] = []
  const insertResearcher = sqlite.prepare('INSERT INTO researcher (staff_no, name, college, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
  for (let i = 0; i < 30; i++) {
    const college = i % 7 === 6 ? '' : COLLEGES[i % COLLEGES.length]!
    const name = `研究员${i}`
    const id = Number(insertResearcher.run(`S${1000 + i}`, name, college, NOW, NOW).lastInsertRowid)
    researchers.push({ id, name, college })
  }

  const insertAsset = sqlite.prepare(`INSERT INTO ip_asset (kind, app_no, filing_date, grant_no, grant_date, title, university_owned,
    status_group, status_date, expiry_date, college, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertInventor = sqlite.prepare('INSERT INTO asset_inventor (asset_id, rank, raw_name, researcher_id, link_state) VALUES (?, ?, ?, ?, ?)')
  const insertDiscipline = sqlite.prepare('INSERT INTO asset_discipline (asset_id, discipline_code) VALUES (?, ?)')
  const insertConversion = sqlite.prepare(`INSERT INTO conversion (asset_id, kind, stage, contract_date, start_date, contract_amount_yuan, received_amount_yuan, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)

  const assets: FxAsset[] = []
  const conversions: FxConversion[] = []
  const titles = ['一种智能传感装置', '=HYPERLINK("http://x")', '+1 基于深度学习的检测方法', '-负载均衡系统', '@用户识别方法', '一种复合材料及其制备方法']
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const kind = random.pick(['invention', 'invention', 'utility', 'utility', 'design', 'software'] as const)
      const filing = random.chance(0.03) ? null : isoDay(random, 2016, 2026)
      const owned = random.chance(0.85)
      let grant: string | null = null
      if (filing && random.chance(0.7)) {
        // Grants 0–3 years after filing, sometimes past the report years.
        const y = Number(filing.slice(0, 4)) + random.int(0, 3)
        grant = `${y}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
        if (grant < filing) grant = filing
      }
      let status: FxAsset['status'] = grant ? 'valid' : random.pick(['pending', 'lapsed', 'unknown'] as const)
      let statusDate: string | null = grant ?? filing
      if (grant && random.chance(0.3)) {
        status = 'lapsed'
        statusDate = random.chance(0.15) ? null : isoDay(random, Number(grant.slice(0, 4)), 2026)
      }
      if (grant && random.chance(0.05)) status = 'unknown'
      // A few terms that ran out inside the report years (old filings with a short term).
      const expiry = filing ? (random.chance(0.06) ? isoDay(random, 2022, 2025) : `${Number(filing.slice(0, 4)) + 20}-01-01`) : null
      const college = random.chance(0.2) ? '' : random.pick(COLLEGES)
      const appNo = `${filing?.slice(0, 4) ?? '2000'}${kind === 'utility' ? 2 : kind === 'design' ? 3 : 1}${String(100000 + i).padStart(7, '0')}.X`
      const grantNo = grant && kind !== 'software' ? (random.chance(0.9) ? `CN${String(300000000 + i)}${kind === 'invention' ? 'B' : kind === 'utility' ? 'U' : 'S'}` : null) : null
      const title = `${random.pick(titles)}${i}`
      const id = Number(
        insertAsset.run(kind, appNo, filing, grantNo, grant, title, owned ? 1 : 0, status, statusDate, expiry, college, NOW, NOW).lastInsertRowid,
      )
      const inventors: FxAsset['inventors'] = []
      const n = random.int(0, 4)
      for (let r = 0; r < n; r++) {
        const state = random.pick(['confirmed', 'confirmed', 'suggested', 'external'] as const)
        const researcher = state === 'external' ? null : random.pick(researchers)
        const name = researcher?.name ?? `校外${i}_${r}`
        inventors.push({ name, researcher: researcher?.id ?? null, state })
        insertInventor.run(id, r + 1, name, researcher?.id ?? null, state)
      }
      const disciplines = [...new Set(Array.from({ length: random.int(0, 2) }, () => random.pick(DISCIPLINES)))]
      for (const code of disciplines) insertDiscipline.run(id, code)
      assets.push({ id, kind, appNo, title, owned, filing, grant, grantNo, status, statusDate, expiry, college, inventors, disciplines })

      if (grant && random.chance(0.25)) {
        const ckind = random.pick(['transfer', 'license', 'open_license', 'open_license', 'equity', 'pledge'] as const)
        const stage = ckind === 'open_license' ? random.pick(['published', 'implemented', null] as const) : null
        const date = random.chance(0.12) ? null : isoDay(random, 2021, 2026)
        const start = date === null && random.chance(0.7) ? isoDay(random, 2021, 2026) : null
        const contract = random.chance(0.1) ? null : random.int(1, 500) * 1234
        const received = random.chance(0.2) ? null : random.int(0, 400) * 1111
        insertConversion.run(id, ckind, stage, date, start, contract, received, NOW, NOW)
        conversions.push({ assetId: id, kind: ckind, stage, date, start, contract, received })
      }
    }
  })()
  return { assets, conversions, researchers }
}

// ---- independent expectations, computed from the arrays above --------------------------------------

export const PATENT = ['invention', 'utility', 'design'] as const
const inYear = (date: string | null, year: number) => !!date && date.startsWith(`${year}-`)

export function expectedByKind(fx: Fixture, basis: 'filing' | 'grant', year: number): Record<(typeof PATENT)[number] | 'total', number> {
  const out = { invention: 0, utility: 0, design: 0, total: 0 }
  for (const a of fx.assets) {
    if (!a.owned || a.kind === 'software') continue
    if (!inYear(basis === 'filing' ? a.filing : a.grant, year)) continue
    out[a.kind]++
    out.total++
  }
  return out
}

/** In force on `day`: granted by then, term not over, not lapsed by then (a lapse without a date: not counted). */
export function isValidOn(a: FxAsset, day: string): boolean {
  if (!a.owned || a.kind === 'software' || !a.grant || a.grant > day) return false
  if (a.expiry && a.expiry < day) return false
  if (a.status === 'lapsed') return !!a.statusDate && a.statusDate > day
  return true
}

export function expectedValid(fx: Fixture, day: string): Record<(typeof PATENT)[number] | 'total', number> {
  const out = { invention: 0, utility: 0, design: 0, total: 0 }
  for (const a of fx.assets) {
    if (!isValidOn(a, day)) continue
    out[a.kind as (typeof PATENT)[number]]++
    out.total++
  }
  return out
}

export function ownedIds(fx: Fixture): Set<number> {
  return new Set(fx.assets.filter((a) => a.owned).map((a) => a.id))
}

export function expectedConversions(fx: Fixture, year: number) {
  const owned = ownedIds(fx)
  const rows = fx.conversions.filter((c) => owned.has(c.assetId) && inYear(c.date ?? c.start, year))
  const of = (kind: FxConversion['kind']) => rows.filter((c) => c.kind === kind)
  const sum = (items: FxConversion[], field: 'contract' | 'received') => items.reduce((s, c) => s + (c[field] ?? 0), 0)
  const open = of('open_license')
  const implemented = open.filter((c) => c.stage === 'implemented')
  return {
    transfer: { count: of('transfer').length, contractYuan: sum(of('transfer'), 'contract'), receivedYuan: sum(of('transfer'), 'received') },
    license: { count: of('license').length, contractYuan: sum(of('license'), 'contract'), receivedYuan: sum(of('license'), 'received') },
    openLicense: { published: open.length - implemented.length, implemented: implemented.length, amountYuan: sum(implemented, 'contract') },
    equity: { count: of('equity').length, amountYuan: sum(of('equity'), 'contract') },
  }
}

/** The college rule: the right's own college, else the first confirmed inventor's (non-blank) college. */
export function collegeOf(fx: Fixture, a: FxAsset): string {
  if (a.college) return a.college
  const first = a.inventors.find((inv) => inv.state === 'confirmed' && inv.researcher !== null)
  const researcher = first ? fx.researchers.find((r) => r.id === first.researcher) : undefined
  return researcher?.college ?? ''
}
