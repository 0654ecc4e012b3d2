import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { openArchive, type Archive } from '../../../src-main/db/connection'

const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'ipdesk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  // Retries: a background task of the code under test (an automatic backup, a worker's quick_check) may
  // still be finishing a file in the folder as the test ends.
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }))
  return dir
}

/** A real archive file in a temp folder, migrated, closed after the test. */
export async function tempArchive(name = 'archive.sqlite'): Promise<Archive> {
  const file = join(tempDir(), name)
  const archive = await openArchive(file)
  cleanups.push(() => archive.close())
  return archive
}

/** Register extra cleanup (e.g. closing a second connection) to run after the test. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn)
}
