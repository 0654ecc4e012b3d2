import { sql, type RawBuilder } from 'kysely'

// Small helpers of the services area (kept here so the area does not lean on another area's internals).

/** Full-width → half-width (ASCII range), NFKC, trimmed, inner blanks collapsed. */
export function cleanText(q: string | null | undefined): string {
  return (q ?? '')
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/gu, ' ')
    .trim()
}

/** Escapes LIKE wildcards; used with `ESCAPE '\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/gu, (c) => `\\${c}`)
}

/** `column LIKE '%q%' ESCAPE '\'` with q escaped. */
export function likeContains(column: string, q: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${'%' + escapeLike(q) + '%'} ESCAPE '\\'`
}

/** The fields that differ, as [before, after] objects holding only those fields (for audit entries). */
export function changedFields<T extends object>(before: T, after: T): [Partial<T>, Partial<T>] {
  const b: Partial<T> = {}
  const a: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return [b, a]
}

/** Parse a JSON array of strings stored in a TEXT column; anything else reads as []. */
export function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** ISO date `days` after `iso` (calendar arithmetic in UTC, so no time-zone drift). */
export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
