import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readerTemp } from '../../../../src-main/archive/import/reader-temp'
import { onCleanup, tempDir } from '../../helpers/temp'

// The reading worker's own temp folder (where exceljs parks worksheets): made fresh, handed to the worker
// as its TMPDIR/TEMP/TMP, removed with the worker; folders of IPDesk processes that are gone are swept.

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

describe('reading workers’ temp folders', () => {
  it('are fresh folders under the temp dir, given to the worker as its temp dir, and removed with everything in them', () => {
    const root = tempDir()
    const saved = process.env.TMPDIR
    process.env.TMPDIR = root
    onCleanup(() => {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    })
    const abandoned = join(root, `ipdesk-read-${deadPid()}-x1`)
    const ours = join(root, `ipdesk-read-${process.pid}-x2`)
    const running = join(root, `ipdesk-read-${process.ppid}-x3`)
    const unrelated = join(root, 'ipdesk-read-notes')
    for (const dir of [abandoned, ours, running, unrelated]) {
      mkdirSync(dir)
      writeFileSync(join(dir, 'tmp-1-parked'), 'x')
    }

    const temp = readerTemp()
    expect(dirname(temp.dir)).toBe(root)
    expect(temp.env.TMPDIR).toBe(temp.dir)
    expect(temp.env.TEMP).toBe(temp.dir)
    expect(temp.env.TMP).toBe(temp.dir)
    // Only the folder of a process that no longer runs is swept.
    expect([abandoned, ours, running, unrelated].map((d) => existsSync(d))).toEqual([false, true, true, true])

    writeFileSync(join(temp.dir, 'tmp-2-parked-sheet'), 'x'.repeat(1024))
    temp.remove()
    expect(existsSync(temp.dir)).toBe(false)
  })
})
