import { cellText, type CellValue } from '../../spreadsheet'
import { fieldLabel, profileOf, type ImportField, type ImportKind } from './fields'
import { resolveMapping } from './mapping'
import { PATENT_VALUE_KEYS, readPatentRow, type PatentRow } from './patent-row'
import { RowReader, type MappedColumn, type RowProblem } from './row-reader'
import { isNotARecord, isRepeatedHeader } from '../../spreadsheet/row-kinds'
import { OtherSheetTables, type OtherTable } from './other-sheets'
import { dataRows, detectAndStream, type ColumnMapping, type DataRow, type DetectedSource } from './source'

// Reading the data rows of an import file, in batches, patent rows checked as they are read. Runs on
// the reading worker (reader-worker.ts) for large files and on the calling thread otherwise — the same
// code either way, so the results are identical. Kept free of the archive and the writers: the worker
// loads only this.

/** workerData.role of the reading worker. */
export const WORKER_ROLE = 'ipdesk-import-reader'

/** Rows per batch (and per message from the worker): messaging stays cheap, memory flat. */
export const BATCH = 512

/** What the reader needs to know to read a file: its header row and the columns as mapped. */
export interface ReadJob {
  kind: ImportKind
  path: string
  displayName: string
  /** The visible worksheet the header is on (0 for CSV). */
  sheetIndex: number
  headerRow: number
  /** field → column, as applied. */
  columns: [ImportField, MappedColumn][]
  currentYear: number
}

/** A ReadJob before the header is known: the worker detects it itself (as the caller does). */
export interface ReadRequest {
  kind: ImportKind
  path: string
  displayName?: string
  mapping?: readonly ColumnMapping[]
  currentYear: number
}

/** One data row: its values, and for patent lists the row already checked. */
export interface ReadItem {
  rowNumber: number
  /** The worksheet, for a row of a worksheet after the header's own (other-sheets.ts). */
  sheet?: string
  values: CellValue[]
  patent?: { row: PatentRow | null; problems: RowProblem[] }
}

/** Rows in file order, with the share of the file read when the last of them was read. */
export interface ReadBatch {
  items: ReadItem[]
  fraction: number
  /** On the last batch only: the other worksheets with the same header (read with the first, or only counted). */
  otherTables?: OtherTable[]
}

/**
 * The worker's reading: detects the header and applies the mapping exactly as runImport does, then
 * reads on from the same pass over the file. `check()` is asked before each batch of patent rows: false
 * (the writer is about to run out of rows) sends the batch unchecked, for the writer to check itself
 * (unpackBatch) — the two threads share the checking when the writer has time to spare. The detection is
 * handed to `onDetected` before the first batch: the import uses it instead of detecting again.
 */
export async function* requestedBatches(request: ReadRequest, check: () => boolean, onDetected: (detected: DetectedSource) => void = () => {}): AsyncGenerator<WireBatch> {
  let fraction = 0
  const { detected, rows, sheetNames, close } = await detectAndStream(request.path, request.kind, request.displayName, (p) => (fraction = p.total ? p.done / p.total : 0))
  try {
    onDetected(detected)
    const columns = resolveMapping(detected, request.mapping)
    const job: ReadJob = {
      kind: request.kind,
      path: request.path,
      displayName: detected.fileName,
      sheetIndex: detected.sheetIndex,
      headerRow: detected.headerRow,
      columns: [...columns],
      currentYear: request.currentYear,
    }
    const others = otherTablesOf(job, sheetNames)
    for await (const batch of batchesOf(job, rows(others), () => fraction, check, () => others)) yield packBatch(job.kind, batch)
  } finally {
    await close()
  }
}

/** The watcher of the other worksheets for the header as the job maps it. */
function otherTablesOf(job: ReadJob, sheetNames: readonly string[]): OtherSheetTables {
  const profile = profileOf(job.kind)
  return new OtherSheetTables(job.sheetIndex, job.columns, sheetNames, (header) => profile.match(header).field)
}

const NO_PROBLEMS: RowProblem[] = []

function checkPatent(job: ReadJob, columns: ReadonlyMap<ImportField, MappedColumn>, rowNumber: number, values: CellValue[], sheet: string | undefined): ReadItem['patent'] {
  const reader = new RowReader(rowNumber, values, columns, (f) => fieldLabel(job.kind, f), sheet)
  const row = readPatentRow(reader, job.currentYear)
  return { row, problems: reader.problems.length ? reader.problems : NO_PROBLEMS }
}

