import type Database from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import { AppError } from '../contract/result'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'
import type { DB } from './schema'

/** Called before the first pending migration runs on a database that already holds data. */
export type BeforeMigrate = (from: number, to: number) => Promise<void> | void

let beforeMigrateHook: BeforeMigrate | null = null
/** The backup area registers itself here so a migration never runs without a fresh backup. */
export function setBeforeMigrateHook(hook: BeforeMigrate | null): void {
  beforeMigrateHook = hook
}

/** A database from a newer IPDesk is refused, never downgraded or touched. */
export function assertNotNewer(current: number, latest: number, file: string): void {
  if (current > latest) {
    throw new AppError(
      'db_too_new',
      `档案“${file}”由更新版本的 IPDesk 创建（数据结构版本 ${current}，本程序支持到 ${latest}）。请升级 IPDesk 后再打开；本程序不会修改该文件。`,
    )
  }
}

/**
 * Bring the archive to the latest schema. The version lives in PRAGMA user_version, which SQLite
 * writes inside the same transaction as the migration, so a crash leaves either old or new schema.
 */
export async function migrate(
  db: Kysely<DB>,
  sqlite: Database.Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const current = sqlite.pragma('user_version', { simple: true }) as number
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0
  assertNotNewer(current, latest, file)
  const pending = migrations.filter((m) => m.version > current)
  if (pending.length && current > 0 && beforeMigrateHook) await beforeMigrateHook(current, latest)
  for (const migration of pending) {
    await db.transaction().execute(async (trx) => {
      // Migrations are written against Kysely<any> (history, not today's typed schema).
      await migration.up(trx as unknown as Parameters<Migration['up']>[0])
      // PRAGMA takes no bound parameters; the version is a trusted integer from the static list.
      await sql.raw(`PRAGMA user_version = ${Math.trunc(migration.version)}`).execute(trx)
    })
  }
  return pending.length ? latest : current
}

export { LATEST_SCHEMA_VERSION }
