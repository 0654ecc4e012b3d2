import type Database from 'better-sqlite3'
import type { AssetKind, ConversionKind, IpAsset } from '../../db/schema'
import { isGrantKindCode, parsePublicationNumber, sameInventionDocuments } from '../../domain/cn-number'
import { computeExpiryDate } from '../../domain/term'
import { hasCjk } from '../../domain/text-width'
import { isUniversityHolder } from '../../domain/university'
import type { InventorLinker } from '../linking/engine'
import { KnownNumbers } from './known-numbers'
import { PATENT_VALUE_KEYS, type ConversionInput, type PatentRow } from './patent-row'
import type { SearchQueue } from './search-queue'

// Writing one checked patent row into the archive, inside the import's transaction. Prepared statements
// on the raw connection: this runs once per row of files with 100,000 rows.
//
// Merge rules when the number is already in the archive (imported earlier, or earlier in this file):
//  - a value the row gives replaces the stored one; an empty cell or an absent column never erases data;
//  - fields a librarian edited (ip_asset.manual_fields, JSON list of column names) are never overwritten;
//    'inventors' in that list keeps the inventor list; any status_* name keeps the whole legal status;
//    'disciplines' keeps the asset's disciplines (nothing derived); 'projects' keeps its project links;
//  - the legal status is replaced unless the row's status date is older than the stored one (an older
//    export must not undo a newer status), and a pending status never replaces that of a patent with a
//    grant number or grant date (exports list the A and the B document of one application as two rows);
//  - a grant document (B) in the 公开（公告）号 column does not replace a stored publication (A): the A
//    number stays findable, the B number is the grant number;
//  - a value without a Chinese character never replaces one with them in the fields foreign databases give
//    in translation (title, applicants, owner, abstract; the inventors' names): Google Patents or Lens in
//    English completes a patent, it does not turn 东海理工大学 into "Donghai University …";
//  - a pending patent whose row brings its first grant number is granted (when the row states no status);
//  - expiry and university ownership are recomputed from the merged values (unless edited by hand).

export type RowOutcome = 'inserted' | 'updated' | 'unchanged'

export type WriteResult =
  | {
      outcome: RowOutcome
      assetId: number
      warnings: string[]
      /** An earlier row of this import wrote the same patent (its number repeated, in any form): merged into it. */
      repeated?: true
    }
  | { problem: string; field: 'appNo' | 'pubNo' | 'title' }

export interface PatentWriterOptions {
  batchId: number
  now: string
  universityName: string
  universityAliases: readonly string[]
  /** Told about every inserted asset when the import queues search updates itself (search-queue.ts). */
  searchQueue?: SearchQueue | null
}

/** Holder texts whose university check is remembered (a list repeats a few hundred applicant cells). */
const OWNED_CACHE_MAX = 20_000

/** Columns an import may change on an existing asset, in statement order: every value a row carries. */
const MERGED = PATENT_VALUE_KEYS

const STATUS = ['status_group', 'status_event', 'status_raw', 'status_date', 'status_recoverable'] as const
const DERIVED = ['university_owned', 'expiry_date'] as const
type Mutable = (typeof MERGED)[number] | (typeof STATUS)[number] | (typeof DERIVED)[number]
const ALL_MUTABLE: readonly Mutable[] = [...MERGED, ...STATUS, ...DERIVED]

/** Fields foreign databases give in translation: Chinese text in them is not replaced by text without it. */
const TRANSLATED: ReadonlySet<string> = new Set(['title', 'applicants', 'current_owner', 'abstract'])

/** The stored text has Chinese where `value` has none: a translation of it, not newer data. */
function translationOf(value: string | number, stored: string | number | null): boolean {
  return typeof value === 'string' && typeof stored === 'string' && !hasCjk(value) && hasCjk(stored)
}

/** Columns of a new asset, in the order of the insert's values: the row's values, then what follows from them. */
const INSERTED = ['kind', 'app_no', ...MERGED, ...STATUS, ...DERIVED, 'source_batch_id', 'created_at', 'updated_at'] as const satisfies readonly (keyof IpAsset)[]

