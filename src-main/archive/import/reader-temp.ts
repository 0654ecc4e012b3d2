import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A temp folder of its own for each reading worker. exceljs' streaming reader parks a worksheet it meets
// before the workbook's relations (most writers store them in that order) in a temp file, as large as
// the sheet's XML — some 500 MB for 100,000 rows — and deletes it only when the sheet has been read to
// the end or the thread exits normally. A worker stopped half-way (a cancelled import, a preview that
// needs only the header) would leave it behind for good. The worker gets this folder as its TMPDIR /
// TEMP / TMP, and the folder goes when the worker does; folders of IPDesk processes that are gone (a
// crash) are swept when the next worker starts.

const PREFIX = 'ipdesk-read-'

/** Does a process with this id still run? */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

let swept = false

/** Remove the reading folders left by IPDesk processes that no longer run (once per process). */
function sweepAbandoned(root: string): void {
  if (swept) return
  swept = true
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(/^ipdesk-read-(\d+)-/u.exec(name)?.[1])
    if (!Number.isInteger(pid) || pid === process.pid || running(pid)) continue
    rmSync(join(root, name), { recursive: true, force: true })
  }
}

export interface ReaderTemp {
  dir: string
  /** The environment to start the worker with: the parent's, its temp folder pointing here. */
  env: NodeJS.ProcessEnv
  remove(): void
}

/** A fresh temp folder for one reading worker. */
export function readerTemp(): ReaderTemp {
  const root = tmpdir()
  sweepAbandoned(root)
  const dir = mkdtempSync(join(root, `${PREFIX}${process.pid}-`))
  return {
    dir,
    env: { ...process.env, TMPDIR: dir, TEMP: dir, TMP: dir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
