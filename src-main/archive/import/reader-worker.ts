import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { AppError, type ErrorCode } from '../../contract/result'
import { requestedBatches, WORKER_ROLE, type ReadRequest, type WireBatch } from './read-rows'
import type { DetectedSource } from './source'

// The reading worker's entry (parallel-reader.ts starts it). Built as a bundle of its own (electron-vite
// `?modulePath`), so the thread loads exceljs and the row checks — not the whole application.

/** Batches the worker may read ahead of the writer (~16,000 checked rows, some 40 MB). */
const AHEAD = 32
/** With fewer batches than this waiting for the writer, it is about to run dry: send rows unchecked. */
const WRITER_SHORT = 2

export type WorkerMessage =
  | { type: 'detected'; detected: DetectedSource }
  | { type: 'batch'; batch: WireBatch }
  | { type: 'end'; fraction: number }
  | { type: 'error'; code: ErrorCode; message: string }

/**
 * Detect (and say what was found), read, check, send batches; wait for the writer when AHEAD batches are
 * in flight. A batch goes unchecked when the writer is about to wait for rows (it then checks them itself).
 */
async function runWorker(request: ReadRequest): Promise<void> {
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
  try {
    const detected = (d: DetectedSource) => port.postMessage({ type: 'detected', detected: d } satisfies WorkerMessage)
    for await (const batch of requestedBatches(request, () => inFlight >= WRITER_SHORT, detected)) {
      port.postMessage({ type: 'batch', batch } satisfies WorkerMessage)
      inFlight++
      while (inFlight >= AHEAD) await new Promise<void>((resolve) => (wake = resolve))
    }
    port.postMessage({ type: 'end', fraction: 1 } satisfies WorkerMessage)
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'internal'
    port.postMessage({ type: 'error', code, message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage)
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  void runWorker((workerData as { request: ReadRequest }).request)
}
