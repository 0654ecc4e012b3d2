// ip_asset.manual_fields: a JSON list of the columns a librarian edited ('title', 'status_group', …, plus
// 'disciplines' and 'projects'). Imports read it (archive/import/patent-writer.ts manualFieldSet) and
// never overwrite those columns; derived disciplines are not recomputed once 'disciplines' is listed.

export function readManualFields(json: string | null | undefined): string[] {
  try {
    const list: unknown = JSON.parse(json ?? '[]')
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

export function addManualFields(json: string | null | undefined, fields: Iterable<string>): string {
  const set = new Set(readManualFields(json))
  for (const f of fields) set.add(f)
  return JSON.stringify([...set].sort())
}

export function removeManualFields(json: string | null | undefined, fields: Iterable<string>): string {
  const drop = new Set(fields)
  return JSON.stringify(readManualFields(json).filter((f) => !drop.has(f)))
}
