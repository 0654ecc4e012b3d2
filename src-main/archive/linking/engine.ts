import type Database from 'better-sqlite3'
import type { LinkState } from '../../db/schema'
import { candidatesJson, personKey, ResearcherIndex, type LinkContext, type LinkDecision, type LinkResearcher } from './match'

// Writing inventor links and the disciplines derived from them. Runs on the raw better-sqlite3 handle
// because an import calls it for every row inside its one transaction (the caller owns the transaction).
//
// Links a librarian settled are never touched: a 'confirmed' link, or any link whose link_source is
// 'manual' (the link-confirmation UI sets it when a librarian reassigns an inventor or marks one external).
// asset_discipline rows with source 'manual' are never removed; 'derived' rows follow the linked researchers.

export interface LinkCounts {
  confirmed: number
  suggested: number
  ambiguous: number
  external: number
}

export function emptyLinkCounts(): LinkCounts {
  return { confirmed: 0, suggested: 0, ambiguous: 0, external: 0 }
}

interface InventorRow {
  rank: number
  raw_name: string
  researcher_id: number | null
  link_state: LinkState
  candidates: string
  link_source: 'auto' | 'manual'
}

export function loadResearcherIndex(sqlite: Database.Database): ResearcherIndex {
  const rows = sqlite
    .prepare('SELECT id, name, college, discipline_code AS disciplineCode, joined_on AS joinedOn, left_on AS leftOn FROM researcher')
    .all() as LinkResearcher[]
  return new ResearcherIndex(rows)
}

function sameDecision(row: InventorRow, d: LinkDecision): boolean {
  return row.link_state === d.state && row.researcher_id === d.researcherId && row.candidates === candidatesJson(d)
}

function settled(row: InventorRow): boolean {
  return row.link_state === 'confirmed' || row.link_source === 'manual'
}

/**
 * Told about every asset whose inventor rows were inserted: the import queues those assets for the
 * search index itself while the queueing trigger is set aside (import/search-queue.ts).
 */
export interface InventorInsertListener {
  inventorsInserted(assetId: number): void
}

const INVENTOR_COLUMNS = 'asset_id, rank, raw_name, researcher_id, link_state, candidates, link_source'

/**
 * Inventor rows per multi-row INSERT. Measured on 318,000 rows (100,000 assets): 64 rows a statement
 * 440 ms, one row a statement 680 ms; one statement per asset (three rows on average) gains nothing.
 */
const INVENTORS_PER_INSERT = 64

/**
 * An external inventor with no candidates — most rows of a large list — is written with three values
 * instead of seven; the other four are the columns' defaults (no researcher, 'external', '[]', 'auto').
 * Binding values is most of what an insert costs from JavaScript: 318,000 rows take 230 ms this way
 * against 330 ms with all seven bound.
 */
const PLAIN_EXTERNAL_COLUMNS = 'asset_id, rank, raw_name'

/** Prepared statements for linking, bound to one connection. */
export class InventorLinker {
  readonly counts = emptyLinkCounts()
  private readonly selectInventors: Database.Statement
  private readonly deleteInventors: Database.Statement
  private readonly insertInventor: Database.Statement
  private readonly insertInventors: Database.Statement
  /** New assets' inventor rows not yet written (7 values each): see insertNew. */
  private pending: (string | number | null)[] = []
  private pendingRows = 0
  private readonly insertPlainExternal: Database.Statement
  private readonly insertPlainExternals: Database.Statement
  /** New assets' external inventors without candidates not yet written (3 values each). */
  private pendingPlain: (string | number)[] = []
  private pendingPlainRows = 0
  private readonly updateLink: Database.Statement
  private readonly disciplines: DisciplineDeriver

