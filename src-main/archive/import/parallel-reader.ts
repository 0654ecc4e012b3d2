import { statSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { AppError, ERROR_CODES } from '../../contract/result'
import { unpackBatch, wireBatches, WORKER_ROLE, type ReadBatch, type ReadJob, type ReadRequest } from './read-rows'
import { readerTemp, type ReaderTemp } from './reader-temp'
import { detectSource, type DetectedSource } from './source'
import type { WorkerMessage } from './reader-worker'

// Reading a large file on a second thread. exceljs' XML parsing and the checking of each patent row are
// pure JavaScript; the archive's writes are SQLite's. On one thread they take turns; here a worker reads
// and checks rows while the main thread writes the previous batch, so an import costs little more than
// reading the file.
//
// The worker (reader-worker.ts, a small bundle of its own: exceljs and the row checks) is started first
// thing in an import, before anything is known about the file: it detects the header, reports what it
// found (`detected()` — the one detection of the import; the main thread does not read the file
// again for it) and reads on while the main thread opens the archive, hashes the file, backs the
// archive up and prepares its writers. It may read ahead of the writer by a bounded number of batches.
// Rows travel in batches of read-rows.ts BATCH (one message, one structured clone each).
//
// Where the worker cannot run (tests running the TypeScript source, a platform where it does not start),
// the rows are read on the calling thread instead — the same code, one thread, identical results.

/** Below this size the worker's start-up costs more than it saves. */
const MIN_BYTES_FOR_WORKER = 512 * 1024

/**
 * The worker bundle's path, from electron-vite's `?modulePath` import; null where there is none: the
 * TypeScript source run by vitest (the suffix means nothing there) or by a plain TypeScript runner (the
 * import fails) — rows are then read on the calling thread.
 */
let workerEntry: Promise<string | null> | null = null
function workerPath(): Promise<string | null> {
  workerEntry ??= import('./reader-worker?modulePath').then(
    (m: { default?: unknown }) => (typeof m.default === 'string' && /\.m?js$/u.test(m.default) ? m.default : null),
    () => null,
  )
  return workerEntry
}

function largeEnough(path: string): boolean {
  try {
    return statSync(path).size >= MIN_BYTES_FOR_WORKER
  } catch {
    return false
  }
}

/**
 * The data rows of an import file, read (and, for patent lists, checked) on a worker thread when that
 * pays, else on this thread. A worker starts at once, when the source is created; `detected()` is the
 * file's header as detected (by the worker, or here); `batches(job)` hands over what it has read (`job`
 * follows from that detection and is used when reading here). Always `close()` the source: it stops
 * the worker.
 */
export class RowSource {
  private worker: Worker | null = null
  private readonly queue: Exclude<WorkerMessage, { type: 'detected' }>[] = []
  private failure: Error | null = null
  private exited = false
  private waiters: (() => void)[] = []
  /** What the worker reported it detected; null until it does (or when there is no worker). */
  private fromWorker: DetectedSource | null = null
  private detection: Promise<DetectedSource> | null = null
  private temp: ReaderTemp | null = null

  private constructor(private readonly request: ReadRequest) {}

  /** Starts reading `request` (on a worker thread when that pays). */
  static async start(request: ReadRequest): Promise<RowSource> {
    const source = new RowSource(request)
    if (process.env.IPDESK_IMPORT_WORKER !== '0' && largeEnough(request.path)) {
      const entry = await workerPath()
      if (entry !== null) source.spawn(entry, request)
    }
    return source
  }

  private spawn(entry: string, request: ReadRequest): void {
    // exceljs' temp files go into a folder of the worker's own, removed with it (reader-temp.ts).
    const temp = readerTemp()
    let worker: Worker
    try {
      worker = new Worker(entry, { workerData: { role: WORKER_ROLE, request }, env: temp.env })
    } catch (error) {
      temp.remove()
      throw error
    }
    this.temp = temp
    this.worker = worker
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'detected') this.fromWorker = m.detected
      else this.queue.push(m)
      this.wakeUp()
    })
    worker.on('error', (error) => {
      this.failure = error
      this.wakeUp()
    })
    worker.on('exit', () => {
      this.exited = true
      this.wakeUp()
    })
  }

  private wakeUp(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  private waitForWorker(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  /**
   * The file's header and columns, as detected where the file is read. Throws the reader's refusal for
   * a file that cannot be imported (nothing found, not a workbook …). If the worker stops before it
   * says, the file is detected here.
   */
  detected(): Promise<DetectedSource> {
    this.detection ??= this.detect()
    return this.detection
  }

  private async detect(): Promise<DetectedSource> {
    if (this.worker !== null) {
      while (this.fromWorker === null && this.queue.length === 0 && this.failure === null && !this.exited) await this.waitForWorker()
      if (this.fromWorker !== null) return this.fromWorker
      const message = this.queue[0]
      if (message?.type === 'error') throw new AppError(ERROR_CODES.includes(message.code) ? message.code : 'internal', message.message)
    }
    const { kind, path, displayName } = this.request
    return detectSource(path, kind, displayName)
  }

  async *batches(job: ReadJob): AsyncGenerator<ReadBatch> {
    const worker = this.worker
    if (worker === null) {
      yield* this.readHere(job)
      return
    }
    let received = 0
    for (;;) {
      while (this.queue.length === 0 && this.failure === null && !this.exited) await this.waitForWorker()
      const message = this.queue.shift()
      if (message === undefined) {
        if (received === 0) {
          // The worker could not start here (or died before reading anything): read on this thread.
          yield* this.readHere(job)
          return
        }
        const failure = this.failure as Error | null
        throw new AppError('internal', `读取文件的后台线程意外停止${failure ? `（${failure.message}）` : ''}。档案未作任何修改，请重试。`)
      }
      if (message.type === 'error') {
        throw new AppError(ERROR_CODES.includes(message.code) ? message.code : 'internal', message.message)
      }
      if (message.type === 'end') return
      received++
      worker.postMessage({ type: 'ack' })
      yield unpackBatch(job, message.batch)
    }
  }

  private async *readHere(job: ReadJob): AsyncGenerator<ReadBatch> {
    for await (const wire of wireBatches(job)) yield unpackBatch(job, wire)
  }

  /** Stops the worker and removes its temp folder (with whatever exceljs parked there). */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
    this.temp?.remove()
    this.temp = null
  }
}

/**
 * A file's header and columns (the import preview's first step), detected where the file would be read:
 * for a large workbook on a worker, so that what exceljs parks in temp files goes with it.
 */
export async function detectFile(request: ReadRequest): Promise<DetectedSource> {
  const source = await RowSource.start(request)
  try {
    return await source.detected()
  } finally {
    await source.close()
  }
}
