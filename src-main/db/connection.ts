import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { AppError } from '../contract/result'
import type { DB } from './schema'
import { quickCheckInBackground, type IntegrityReport } from './integrity'
import { assertNotNewer, LATEST_SCHEMA_VERSION, migrate } from './migrator'

/** 'IPDS' — written into the SQLite header so a foreign database is recognised as such. */
export const APPLICATION_ID = 0x49504453

/** Page size of a newly created archive (see openArchive). */
export const NEW_ARCHIVE_PAGE_SIZE = 16_384

export interface Archive {
  readonly file: string
  readonly db: Kysely<DB>
  /** The raw connection, for pragmas, the online backup API and synchronous bulk writes. */
  readonly sqlite: Database.Database
  readonly schemaVersion: number
  /** The quick_check of this open: settled at once when it ran synchronously, later when in the background. */
  readonly integrity: Promise<IntegrityReport>
  close(): Promise<void>
}

export interface OpenOptions {
  /** Create the file when it does not exist (File › New archive, CLI init). Default true. */
  create?: boolean
  /**
   * PRAGMA quick_check: true (default) runs it before use and refuses a damaged file; 'background' runs
   * it on a worker thread after opening and reports through `integrity` (the desktop app and the
   * loopback host, so opening a large archive stays fast); false skips it.
   */
  quickCheck?: boolean | 'background'
}

const SQLITE_MAGIC = 'SQLite format 3\u0000'

function assertLooksLikeSqlite(file: string): void {
  if (!existsSync(file)) return
  const size = statSync(file).size
  if (size === 0) return // a new, empty file is initialised like a missing one
  const head = Buffer.alloc(16)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  const header = head.toString('latin1')
  if (header !== SQLITE_MAGIC) {
    throw new AppError('db_corrupt', `“${file}”不是 IPDesk 档案文件（不是 SQLite 数据库）。请选择正确的档案文件，或从备份恢复。`)
  }
}

/**
 * Open (or create) an archive file: WAL, foreign keys on, migrated to the latest schema.
 * Refuses foreign SQLite files and files written by a newer IPDesk, with a message that says why.
 */
export async function openArchive(file: string, options: OpenOptions = {}): Promise<Archive> {
  const create = options.create ?? true
  if (!create && !existsSync(file)) {
    throw new AppError('not_found', `找不到档案文件“${file}”。请检查路径，或新建档案。`)
  }
  assertLooksLikeSqlite(file)
  let sqlite: Database.Database
  try {
    sqlite = new Database(file, { fileMustExist: !create })
  } catch (error) {
    throw new AppError('io', `无法打开档案文件“${file}”：${(error as Error).message}`)
  }
  try {
    // Read-only checks first: a foreign or damaged file must be left exactly as it was.
    if ((options.quickCheck ?? true) === true) {
      const check = sqlite.pragma('quick_check', { simple: true })
      if (check !== 'ok') {
        throw new AppError('db_corrupt', `档案文件“${file}”已损坏（完整性检查：${String(check)}）。请从最近的备份恢复。`)
      }
    }
    const appId = sqlite.pragma('application_id', { simple: true }) as number
    const userVersion = sqlite.pragma('user_version', { simple: true }) as number
    const tableCount = (sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n
    if (appId !== APPLICATION_ID && (appId !== 0 || userVersion !== 0 || tableCount > 0)) {
      throw new AppError('db_corrupt', `“${file}”是其他程序的数据库，不是 IPDesk 档案。请选择正确的档案文件。`)
    }
    assertNotNewer(userVersion, LATEST_SCHEMA_VERSION, file)
    sqlite.pragma('busy_timeout = 5000')
    // A new archive gets 16 KiB pages (SQLite's default is 4 KiB); an existing one keeps its own (the
    // size is fixed once a database has content and WAL mode is on). An archive is loaded in bulk — an
    // import of 100,000 patents writes 150 MB — and read in long runs (lists, reports): with larger
    // pages its B-trees are shallower and an import spends less on page handling. Measured with
    // `ipdesk import patents` of 100,000 rows: into a 100,000-asset archive 7.4–7.9 s with 4 KiB pages
    // against 6.2–6.4 s with 16 KiB (8 KiB 6.5–6.9 s, 32 and 64 KiB as 16); into an empty one −6 %.
    if (appId === 0 && userVersion === 0 && tableCount === 0) sqlite.pragma(`page_size = ${NEW_ARCHIVE_PAGE_SIZE}`)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = NORMAL')
    // 64 MiB page cache (SQLite's default is 2 MiB): a 100k-asset archive is ~150 MB, and browsing,
    // reports and verification all re-read the same pages.
    sqlite.pragma('cache_size = -65536')
    if (appId === 0) sqlite.pragma(`application_id = ${APPLICATION_ID}`)
  } catch (error) {
    sqlite.close()
    if (error instanceof AppError) throw error
    throw new AppError('db_corrupt', `档案文件“${file}”无法读取：${(error as Error).message}。请从最近的备份恢复。`)
  }

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  let schemaVersion: number
  try {
    schemaVersion = await migrate(db, sqlite, file)
  } catch (error) {
    await db.destroy()
    throw error
  }
  const integrity: Promise<IntegrityReport> = options.quickCheck === 'background' ? quickCheckInBackground(file) : Promise.resolve({ state: 'ok' })
  return {
    file,
    db,
    sqlite,
    schemaVersion,
    integrity,
    async close() {
      // Let a background quick_check finish first: its read-only connection, left last, could not
      // checkpoint and remove the -wal file, and the archive would not be one self-contained file.
      await integrity
      await db.destroy() // closes the better-sqlite3 handle too
    },
  }
}
