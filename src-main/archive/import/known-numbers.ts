import type Database from 'better-sqlite3'

// Which numbers may already be in the archive. An import looks every row up by its application number,
// and a row whose number is new also by each publication/grant number (to refuse a number that belongs
// to another patent): two or three index look-ups a row, 0.15–0.3 s of a 100,000-row import, nearly
// all of them finding nothing. This set holds every application, publication and grant number of the
// archive and every one the import writes after that. A number not in it is certainly not in
// ip_asset, so the look-up is skipped; a number in it is looked up as before. It only ever grows (a
// merged row's old publication number stays in it, a row rolled back by a savepoint too): a number
// wrongly thought present costs a look-up, never a wrong answer.

/** The numbers of one column (EXPLAIN QUERY PLAN tested: its covering index, not the table). */
export const NUMBER_COLUMNS = ['app_no', 'pub_no', 'grant_no'] as const
export function numbersQuery(column: (typeof NUMBER_COLUMNS)[number]): string {
  return `SELECT ${column} FROM ip_asset WHERE ${column} IS NOT NULL`
}

/** Rows written before the set is loaded: a small import is not worth loading the archive's numbers for. */
const LOAD_AFTER = 512

export class KnownNumbers {
  private numbers: Set<string> | null = null
  private lookups = 0

  constructor(private readonly sqlite: Database.Database) {}

  /** Whether `number` may be in ip_asset (app_no, pub_no or grant_no): false means certainly not. */
  mayExist(number: string): boolean {
    if (this.numbers === null) {
      if (++this.lookups < LOAD_AFTER) return true
      this.numbers = this.load()
    }
    return this.numbers.has(number)
  }

  /** Numbers just written to ip_asset. */
  add(...numbers: (string | number | null | undefined)[]): void {
    if (this.numbers === null) return // loaded from the archive itself, these included
    for (const n of numbers) if (typeof n === 'string') this.numbers.add(n)
  }

  private load(): Set<string> {
    const numbers = new Set<string>()
    // One column at a time, each read from its own index (ip_asset_app_no, _pub_no, _grant_no): a few
    // MB, where one pass over the table would read every abstract too (0.5 s for 100,000 assets).
    for (const column of NUMBER_COLUMNS) {
      // all() rather than iterate(): one call into SQLite instead of one a row (half the time).
      for (const value of this.sqlite.prepare(numbersQuery(column)).pluck(true).all() as string[]) numbers.add(value)
    }
    return numbers
  }
}