  constructor(
    sqlite: Database.Database,
    readonly index: ResearcherIndex,
    private readonly listener: InventorInsertListener | null = null,
  ) {
    this.selectInventors = sqlite.prepare(
      'SELECT rank, raw_name, researcher_id, link_state, candidates, link_source FROM asset_inventor WHERE asset_id = ? ORDER BY rank',
    )
    this.deleteInventors = sqlite.prepare('DELETE FROM asset_inventor WHERE asset_id = ?')
    this.insertInventor = sqlite.prepare(`INSERT INTO asset_inventor (${INVENTOR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    this.insertInventors = sqlite.prepare(`INSERT INTO asset_inventor (${INVENTOR_COLUMNS}) VALUES ${Array.from({ length: INVENTORS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`)
    this.insertPlainExternal = sqlite.prepare(`INSERT INTO asset_inventor (${PLAIN_EXTERNAL_COLUMNS}) VALUES (?, ?, ?)`)
    this.insertPlainExternals = sqlite.prepare(
      `INSERT INTO asset_inventor (${PLAIN_EXTERNAL_COLUMNS}) VALUES ${Array.from({ length: INVENTORS_PER_INSERT }, () => '(?, ?, ?)').join(', ')}`,
    )
    this.updateLink = sqlite.prepare('UPDATE asset_inventor SET researcher_id = ?, link_state = ?, candidates = ? WHERE asset_id = ? AND rank = ?')
    this.disciplines = new DisciplineDeriver(sqlite)
  }

  private count(state: LinkState): void {
    this.counts[state]++
  }

  /**
   * Writes the inventor rows insertNew still holds. Called before anything here reads asset_inventor;
   * the import calls it after its last row (before the indexes are rebuilt and before the commit).
   */
  flush(): void {
    const p = this.pending
    for (let i = 0; i < p.length; i += 7) this.insertInventor.run(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5], p[i + 6])
    this.pending = []
    this.pendingRows = 0
    const q = this.pendingPlain
    for (let i = 0; i < q.length; i += 3) this.insertPlainExternal.run(q[i], q[i + 1], q[i + 2])
    this.pendingPlain = []
    this.pendingPlainRows = 0
  }

  /** Inventor names of an asset in rank order. */
  names(assetId: number): string[] {
    this.flush()
    return (this.selectInventors.all(assetId) as InventorRow[]).map((r) => r.raw_name)
  }

  /**
   * Writes the inventor list of a new asset (nothing to carry over) and, when `deriveDisciplines`, the
   * asset's derived disciplines. The inventor rows are held and written INVENTORS_PER_INSERT at a time
   * (flush() writes the rest): nothing reads a new asset's inventors until the import is done with it,
   * and every method here that reads flushes first.
   *
   * Derived disciplines are those of the researchers just linked — what DisciplineDeriver would
   * read back, known here without a query (a new asset has no discipline rows and no manual fields).
   * Returns whether any inventor got a researcher.
   */
  insertNew(assetId: number, names: readonly string[], context: LinkContext, deriveDisciplines = false): boolean {
    let codes: string[] | null = null
    let linked = false
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!
      const d = this.index.decide(name, context)
      if (d.state === 'external' && d.researcherId === null && d.candidates.length === 0) {
        this.pendingPlain.push(assetId, i + 1, name)
        if (++this.pendingPlainRows === INVENTORS_PER_INSERT) {
          this.insertPlainExternals.run(this.pendingPlain)
          this.pendingPlain = []
          this.pendingPlainRows = 0
        }
      } else {
        this.pending.push(assetId, i + 1, name, d.researcherId, d.state, candidatesJson(d), 'auto')
        if (++this.pendingRows === INVENTORS_PER_INSERT) {
          this.insertInventors.run(this.pending)
          this.pending = []
          this.pendingRows = 0
        }
      }
      this.count(d.state)
      if (d.researcherId !== null) {
        linked = true
        const code = this.index.get(d.researcherId)?.disciplineCode ?? null
        if (code !== null) {
          codes ??= []
          if (!codes.includes(code)) codes.push(code)
        }
      }
    }
    if (names.length) this.listener?.inventorsInserted(assetId)
    if (deriveDisciplines && codes !== null) this.disciplines.insertDerived(assetId, codes)
    return linked
  }

  /**
   * Brings an existing asset's inventors up to date. `names` null keeps the list (not in the file, or
   * a librarian edited it); a different list replaces it, carrying settled links over by name. Links
   * that are not settled are decided again (the roster or the holder may have changed).
   * Returns whether the list of names changed.
   */
  update(assetId: number, names: readonly string[] | null, context: LinkContext): boolean {
    this.flush()
    const existing = this.selectInventors.all(assetId) as InventorRow[]
    const sameList = names === null || (names.length === existing.length && names.every((n, i) => n === existing[i]!.raw_name))
    if (sameList) {
      for (const row of existing) {
        if (settled(row)) {
          this.count(row.link_state)
          continue
        }
        const d = this.index.decide(row.raw_name, context)
        this.count(d.state)
        if (!sameDecision(row, d)) this.updateLink.run(d.researcherId, d.state, candidatesJson(d), assetId, row.rank)
      }
      return false
    }
    const keep = new Map<string, InventorRow>()
    for (const row of existing) if (settled(row) && !keep.has(row.raw_name)) keep.set(row.raw_name, row)
    this.deleteInventors.run(assetId)
    names.forEach((name, i) => {
      const kept = keep.get(name)
      if (kept) {
        this.insertInventor.run(assetId, i + 1, name, kept.researcher_id, kept.link_state, kept.candidates, kept.link_source)
        this.count(kept.link_state)
        return
      }
      const d = this.index.decide(name, context)
      this.insertInventor.run(assetId, i + 1, name, d.researcherId, d.state, candidatesJson(d), 'auto')
      this.count(d.state)
    })
    if (names.length) this.listener?.inventorsInserted(assetId)
    return true
  }

  deriveDisciplines(assetId: number, manualFields?: ReadonlySet<string>): void {
    this.flush()
    this.disciplines.derive(assetId, manualFields)
  }
}

/**
 * asset_discipline rows with source 'derived' = the disciplines of the researchers linked to the asset
 * (confirmed or suggested). 'manual' rows are never removed; a derived code that is already there as
 * 'manual' stays 'manual'.
 */
export class DisciplineDeriver {
  private readonly selectWanted: Database.Statement
  private readonly selectDerived: Database.Statement
  private readonly deleteDerived: Database.Statement
  private readonly insertDerivedRow: Database.Statement
  private readonly selectManual: Database.Statement

  constructor(sqlite: Database.Database) {
    this.selectManual = sqlite.prepare('SELECT manual_fields FROM ip_asset WHERE id = ?')
    this.selectWanted = sqlite.prepare(
      `SELECT DISTINCT r.discipline_code AS code FROM asset_inventor ai JOIN researcher r ON r.id = ai.researcher_id
       WHERE ai.asset_id = ? AND ai.link_state IN ('confirmed', 'suggested') AND r.discipline_code IS NOT NULL`,
    )
    this.selectDerived = sqlite.prepare("SELECT discipline_code AS code FROM asset_discipline WHERE asset_id = ? AND source = 'derived'")
    this.deleteDerived = sqlite.prepare("DELETE FROM asset_discipline WHERE asset_id = ? AND discipline_code = ? AND source = 'derived'")
    this.insertDerivedRow = sqlite.prepare("INSERT OR IGNORE INTO asset_discipline (asset_id, discipline_code, source) VALUES (?, ?, 'derived')")
  }

  derive(assetId: number, manualFields?: ReadonlySet<string>): void {
    // A librarian who edited an asset's disciplines owns them: 'disciplines' in ip_asset.manual_fields.
    const manual = manualFields ?? this.manualOf(assetId)
    if (manual.has('disciplines')) return
    const wanted = new Set((this.selectWanted.all(assetId) as { code: string }[]).map((r) => r.code))
    for (const { code } of this.selectDerived.all(assetId) as { code: string }[]) {
      if (!wanted.has(code)) this.deleteDerived.run(assetId, code)
      else wanted.delete(code)
    }
    this.insertDerived(assetId, wanted)
  }

  /** Adds derived rows (a code already there, derived or manual, stays as it is). */
  insertDerived(assetId: number, codes: Iterable<string>): void {
    for (const code of codes) this.insertDerivedRow.run(assetId, code)
  }

  private manualOf(assetId: number): ReadonlySet<string> {
    const row = this.selectManual.get(assetId) as { manual_fields: string } | undefined
    if (!row || row.manual_fields === '[]') return NO_FIELDS
    try {
      const list: unknown = JSON.parse(row.manual_fields)
      return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [])
    } catch {
      return NO_FIELDS
    }
  }
}

const NO_FIELDS: ReadonlySet<string> = new Set()

/** Re-derive the disciplines of every asset linked to these researchers (their discipline changed). */
export function rederiveForResearchers(sqlite: Database.Database, researcherIds: ReadonlySet<number>): number {
  if (researcherIds.size === 0) return 0
  const select = sqlite.prepare("SELECT DISTINCT asset_id FROM asset_inventor WHERE researcher_id = ? AND link_state IN ('confirmed', 'suggested')")
  const assets = new Set<number>()
  for (const id of researcherIds) for (const row of select.all(id) as { asset_id: number }[]) assets.add(row.asset_id)
  const deriver = new DisciplineDeriver(sqlite)
  for (const assetId of assets) deriver.derive(assetId)
  return assets.size
}

export interface RelinkResult {
  /** Inventor rows whose link changed. */
  changed: number
  /** Assets touched (disciplines re-derived). */
  assets: number
  counts: LinkCounts
}

interface RelinkRow extends InventorRow {
  asset_id: number
  university_owned: number
  college: string
  filing_date: string | null
}

/**
 * Re-decide every link that is not settled, e.g. after a roster import: new researchers may resolve
 * 'external' and 'ambiguous' inventors; a new namesake turns a 'suggested' link 'ambiguous'.
 * `names` (folded with personKey) limits the pass to inventors with those names. Call inside the
 * caller's transaction.
 */
export function relinkInventors(sqlite: Database.Database, options: { names?: ReadonlySet<string> } = {}): RelinkResult {
  const index = loadResearcherIndex(sqlite)
  const select = sqlite.prepare(
    `SELECT ai.asset_id, ai.rank, ai.raw_name, ai.researcher_id, ai.link_state, ai.candidates, ai.link_source,
            a.university_owned, a.college, a.filing_date
     FROM asset_inventor ai JOIN ip_asset a ON a.id = ai.asset_id
     WHERE ai.link_state <> 'confirmed' AND ai.link_source = 'auto'`,
  )
  const changes: { assetId: number; rank: number; d: LinkDecision }[] = []
  const counts = emptyLinkCounts()
  // Collect first: better-sqlite3 cannot write while a statement is being iterated on the connection.
  for (const row of select.iterate() as IterableIterator<RelinkRow>) {
    if (options.names && !options.names.has(personKey(row.raw_name))) continue
    const d = index.decide(row.raw_name, { universityOwned: row.university_owned === 1, college: row.college, filingDate: row.filing_date })
    counts[d.state]++
    if (!sameDecision(row, d)) changes.push({ assetId: row.asset_id, rank: row.rank, d })
  }
  const update = sqlite.prepare('UPDATE asset_inventor SET researcher_id = ?, link_state = ?, candidates = ? WHERE asset_id = ? AND rank = ?')
  const assets = new Set<number>()
  for (const { assetId, rank, d } of changes) {
    update.run(d.researcherId, d.state, candidatesJson(d), assetId, rank)
    assets.add(assetId)
  }
  const deriver = new DisciplineDeriver(sqlite)
  for (const assetId of assets) deriver.derive(assetId)
  return { changed: changes.length, assets: assets.size, counts }
}
