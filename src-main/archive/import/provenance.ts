import type Database from 'better-sqlite3'

// import_row: what became of every row of an import (the asset page's import history, the batch's
// problem rows). Nothing reads it while the import runs, so rows are collected and written ROWS_PER_INSERT
// at a time with one multi-row INSERT — a hundred thousand single-row statements cost several times more.

export type ProvenanceOutcome = 'inserted' | 'updated' | 'unchanged' | 'rejected'

/** Rows per multi-row INSERT (7 values each; SQLite allows 32,766 bound values). */
const ROWS_PER_INSERT = 200

export class ProvenanceWriter {
  private readonly many: Database.Statement
  private readonly one: Database.Statement
  private params: unknown[] = []
  private rows = 0

  constructor(
    sqlite: Database.Database,
    private readonly batchId: number,
    private readonly entity: 'asset' | 'researcher' | 'project',
  ) {
    const values = Array.from({ length: ROWS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')
    this.many = sqlite.prepare(`INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome, message, sheet) VALUES ${values}`)
    this.one = sqlite.prepare('INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome, message, sheet) VALUES (?, ?, ?, ?, ?, ?, ?)')
  }

  /** `sheet`: undefined for the batch's own worksheet, else the name of the worksheet the row is on. */
  add(sheet: string | undefined, rowNumber: number, entityId: number | null, outcome: ProvenanceOutcome, message: string): void {
    this.params.push(this.batchId, rowNumber, this.entity, entityId, outcome, message, sheet ?? '')
    if (++this.rows === ROWS_PER_INSERT) {
      this.many.run(this.params)
      this.params = []
      this.rows = 0
    }
  }

  /** Writes the rows still collected. Call before anything reads import_row, and before the commit. */
  flush(): void {
    const p = this.params
    for (let i = 0; i < p.length; i += 7) this.one.run(p.slice(i, i + 7))
    this.params = []
    this.rows = 0
  }
}
