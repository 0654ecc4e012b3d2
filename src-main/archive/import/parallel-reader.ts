import { statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { AppError, ERROR_CODES, type ErrorCode } from '../../contract/result'
import { cellText, type CellValue } from '../../spreadsheet'
import { fieldLabel, type ImportField, type ImportKind } from './fields'
import { readPatentRow, type PatentRow } from './patent-row'
import { RowReader, type MappedColumn, type RowProblem } from './row-reader'
import { dataRows } from './source'

// Reading a large file on a second thread. exceljs' XML parsing and the checking of each patent row are
// pure JavaScript; the archive's writes are SQLite's. On one thread they take turns; here a worker reads
// and checks rows while the main thread writes the previous batch, so an import costs little more than
// reading the file.
//
// The worker runs this same module: it is started on `import.meta.url` (the built chunk that holds this
// code) and recognises its role from workerData. Where that cannot work (tests running the TypeScript
// source, a platform where the worker does not start), the rows are read on the calling thread instead —
// the same code, one thread, identical results.

const ROLE = 'ipdesk-import-reader'
/** Rows per message: large enough to make messaging cheap, small enough to keep memory flat. */
const BATCH = 256
/** Batches the worker may read ahead of the writer. */
const AHEAD = 8
/** Below this size the worker's start-up (loading the code again) costs more than it saves. */
const MIN_BYTES_FOR_WORKER = 512 * 1024

export interface ReadJob {
  kind: ImportKind
  path: string
  displayName: string
  headerRow: number
  /** field → column, as applied. */
  columns: [ImportField, MappedColumn][]
  currentYear: number
}

/** One data row: its values, and for patent lists the row already checked. */
export interface ReadItem {
  rowNumber: number
  values: CellValue[]
  patent?: { row: PatentRow | null; problems: RowProblem[] }
}

type WorkerMessage =
  | { type: 'items'; items: ReadItem[]; fraction: number }
  | { type: 'end'; fraction: number }
  | { type: 'error'; code: ErrorCode; message: string }

function checkPatent(job: ReadJob, columns: ReadonlyMap<ImportField, MappedColumn>, rowNumber: number, values: CellValue[]): ReadItem['patent'] {
  const reader = new RowReader(rowNumber, values, columns, (f) => fieldLabel(job.kind, f))
  const row = readPatentRow(reader, job.currentYear)
  return { row, problems: reader.problems }
}

/** The rows of a job on this thread (and the worker's own loop). */
async function* readHere(job: ReadJob, onFraction: (fraction: number) => void): AsyncGenerator<ReadItem> {
  const columns = new Map(job.columns)
  const mapped = job.columns.map(([, c]) => c.index)
  for await (const row of dataRows(job.path, job.headerRow, job.displayName, (p) => onFraction(p.total ? p.done / p.total : 0))) {
    // Nothing in any imported column: a footer ('共 123 条', 导出时间 …) or a note, not data.
    if (mapped.every((i) => cellText(row.values[i]) === '')) continue
    // A checked patent row carries all the writer needs; its raw values need not travel.
    if (job.kind === 'patents') yield { rowNumber: row.rowNumber, values: [], patent: checkPatent(job, columns, row.rowNumber, row.values) }
    else yield { rowNumber: row.rowNumber, values: row.values }
  }
}

/** The worker side: read, check, send batches; wait for the writer when AHEAD batches are in flight. */
async function runWorker(job: ReadJob): Promise<void> {
  const port = parentPort!
  let inFlight = 0
  let wake: (() => void) | null = null
  port.on('message', (m: { type: 'ack' }) => {
    if (m.type === 'ack') {
      inFlight--
      wake?.()
      wake = null
    }
  })
  let fraction = 0
  let batch: ReadItem[] = []
  try {
    for await (const item of readHere(job, (f) => (fraction = f))) {
      batch.push(item)
      if (batch.length >= BATCH) {
        port.postMessage({ type: 'items', items: batch, fraction } satisfies WorkerMessage)
        batch = []
        inFlight++
        while (inFlight >= AHEAD) await new Promise<void>((resolve) => (wake = resolve))
      }
    }
    if (batch.length) port.postMessage({ type: 'items', items: batch, fraction } satisfies WorkerMessage)
    port.postMessage({ type: 'end', fraction: 1 } satisfies WorkerMessage)
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'internal'
    port.postMessage({ type: 'error', code, message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage)
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  void runWorker((workerData as { job: ReadJob }).job)
}

/** Whether this module can be started as a worker: only from built JavaScript, not from TypeScript source. */
function workerEntry(): string | null {
  const url = import.meta.url
  if (!url.startsWith('file:') || !/\.m?js$/u.test(url)) return null
  return fileURLToPath(url)
}

function useWorker(job: ReadJob): boolean {
  if (process.env.IPDESK_IMPORT_WORKER === '0') return false
  try {
    return statSync(job.path).size >= MIN_BYTES_FOR_WORKER && workerEntry() !== null
  } catch {
    return false
  }
}

/**
 * The data rows of an import file, read (and, for patent lists, checked) on a worker thread when that
 * pays, else on this thread. `onFraction` gets the share of the file read so far.
 */
export async function* readRows(job: ReadJob, onFraction: (fraction: number) => void): AsyncGenerator<ReadItem> {
  if (!useWorker(job)) {
    yield* readHere(job, onFraction)
    return
  }
  const worker = new Worker(workerEntry()!, { workerData: { role: ROLE, job } })
  const queue: WorkerMessage[] = []
  let failure: Error | null = null
  let exited = false
  let notify: (() => void) | null = null
  const wakeUp = () => {
    notify?.()
    notify = null
  }
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m)
    wakeUp()
  })
  worker.on('error', (error) => {
    failure = error
    wakeUp()
  })
  worker.on('exit', () => {
    exited = true
    wakeUp()
  })
  let received = 0
  try {
    for (;;) {
      while (queue.length === 0 && failure === null && !exited) await new Promise<void>((resolve) => (notify = resolve))
      const message = queue.shift()
      if (message === undefined) {
        if (received === 0) {
          // The worker could not start here (or died before reading anything): read on this thread.
          yield* readHere(job, onFraction)
          return
        }
        throw new AppError('internal', `读取文件的后台线程意外停止${failure ? `（${(failure as Error).message}）` : ''}。档案未作任何修改，请重试。`)
      }
      if (message.type === 'error') {
        throw new AppError(ERROR_CODES.includes(message.code) ? message.code : 'internal', message.message)
      }
      onFraction(message.fraction)
      if (message.type === 'end') return
      received++
      worker.postMessage({ type: 'ack' })
      yield* message.items
    }
  } finally {
    await worker.terminate()
  }
}
