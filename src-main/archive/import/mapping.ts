import { AppError } from '../../contract/result'
import { fieldLabel, isFieldOf, profileOf, type ImportField } from './fields'
import type { MappedColumn } from './row-reader'
import { missingRequired, type ColumnMapping, type DetectedSource } from './source'

// Applying a column mapping (the detected one, or the one the librarian edited) to a detected file.
// Its own small module: the reading worker (reader-worker.ts) applies it too, and must not load the
// rest of the import.

/** Checks a mapping against the detected columns and the kind's fields; returns field → column. */
export function resolveMapping(detected: DetectedSource, mapping?: readonly ColumnMapping[]): Map<ImportField, MappedColumn> {
  const kind = detected.kind
  const chosen = mapping ?? detected.columns.map((c) => ({ column: c.index, field: c.field }))
  const byField = new Map<ImportField, MappedColumn>()
  for (const { column, field } of chosen) {
    if (field === null) continue
    const col = detected.columns[column]
    if (!col) throw new AppError('invalid_input', `列映射无效：文件只有 ${detected.columns.length} 列，没有第 ${column + 1} 列。请重新选择文件。`)
    if (!isFieldOf(kind, field)) throw new AppError('invalid_input', `列映射无效：“${field}”不是${profileOf(kind).noun}的字段。`)
    const taken = byField.get(field)
    if (taken) {
      throw new AppError(
        'invalid_input',
        `“${fieldLabel(kind, field)}”同时对应了 ${detected.columns[taken.index]!.letter} 列和 ${col.letter} 列：每个字段只能对应一列，请修改列对应关系。`,
      )
    }
    byField.set(field, { index: column, header: col.header })
  }
  const missing = missingRequired(kind, byField.keys())
  if (missing.length) {
    throw new AppError(
      'refused',
      `“${detected.fileName}”缺少必需的列：${missing.join('、')}。请在列对应关系中指定这些列，或使用含这些列的文件（可下载模板）。`,
    )
  }
  return byField
}
