// One place for "now", so tests and the demo seed can reason about dates consistently.

export function nowIso(): string {
  return new Date().toISOString()
}

/** Today as YYYY-MM-DD in the machine's local time zone (what the librarian sees on the wall). */
export function todayIso(date: Date = new Date()): string {
  const y = date.getFullYear()
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}
