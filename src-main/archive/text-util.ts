import { sql, type RawBuilder } from 'kysely'
import { toHalfWidth } from '../domain/text-width'

// Small helpers for turning what a user typed into safe SQL conditions.

/** Full-width → half-width, NFKC, trimmed, inner blanks collapsed. */
export function cleanQuery(q: string | null | undefined): string {
  return toHalfWidth(q ?? '')
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/gu, ' ')
    .trim()
}

/** Escapes LIKE wildcards; use with `ESCAPE '\\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/gu, (c) => `\\${c}`)
}

/** `column LIKE '%q%' ESCAPE '\'` with q escaped. */
export function likeContains(column: RawBuilder<unknown> | string, q: string): RawBuilder<boolean> {
  const ref = typeof column === 'string' ? sql.ref(column) : column
  return sql<boolean>`${ref} LIKE ${'%' + escapeLike(q) + '%'} ESCAPE '\\'`
}

/** `column LIKE 'q%' ESCAPE '\'` with q escaped. */
export function likePrefix(column: RawBuilder<unknown> | string, q: string): RawBuilder<boolean> {
  const ref = typeof column === 'string' ? sql.ref(column) : column
  return sql<boolean>`${ref} LIKE ${escapeLike(q) + '%'} ESCAPE '\\'`
}

/** 0/1 from SQLite → boolean, and back. */
export const toBool = (v: number | null | undefined): boolean => v === 1
export const fromBool = (v: boolean): 0 | 1 => (v ? 1 : 0)