/** The data rows of a job, in batches of BATCH, as they leave the reader (the calling thread's reading). */
export async function* wireBatches(job: ReadJob): AsyncGenerator<WireBatch> {
  let fraction = 0
  let others: OtherSheetTables | undefined
  const watch = (sheetNames: readonly string[]) => (others = otherTablesOf(job, sheetNames))
  const rows = dataRows(job.path, job.headerRow, job.displayName, (p) => (fraction = p.total ? p.done / p.total : 0), job.sheetIndex, watch)
  for await (const batch of batchesOf(job, rows, () => fraction, () => true, () => others)) yield packBatch(job.kind, batch)
}

/**
 * Data rows in batches of BATCH, patent rows checked when `check()` says so at the batch's first row;
 * rows with nothing in any imported column, totals rows, note lines and repeated headers skipped. The
 * last batch names the other worksheets that hold the same table (`others`).
 */
async function* batchesOf(
  job: ReadJob,
  rows: AsyncIterable<DataRow>,
  fraction: () => number,
  check: () => boolean,
  others: () => OtherSheetTables | undefined,
): AsyncGenerator<ReadBatch> {
  const columns = new Map(job.columns)
  const mapped = job.columns.map(([, c]) => c.index)
  const headerCells = job.columns.map(([, c]) => c)
  // The number a patent is known by: a row whose number came down from a merged cell above continues that patent.
  const keyColumn = job.kind === 'patents' ? (columns.get('appNo') ?? columns.get('pubNo') ?? columns.get('grantNo'))?.index : undefined
  let items: ReadItem[] = []
  let checking = true
  /** A patent row waiting for the rows that may continue it. */
  let held: DataRow | null = null
  const add = (row: DataRow) => {
    if (items.length === 0) checking = job.kind === 'patents' && check()
    // A checked patent row carries all the writer needs; its raw values need not travel.
    const sheet = row.sheetName === undefined ? {} : { sheet: row.sheetName }
    if (checking) items.push({ rowNumber: row.rowNumber, ...sheet, values: [], patent: checkPatent(job, columns, row.rowNumber, row.values, row.sheetName) })
    else items.push({ rowNumber: row.rowNumber, ...sheet, values: row.values })
  }
  for await (const row of rows) {
    // Nothing in any imported column: a footer ('共 123 条', 导出时间 …) or a note, not data. Nor is a
    // totals row (合计 / 总计 / 共 3 条 in its first cell), whatever it adds up in the columns, a note
    // or signature line (数据来源：…, 制表人：…) in whatever column, a month's banner, or the header repeated.
    if (mapped.every((i) => cellText(row.values[i]) === '') || isNotARecord(row.values) || isRepeatedHeader(row.values, headerCells)) continue
    if (held !== null && keyColumn !== undefined && row.filled?.includes(keyColumn) && row.sheetName === held.sheetName) {
      held = continued(held, row, job.columns)
      continue
    }
    if (held !== null) add(held)
    held = null
    if (keyColumn !== undefined) held = row
    else add(row)
    if (items.length >= BATCH) {
      yield { items, fraction: fraction() }
      items = []
    }
  }
  if (held !== null) add(held)
  // The other worksheets' tables are known once the file is read through: they travel with the last batch.
  const otherTables = others()?.found() ?? []
  if (items.length || otherTables.length) yield { items, fraction: fraction(), ...(otherTables.length ? { otherTables } : {}) }
}

/** Fields a patent written over several rows lists one value a row (one inventor a row, say). */
const LISTED: ReadonlySet<ImportField> = new Set<ImportField>(['inventors', 'applicants', 'currentOwner', 'ipc', 'projectNo', 'legalEvents', 'transferee', 'licensee', 'pledgee'])

/**
 * A ledger kept by hand may write one patent over several rows — its 申请号, 名称 and 学院 merged down them, one
 * inventor on each row. The merged cells read the same on every row (spreadsheet/merges.ts), so each row would
 * be the whole patent again, with one inventor: the last would win. Instead the rows are one record: the
 * listed fields of each further row are added in order; a single-valued field keeps its first value.
 */
