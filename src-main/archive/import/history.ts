import type { Kysely } from 'kysely'
import type { ImportBatchRecord } from '../../contract/archive-import'
import type { DB } from '../../db/schema'

/** Recent patent, roster and project imports, newest first. */
export async function importHistory(db: Kysely<DB>, limit: number): Promise<ImportBatchRecord[]> {
  const rows = await db
    .selectFrom('import_batch')
    .select(['id', 'kind', 'file_name', 'dialect', 'rows', 'inserted', 'updated', 'unchanged', 'rejected', 'operator', 'finished_at'])
    .where('kind', 'in', ['patents', 'researchers', 'projects'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    dialect: r.dialect,
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    operator: r.operator,
    finishedAt: r.finished_at,
  }))
}
