import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// A backup copied from a read snapshot, on a worker thread, while the archive's own connection goes on
// writing. SQLite's WAL keeps a reader's snapshot intact however much is written after it began: the
// worker opens the snapshot, says so, and from then on the archive may be written — the copy still
// shows it as it was. The import uses this for its automatic backup: the copy and its check (a second
// or two for a large archive) run beside the import instead of before it, and the import commits only
// once the copy is verified.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.modulePath)
// Asked to stop: the copy ends at its next step (a worker terminated inside SQLite could take the process
// down with it). The port does not keep the thread alive: the copy does, until it is done.
let stopping = false
parentPort.on('message', (m) => {
  if (m && m.type === 'stop') stopping = true
})
parentPort.unref()
async function copy() {
  const source = new Database(workerData.file, { readonly: true, fileMustExist: true })
  try {
    source.exec('BEGIN')
    source.prepare('SELECT count(*) AS n FROM sqlite_schema').get() // the snapshot starts here
    parentPort.postMessage({ type: 'snapshot' })
    await source.backup(workerData.partial, {
      progress: () => {
        if (stopping) throw new Error('备份已停止')
        return 2000
      },
    })
    source.exec('COMMIT')
  } finally {
    source.close()
  }
  if (stopping) return { ok: false, message: '备份已停止' }
  // One self-contained file (see settleCopy), then checked as verifyArchiveFile checks a backup.
  const settle = new Database(workerData.partial, { fileMustExist: true })
  try {
    settle.pragma('journal_mode = DELETE')
  } finally {
    settle.close()
  }
  const check = new Database(workerData.partial, { readonly: true, fileMustExist: true })
  try {
    const result = String(check.pragma('quick_check', { simple: true }))
    if (result !== 'ok') return { ok: false, message: '备份已损坏（' + result + '）' }
    if (check.pragma('application_id', { simple: true }) !== workerData.applicationId) return { ok: false, message: '备份不是 IPDesk 档案文件' }
    return { ok: true }
  } finally {
    check.close()
  }
}
copy().then(
  (result) => parentPort.postMessage({ type: 'done', ...result }),
  (error) => parentPort.postMessage({ type: 'done', ok: false, message: error && error.message ? error.message : String(error) }),
)
`

type WorkerMessage = { type: 'snapshot' } | { type: 'done'; ok: true } | { type: 'done'; ok: false; message: string }

export interface SnapshotCopy {
  /** Resolves once the snapshot is held: writes from then on are not in the copy. Rejects if it never is. */
  snapshot: Promise<void>
  /** Resolves once `partial` holds the verified copy; rejects with the reason it does not. */
  verified: Promise<void>
  /** Stops the copy and waits until it has (the caller removes `partial`). */
  stop(): Promise<void>
}

/**
 * Copy the archive `file` into `partial` from a read snapshot on a worker thread, and verify the copy.
 * Null when no worker can start here (the caller then backs up on its own thread).
 */
export function copyFromSnapshot(file: string, partial: string, applicationId: number): SnapshotCopy | null {
  let worker: Worker
  try {
    // The worker's require must load the very same native module: hand it the resolved path.
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3')
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, partial, modulePath, applicationId } })
  } catch {
    return null
  }
  let snapshotHeld: () => void = () => {}
  let snapshotFailed: (error: Error) => void = () => {}
  let copied: () => void = () => {}
  let failed: (error: Error) => void = () => {}
  const snapshot = new Promise<void>((resolve, reject) => {
    snapshotHeld = resolve
    snapshotFailed = reject
  })
  const verified = new Promise<void>((resolve, reject) => {
    copied = resolve
    failed = reject
  })
  // Whoever does not wait for one of them must not be told of its failure as an unhandled rejection.
  snapshot.catch(() => {})
  verified.catch(() => {})
  let done = false
  const finish = (error: Error | null) => {
    if (done) return
    done = true
    if (error === null) copied()
    else {
      snapshotFailed(error)
      failed(error)
    }
  }
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'snapshot') snapshotHeld()
    else finish(m.ok ? null : new Error(m.message))
  })
  let exited = false
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true
      finish(new Error('备份线程意外停止'))
      resolve()
    }),
  )
  worker.once('error', (error) => finish(error))
  return {
    snapshot,
    verified,
    async stop() {
      finish(new Error('备份已停止'))
      // Asked, not terminated: the copy stops between two steps and closes its connections itself.
      if (!exited) worker.postMessage({ type: 'stop' })
      await exit
    },
  }
}
