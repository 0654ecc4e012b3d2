import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

// What an archive holds, independent of how the file happens to be laid out: the schema (without root
// page numbers), the header fields IPDesk uses, and every row of every table — the audit log, SQLite's
// own sqlite_sequence and sqlite_stat1 included — in primary-key order. Two archives with the same
// digest hold the same data, whatever their WAL, free pages or page order. (Comparing file bytes would
// wrongly fail after a killed process: SQLite may leave a -wal file that it correctly ignores or
// replays on the next open.)

export interface ArchiveDigest {
  /** sha256 over everything below. */
  digest: string
  /** Rows per table, for a readable failure message. */
  counts: Record<string, number>
}

function rowText(row: unknown[]): string {
  return JSON.stringify(row, (_key, value: unknown) => {
    if (Buffer.isBuffer(value)) return `blob:${value.toString('hex')}`
    if (typeof value === 'bigint') return `int:${value.toString()}`
    return value
  })
}

function orderBy(sqlite: Database.Database, table: string): string {
  const columns = sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as { name: string; pk: number }[]
  const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
  const withoutRowid = (sqlite.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).get(table) as { sql: string | null } | undefined)?.sql?.match(/WITHOUT\s+ROWID/i)
  if (withoutRowid) return keys.map((k) => `"${k.name}"`).join(', ')
  // A rowid table: the rowid is the key (an INTEGER PRIMARY KEY is an alias of it); other columns break ties
  // so the order never depends on the page layout.
  return ['rowid', ...columns.map((c) => `"${c.name}"`)].join(', ')
}

/** Digest of the archive behind an open connection (read only; writes nothing). */
export function digestOf(sqlite: Database.Database): ArchiveDigest {
  const hash = createHash('sha256')
  const counts: Record<string, number> = {}
  hash.update(`user_version=${String(sqlite.pragma('user_version', { simple: true }))}\n`)
  hash.update(`application_id=${String(sqlite.pragma('application_id', { simple: true }))}\n`)
  const schema = sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").all() as { type: string; name: string; tbl_name: string; sql: string | null }[]
  for (const entry of schema) hash.update(`schema ${rowText([entry.type, entry.name, entry.tbl_name, entry.sql])}\n`)
  const tables = schema.filter((e) => e.type === 'table' && !/^CREATE\s+VIRTUAL\s+TABLE/i.test(e.sql ?? '')).map((e) => e.name)
  for (const table of tables) {
    const statement = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy(sqlite, table)}`).raw(true)
    let n = 0
    hash.update(`table ${table}\n`)
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      hash.update(rowText(row))
      hash.update('\n')
      n++
    }
    counts[table] = n
  }
  return { digest: hash.digest('hex'), counts }
}

export function integrityCheck(sqlite: Database.Database): string {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[]
  return rows.map((r) => r.integrity_check).join('; ')
}

export function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** Which tables differ in row count, for a failure message ("ip_asset 600 → 612"). */
export function countDiff(before: Record<string, number>, after: Record<string, number>): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return names
    .filter((n) => before[n] !== after[n])
    .map((n) => `${n} ${before[n] ?? '—'} → ${after[n] ?? '—'}`)
    .join(', ')
}
