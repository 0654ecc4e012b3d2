import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'

// Columns and tables added by the import side's migration (asset_inventor.link_source, import_row) are
// probed rather than assumed, so the browse side works on any schema version it may meet.

export async function hasTable(db: Kysely<DB>, table: string): Promise<boolean> {
  const rows = (await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = ${table}`.execute(db)).rows
  return (rows[0]?.n ?? 0) > 0
}

export async function hasColumn(db: Kysely<DB>, table: string, column: string): Promise<boolean> {
  const rows = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows
  return rows.some((r) => r.name === column)
}
