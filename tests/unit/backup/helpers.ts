import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ArchiveSession } from '../../../src-main/core/session'
import { FileStore } from '../../../src-main/core/files'
import { openArchive, type Archive } from '../../../src-main/db/connection'
import { seedDemo } from '../../../src-main/demo/seed'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'
import type { EventName } from '../../../src-main/contract/events'
import { onCleanup, tempDir } from '../helpers/temp'

/** A closed archive file holding the demo data (600 assets), in its own temp folder. */
export async function demoArchiveFile(name = 'archive.sqlite'): Promise<string> {
  const file = join(tempDir(), name)
  const archive = await openArchive(file)
  await seedDemo(archive.db, { scale: 1, today: '2025-06-30' })
  await archive.close()
  return file
}

export async function openTemp(file: string): Promise<Archive> {
  const archive = await openArchive(file)
  onCleanup(() => archive.close())
  return archive
}

/** sha256 of the file and its -wal, for "nothing changed" checks. */
export function fileHash(file: string): string {
  const hash = createHash('sha256')
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) hash.update(readFileSync(f))
  return hash.digest('hex')
}

export function rawCount(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** A dispatcher over a session, as the running app has it; events are collected. */
export async function dispatcherFor(file: string, session: ArchiveSession = new ArchiveSession()) {
  await session.open(file)
  const files = new FileStore()
  const events: [EventName, unknown][] = []
  onCleanup(async () => {
    await session.close()
    files.dispose()
  })
  const dispatcher = new Dispatcher(handlers, () => ({
    session,
    files,
    transport: 'web',
    platform: { pickFile: async () => null, saveFile: async () => null },
    emit: (event, payload) => events.push([event, payload]),
    appVersion: '0.0.0-test',
  }), () => {})
  return { dispatcher, session, files, events }
}
