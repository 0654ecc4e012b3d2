import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { fileRef, jobId } from './common'

// Channels of the archive's import side: patent lists, rosters, projects ('import:<verb>').
// Flow: files:pick → import:detect (header row, detected column mapping) → the user edits the mapping →
// import:run with dryRun (the preview: counts and every problem row) → import:run for real (or cancel).

export const importKindSchema = z.enum(['patents', 'researchers', 'projects'])
export type ImportKindCode = z.infer<typeof importKindSchema>

/** A field code of the chosen kind ('appNo', 'staffNo' …); checked against the kind by the service. */
const fieldCode = z.string().min(1).max(40).regex(/^[a-zA-Z]+$/)

export const importColumnSchema = z.object({
  /** 0-based column index; letter is what the spreadsheet shows ('A'). */
  index: z.number().int(),
  letter: z.string(),
  header: z.string(),
  /** Detected field, or null (not imported). */
  field: z.string().nullable(),
  /** Why an unmapped column was recognised but is not imported ('与 C 列重复' …). */
  note: z.string().nullable(),
  /** The first few data values, for the user to check the mapping. */
  samples: z.array(z.string()),
})
export type ImportColumn = z.infer<typeof importColumnSchema>

export const importFieldSchema = z.object({ field: z.string(), label: z.string(), required: z.boolean() })

export const importDetectOutput = z.object({
  kind: importKindSchema,
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  sheetName: z.string().nullable(),
  /** Row number of the header as the spreadsheet shows it (title rows may come before it). */
  headerRow: z.number().int(),
  dialect: z.string(),
  columns: z.array(importColumnSchema),
  /** The fields a column can be mapped to, with their Chinese labels. */
  fields: z.array(importFieldSchema),
  /** At least one field of each group must be mapped. */
  requiredGroups: z.array(z.object({ fields: z.array(z.string()), label: z.string() })),
  /** Labels of required groups the detected mapping lacks. */
  missing: z.array(z.string()),
  /** What the file can and cannot do (no 申请号 column, no legal status, university name not set …). */
  notices: z.array(z.string()),
})
export type ImportDetectResult = z.infer<typeof importDetectOutput>

export const columnMappingSchema = z.object({ column: z.number().int().min(0).max(16_383), field: fieldCode.nullable() }).strict()
export type ColumnMappingInput = z.infer<typeof columnMappingSchema>

export const importRunInput = z
  .object({
    jobId,
    file: fileRef,
    kind: importKindSchema,
    /** Column → field; absent: the detected mapping. */
    mapping: z.array(columnMappingSchema).max(2000).optional(),
    /** Check everything and count, then roll back: nothing is written. */
    dryRun: z.boolean().default(true),
    /** Write the valid rows and report the others; without it any invalid row means nothing is written. */
    skipInvalid: z.boolean().default(false),
    /** Data rows the preview counted, so the progress bar of the import is exact. */
    expectedRows: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict()

export const rowProblemSchema = z.object({
  /** Row number as the spreadsheet shows it. */
  row: z.number().int(),
  column: z.number().int().nullable(),
  letter: z.string().nullable(),
  header: z.string().nullable(),
  message: z.string(),
  /** The worksheet, for a row of a later worksheet with the same header (imported with the first); absent otherwise. */
  sheet: z.string().optional(),
})
export type RowProblemRecord = z.infer<typeof rowProblemSchema>

export const linkCountsSchema = z.object({
  confirmed: z.number().int(),
  suggested: z.number().int(),
  ambiguous: z.number().int(),
  external: z.number().int(),
})

/** Problem rows sent to the window at most; the full list is in the problems file. */
export const MAX_PROBLEMS_SHOWN = 1000

export const importReportSchema = z.object({
  kind: importKindSchema,
  fileName: z.string(),
  dialect: z.string(),
  headerRow: z.number().int(),
  dryRun: z.boolean(),
  /** True when rows were committed to the archive. */
  written: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** The first MAX_PROBLEMS_SHOWN problems; errorsTotal counts all. */
  errors: z.array(rowProblemSchema),
  errorsTotal: z.number().int(),
  warnings: z.array(rowProblemSchema),
  warningsTotal: z.number().int(),
  batchId: z.number().int().nullable(),
  links: linkCountsSchema.nullable(),
  relinked: z.number().int(),
  conversionsAdded: z.number().int(),
  projectLinksAdded: z.number().int(),
  /** Every problem and warning as an .xlsx (row, column, reason), for the librarian to work through. */
  problemsFile: z.object({ ref: fileRef, name: z.string() }).nullable(),
})
export type ImportReport = z.infer<typeof importReportSchema>

export const importBatchSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  dialect: z.string().nullable(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  operator: z.string(),
  finishedAt: z.string(),
})
export type ImportBatchRecord = z.infer<typeof importBatchSchema>

export const archiveImportChannels = {
  /** Read the header of a picked/uploaded file and propose the column mapping. */
  'import:detect': channel(z.object({ file: fileRef, kind: importKindSchema }).strict(), importDetectOutput),
  /** Preview (dryRun) or import a file with a mapping; progress events and cancel. */
  'import:run': channel(importRunInput, importReportSchema, { job: true }),
  /** An empty .xlsx template with the columns an import understands. */
  'import:template': channel(z.object({ kind: importKindSchema }).strict(), z.object({ ref: fileRef, name: z.string() })),
  /** Recent imports, newest first. */
  'import:history': channel(
    z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict(),
    z.array(importBatchSchema),
  ),
} satisfies ChannelMap
