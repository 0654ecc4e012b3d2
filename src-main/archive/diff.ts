/** The fields that differ, as [before, after] objects holding only those fields (for audit entries). */
export function changedOnly<T extends Record<string, unknown>>(before: T, after: T): [Partial<T>, Partial<T>] {
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