/** The values of INSERTED, typed column by column, so the two lists cannot drift apart. */
type ColumnValues<T extends readonly (keyof IpAsset)[]> = { -readonly [K in keyof T]: IpAsset[T[K] & keyof IpAsset] }
type InsertedValues = ColumnValues<typeof INSERTED>

/** A grant document (CN…B, C, U, S): the patent as granted, not its application's publication. */
function isGrantDocument(number: string | number | null): boolean {
  if (typeof number !== 'string') return false
  const parsed = parsePublicationNumber(number)
  return parsed !== null && isGrantKindCode(parsed.kindCode)
}

/** 'statusGroup' → 'status_group': the edit UI may record either spelling. */
function snake(name: string): string {
  return name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`)
}

export function manualFieldSet(json: string): Set<string> {
  if (json === '[]') return new Set()
  let list: unknown
  try {
    list = JSON.parse(json)
  } catch {
    return new Set()
  }
  if (!Array.isArray(list)) return new Set()
  const set = new Set<string>()
  for (const item of list) if (typeof item === 'string') set.add(snake(item))
  if ([...set].some((f) => f === 'status' || f.startsWith('status_') || f === 'legal_status')) for (const f of STATUS) set.add(f)
  if (set.has('inventor_list')) set.add('inventors')
  return set
}

type AssetRow = IpAsset

export class PatentWriter {
  private readonly byAppNo: Database.Statement
  private readonly byDocument: Database.Statement
  private readonly otherByDocument: Database.Statement
  private readonly ownedCache = new Map<string, 0 | 1>()
  private readonly insertAsset: Database.Statement
  private readonly updateAsset: Database.Statement
  private readonly selectConversions: Database.Statement
  private readonly insertConversion: Database.Statement
  private readonly dateConversion: Database.Statement
  private readonly projectByNo: Database.Statement
  private readonly linkProject: Database.Statement
  private readonly known: KnownNumbers
  private readonly inventorNames: Database.Statement
  /** Assets this import has written: a row of one of them again is the same patent listed twice. */
  private readonly written = new Set<number>()
  conversionsAdded = 0
  projectLinksAdded = 0

  constructor(
    sqlite: Database.Database,
    private readonly linker: InventorLinker,
    private readonly options: PatentWriterOptions,
  ) {
    this.known = new KnownNumbers(sqlite)
    this.inventorNames = sqlite.prepare('SELECT raw_name FROM asset_inventor WHERE asset_id = ? ORDER BY rank').pluck()
    this.byAppNo = sqlite.prepare('SELECT * FROM ip_asset WHERE app_no = ?')
    this.byDocument = sqlite.prepare('SELECT * FROM ip_asset WHERE pub_no = ? UNION SELECT * FROM ip_asset WHERE grant_no = ?')
    // The first row of the UNION above (its rows come out in id order) with only the columns needed.
    this.otherByDocument = sqlite.prepare('SELECT id, app_no FROM ip_asset WHERE pub_no = ? UNION SELECT id, app_no FROM ip_asset WHERE grant_no = ? ORDER BY id LIMIT 1')
    this.insertAsset = sqlite.prepare(`INSERT INTO ip_asset (${INSERTED.join(', ')}) VALUES (${INSERTED.map(() => '?').join(', ')})`)
    this.updateAsset = sqlite.prepare(
      `UPDATE ip_asset SET ${ALL_MUTABLE.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`,
    )
    this.selectConversions = sqlite.prepare('SELECT id, contract_date, counterparty, source_batch_id FROM conversion WHERE asset_id = ? AND kind = ?')
    this.insertConversion = sqlite.prepare(
      `INSERT INTO conversion (asset_id, kind, counterparty, contract_date, recorded, note, source_batch_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    )
    this.dateConversion = sqlite.prepare(
      "UPDATE conversion SET contract_date = ?, counterparty = CASE WHEN counterparty = '' THEN ? ELSE counterparty END, updated_at = ? WHERE id = ?",
    )
    this.projectByNo = sqlite.prepare('SELECT id FROM project WHERE project_no = ?')
    this.linkProject = sqlite.prepare('INSERT OR IGNORE INTO asset_project (asset_id, project_id) VALUES (?, ?)')
  }

  private owned(applicants: string, owner: string, extra: readonly string[]): 0 | 1 {
    const key = extra.length ? `${applicants}\u0000${owner}\u0000${extra.join('\u0000')}` : `${applicants}\u0000${owner}`
    let owned = this.ownedCache.get(key)
    if (owned === undefined) {
      const { universityName, universityAliases } = this.options
      owned = isUniversityHolder([applicants, owner, ...extra], universityName, universityAliases) ? 1 : 0
      if (this.ownedCache.size >= OWNED_CACHE_MAX) this.ownedCache.clear()
      this.ownedCache.set(key, owned)
    }
    return owned
  }

  /** The asset a row refers to: by application number, else by publication/grant number. */
  private find(row: PatentRow): { asset: AssetRow | null; problem?: WriteResult } {
    if (row.appNo !== null) {
      const asset = this.known.mayExist(row.appNo) ? ((this.byAppNo.get(row.appNo) as AssetRow | undefined) ?? null) : null
      if (asset === null) {
        for (const doc of row.documentNumbers) {
          if (!this.known.mayExist(doc)) continue
          const other = this.otherByDocument.get(doc, doc) as { id: number; app_no: string } | undefined
          if (other) {
            return {
              asset: null,
              problem: {
                field: 'pubNo',
                problem: `公开（公告）号 ${doc} 在档案中属于申请号 ${other.app_no} 的专利，与本行的申请号 ${row.appNo} 不符：请核对两个号码是否属于同一件专利`,
              },
            }
          }
        }
      }
      return { asset }
    }
    const found = new Map<number, AssetRow>()
    for (const doc of row.documentNumbers) {
      for (const a of this.byDocument.all(doc, doc) as AssetRow[]) found.set(a.id, a)
    }
    // Only the grant's number (B) of an invention stored under its publication's (A), or the other way round.
    if (found.size === 0) {
      for (const doc of row.documentNumbers.flatMap(sameInventionDocuments)) {
        for (const a of this.byDocument.all(doc, doc) as AssetRow[]) found.set(a.id, a)
      }
    }
    if (found.size === 1) return { asset: [...found.values()][0]! }
    const docs = row.documentNumbers.join('、')
    if (found.size > 1) {
      return { asset: null, problem: { field: 'pubNo', problem: `公开（公告）号 ${docs} 对应档案中的多件专利：请在该行补上申请号` } }
    }
    return {
      asset: null,
      problem: {
        field: 'appNo',
        problem: `缺少申请号：档案中没有公开（公告）号为 ${docs} 的专利，只凭公开号不能新建档案记录（档案以申请号为准）。请导出含“申请号”列的清单后再导入；若该专利已在档案中，本行可补充其信息`,
      },
    }
  }

  write(row: PatentRow): WriteResult {
    const found = this.find(row)
    if (found.problem) return found.problem
    const warnings: string[] = []
    const projectIds: number[] = []
    for (const no of row.projectNos) {
      const p = this.projectByNo.get(no) as { id: number } | undefined
      if (p) projectIds.push(p.id)
      else warnings.push(`项目编号“${no}”不在档案中，未关联项目：请先导入项目清单，再重新导入本文件`)
    }
    const asset = found.asset
    if (asset === null) return this.insert(row, projectIds, warnings)
    return this.merge(asset, row, projectIds, warnings)
  }

  private insert(row: PatentRow, projectIds: number[], warnings: string[]): WriteResult {
    const v = row.values
    if (v.title === undefined) {
      return { field: 'title', problem: '缺少名称：新建档案的专利必须有名称（发明名称/专利名称），请补上后再导入' }
    }
    const applicants = v.applicants ?? ''
    const owner = v.current_owner ?? ''
    const universityOwned = this.owned(applicants, owner, row.extraHolders)
    const filing = v.filing_date ?? null
    const college = v.college ?? ''
    const now = this.options.now
    // Positional values in INSERTED order: binding by name costs SQLite a look-up per parameter, about
    // 40 % of this insert on a 100,000-row import.
    const values: InsertedValues = [
      row.kind,
      row.appNo!,
      filing,
      v.pub_no ?? null,
      v.pub_date ?? null,
      v.grant_no ?? null,
      v.grant_date ?? null,
      v.title,
      applicants,
      owner,
      v.ipc_main ?? null,
      v.ipc_all ?? '',
      v.abstract ?? '',
      college,
      row.status?.group ?? 'unknown',
      row.status?.event ?? '',
      row.status?.raw ?? '',
      row.status?.date ?? null,
      row.status?.recoverable ? 1 : 0,
      universityOwned,
      filing ? computeExpiryDate(row.kind, filing) : null,
      this.options.batchId,
      now,
      now,
    ]
    const assetId = Number(this.insertAsset.run(values).lastInsertRowid)
    this.known.add(row.appNo, v.pub_no, v.grant_no)
    this.options.searchQueue?.assetInserted(assetId)
    if (row.inventors) {
      // A new asset: its derived disciplines follow from the researchers just linked.
      this.linker.insertNew(assetId, row.inventors, { universityOwned: universityOwned === 1, college, filingDate: filing }, true)
    }
    this.addConversions(assetId, row.conversions)
    this.addProjects(assetId, projectIds)
    this.written.add(assetId)
    return { outcome: 'inserted', assetId, warnings }
  }

  private merge(asset: AssetRow, row: PatentRow, projectIds: number[], warnings: string[]): WriteResult {
    const manual = manualFieldSet(asset.manual_fields)
    const next: Record<Mutable, string | number | null> = {} as Record<Mutable, string | number | null>
    for (const c of ALL_MUTABLE) next[c] = asset[c]
    for (const c of MERGED) {
      const value = row.values[c]
      if (value === undefined || manual.has(c)) continue
      // The publication (A) stays the publication number when a row lists the grant (B) in that column.
      if (c === 'pub_no' && isGrantDocument(value) && asset.pub_no !== null && !isGrantDocument(asset.pub_no)) continue
      if (TRANSLATED.has(c) && translationOf(value, asset[c])) continue
      next[c] = value
    }
    const s = row.status
    if (!s && asset.status_group === 'pending' && asset.grant_no === null && next.grant_no !== null && !STATUS.some((c) => manual.has(c))) {
      // Granted since the archive last heard of it: pending is no longer true, whatever has happened after.
      next.status_group = 'valid'
      next.status_event = '授权'
      next.status_raw = ''
      next.status_date = (next.grant_date as string | null) ?? null
      next.status_recoverable = 0
      warnings.push(`档案中本专利为“审中”，本行给出授权公告号 ${String(next.grant_no)}：法律状态改为“有效（授权）”。文件没有法律状态列，如已失效请另行更新`)
    }
    if (s && !STATUS.some((c) => manual.has(c))) {
      const older = s.date !== null && asset.status_date !== null && s.date < asset.status_date
      // A granted patent is never pending again: a row that says so describes its application (the A
      // publication's row of an export that lists both documents).
      const backToPending = s.group === 'pending' && (next.grant_no !== null || next.grant_date !== null)
      if (!older && !backToPending) {
        next.status_group = s.group
        next.status_event = s.event
        next.status_raw = s.raw
        next.status_date = s.date
        next.status_recoverable = s.recoverable ? 1 : 0
      }
    }
    if (!manual.has('university_owned')) {
      next.university_owned = this.owned(String(next.applicants ?? ''), String(next.current_owner ?? ''), row.extraHolders)
    }
    if (!manual.has('expiry_date')) {
      const filing = next.filing_date as string | null
      next.expiry_date = filing ? computeExpiryDate(asset.kind as AssetKind, filing) : asset.expiry_date
    }
    const repeated = this.written.has(asset.id)
    this.written.add(asset.id)
    if (repeated && next.title !== asset.title) {
      warnings.push(
        `申请号 ${asset.app_no} 在本文件前面的行中已出现，名称为“${String(asset.title)}”，本行为“${String(next.title)}”：两行按同一件专利合并，名称按本行更新。如果它们是两件专利，请核对号码`,
      )
    }
    const changed = ALL_MUTABLE.some((c) => next[c] !== asset[c])
    if (changed) this.updateAsset.run({ ...next, id: asset.id, now: this.options.now })
    this.known.add(next.pub_no, next.grant_no)

    const context = { universityOwned: next.university_owned === 1, college: String(next.college ?? ''), filingDate: (next.filing_date as string | null) ?? null }
    const names = manual.has('inventors') || (row.inventors !== null && this.inventorsTranslated(asset.id, row.inventors)) ? null : row.inventors
    const namesChanged = this.linker.update(asset.id, names, context)
    this.linker.deriveDisciplines(asset.id, manual)
    const conversions = this.addConversions(asset.id, row.conversions)
    // 'projects' in manual_fields: a librarian settled the asset's projects; the file adds none.
    const projects = manual.has('projects') ? 0 : this.addProjects(asset.id, projectIds)
    const outcome: RowOutcome = changed || namesChanged || conversions > 0 || projects > 0 ? 'updated' : 'unchanged'
    return { outcome, assetId: asset.id, warnings, ...(repeated ? { repeated: true as const } : {}) }
  }

  /** The row names the inventors without Chinese characters (pinyin, English) where the archive has Chinese names. */
  private inventorsTranslated(assetId: number, names: readonly string[]): boolean {
    if (names.some(hasCjk)) return false
    return (this.inventorNames.all(assetId) as string[]).some(hasCjk)
  }

  /**
   * Conversion records from the export's 转让/许可/质押 columns. Deduplicated on (asset, kind, date), so a
   * re-import adds nothing; a count (许可次数 …) larger than the records known adds undated records;
   * a later dated export fills in the date of such an undated record instead of adding another.
   * Recorded (备案) is set: these events come from CNIPA's register.
   */
  private addConversions(assetId: number, conversions: readonly ConversionInput[]): number {
    let added = 0
    const { batchId, now } = this.options
    for (const c of conversions) {
      const existing = this.selectConversions.all(assetId, c.kind) as { id: number; contract_date: string | null; counterparty: string; source_batch_id: number | null }[]
      for (const date of c.dates) {
        if (existing.some((e) => e.contract_date === date)) continue
        const undated = existing.find((e) => e.contract_date === null && e.source_batch_id !== null)
        if (undated) {
          this.dateConversion.run(date, c.counterparty, now, undated.id)
          undated.contract_date = date
        } else {
          const id = Number(this.insertConversion.run(assetId, c.kind, c.counterparty, date, noteOf(c.kind, true), batchId, now, now).lastInsertRowid)
          existing.push({ id, contract_date: date, counterparty: c.counterparty, source_batch_id: batchId })
        }
        added++
      }
      if (c.count !== null) {
        for (let n = existing.length; n < c.count; n++) {
          this.insertConversion.run(assetId, c.kind, c.counterparty, null, noteOf(c.kind, false), batchId, now, now)
          existing.push({ id: 0, contract_date: null, counterparty: c.counterparty, source_batch_id: batchId })
          added++
        }
      }
    }
    this.conversionsAdded += added
    return added
  }

  private addProjects(assetId: number, projectIds: readonly number[]): number {
    let added = 0
    for (const id of projectIds) added += this.linkProject.run(assetId, id).changes
    this.projectLinksAdded += added
    return added
  }
}

const CONVERSION_NOTE: Record<ConversionKind, string> = {
  transfer: '转让',
  license: '许可',
  open_license: '开放许可',
  equity: '作价入股',
  pledge: '质押',
}

function noteOf(kind: ConversionKind, dated: boolean): string {
  return dated ? `由导入清单的${CONVERSION_NOTE[kind]}日期生成` : `由导入清单的${CONVERSION_NOTE[kind]}次数生成，日期未知，请补充`
}