function continued(held: DataRow, row: DataRow, columns: readonly [ImportField, MappedColumn][]): DataRow {
  const values = [...held.values]
  for (const [field, column] of columns) {
    if (row.filled?.includes(column.index)) continue
    const text = cellText(row.values[column.index])
    if (text === '') continue
    const before = cellText(values[column.index])
    if (before === '') values[column.index] = row.values[column.index] ?? null
    else if (LISTED.has(field)) values[column.index] = `${before}；${text}`
  }
  return { ...held, values }
}

// --- on the wire ----------------------------------------------------------------------------------------
// Checked patent rows travel from the worker as one JSON text per batch, each row an array in the fixed
// order below rather than an object: JSON.stringify/parse of such arrays costs half of what structured
// cloning the objects does (measured: 250 ms against 550 ms per 100,000 rows, both threads together).
// Rows of the other kinds hold Dates and travel as they are. Both paths — worker or not — go through the
// same packing, so what the writer sees never depends on where the rows were read.

const ROW_KEYS = ['rowNumber', 'appNo', 'kind', 'documentNumbers', 'values', 'status', 'extraHolders', 'inventors', 'projectNos', 'conversions', 'notes'] as const satisfies readonly (keyof PatentRow)[]
const VALUE_KEYS = PATENT_VALUE_KEYS
// Every field of PatentRow must be packed (PATENT_VALUE_KEYS covers PatentValues): adding one without listing it fails here.
const allRowKeys: Exclude<keyof PatentRow, (typeof ROW_KEYS)[number]> extends never ? true : never = true
void allRowKeys

/** A batch as it travels: checked patent rows packed into one JSON text, other rows as they are. */
export type WireBatch = ({ packed: string } | { items: ReadItem[] }) & { fraction: number; otherTables?: OtherTable[] }

type PackedItem = [rowNumber: number, row: unknown[] | 0, problems: RowProblem[] | 0, sheet?: string]

function packRow(row: PatentRow): unknown[] {
  return ROW_KEYS.map((key) => {
    if (key !== 'values') return row[key]
    const values = row.values
    // null stands for "the row says nothing" (undefined); no field of PatentValues is ever null.
    return VALUE_KEYS.map((v) => values[v] ?? null)
  })
}

function unpackRow(packed: unknown[]): PatentRow {
  const row: Record<string, unknown> = {}
  for (let i = 0; i < ROW_KEYS.length; i++) row[ROW_KEYS[i]!] = packed[i]
  const values: Record<string, string> = {}
  const packedValues = packed[ROW_KEYS.indexOf('values')] as (string | null)[]
  for (let i = 0; i < VALUE_KEYS.length; i++) {
    const v = packedValues[i]
    if (v !== null && v !== undefined) values[VALUE_KEYS[i]!] = v
  }
  row.values = values
  return row as unknown as PatentRow
}

export function packBatch(kind: ImportKind, batch: ReadBatch): WireBatch {
  if (kind !== 'patents' || batch.items[0]?.patent === undefined) return batch
  const packed: PackedItem[] = batch.items.map((item) => {
    const p = item.patent!
    const packed: PackedItem = [item.rowNumber, p.row === null ? 0 : packRow(p.row), p.problems.length ? p.problems : 0]
    if (item.sheet !== undefined) packed.push(item.sheet)
    return packed
  })
  return { packed: JSON.stringify(packed), fraction: batch.fraction, ...(batch.otherTables ? { otherTables: batch.otherTables } : {}) }
}

/** The batch as read; patent rows that came unchecked are checked here, with the same code. */
export function unpackBatch(job: ReadJob, wire: WireBatch): ReadBatch {
  if (!('packed' in wire)) {
    if (job.kind !== 'patents' || wire.items[0]?.patent !== undefined) return wire
    const columns = new Map(job.columns)
    const items = wire.items.map(
      (item): ReadItem => ({
        rowNumber: item.rowNumber,
        ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
        values: [],
        patent: checkPatent(job, columns, item.rowNumber, item.values, item.sheet),
      }),
    )
    return { items, fraction: wire.fraction, ...(wire.otherTables ? { otherTables: wire.otherTables } : {}) }
  }
  const items = (JSON.parse(wire.packed) as PackedItem[]).map(([rowNumber, row, problems, sheet]): ReadItem => ({
    rowNumber,
    ...(sheet === undefined ? {} : { sheet }),
    values: [],
    patent: { row: row === 0 ? null : unpackRow(row), problems: problems === 0 ? NO_PROBLEMS : problems },
  }))
  return { items, fraction: wire.fraction, ...(wire.otherTables ? { otherTables: wire.otherTables } : {}) }
}
