import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { importNotices, runImport, type ImportSummary } from '../../archive/import/run'
import { RowSource } from '../../archive/import/parallel-reader'
import type { DetectedSource } from '../../archive/import/source'
import { rowPlace } from '../../archive/import/row-reader'
import type { ImportKind } from '../../archive/import/fields'
import { beginBackupBeforeImport } from '../../backup/auto'
import { ASSET_KIND_LABELS, IMPORT_DIALECT_LABELS, LINK_STATE_LABELS } from '../../contract/labels'
import { AppError } from '../../contract/result'
import { checkNumber } from '../../domain/cn-number'
import { getSettings } from '../../settings/service'
import { printJson, stringOption, UsageError, type Command, type ParsedCommand } from '../command'
import type { Archive } from '../../db/connection'
import { withArchive } from '../with-archive'

// ipdesk check-number, ipdesk import patents|researchers|projects.

/** The JSON shape of `ipdesk import …` (issue 3): row = the spreadsheet's row number. */
export interface ImportCliOutput {
  rows: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  /** `sheet` only for a row of a later worksheet read with the first (the same header): row numbers are per worksheet. */
  errors: { row: number; column: string | null; message: string; sheet?: string }[]
}

export function cliOutput(summary: ImportSummary): ImportCliOutput {
  return {
    rows: summary.rows,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    errors: summary.errors.map((e) => ({ row: e.row, column: e.header, message: e.message, ...(e.sheet === undefined ? {} : { sheet: e.sheet }) })),
  }
}

const NOUN: Record<ImportKind, string> = { patents: '专利', researchers: '科研人员', projects: '项目' }
const HUMAN_ERRORS_SHOWN = 50

function humanReport(summary: ImportSummary, notices: string[]): string {
  const noun = NOUN[summary.kind]
  const lines = [
    `${summary.fileName}（${IMPORT_DIALECT_LABELS[summary.dialect] ?? summary.dialect}，表头在第 ${summary.headerRow} 行）`,
    `${summary.dryRun ? '检查结果（未写入档案）' : summary.written ? '已导入' : '未导入'}：共 ${summary.rows} 行；新增${noun} ${summary.inserted}，更新 ${summary.updated}，不变 ${summary.unchanged}，有误 ${summary.rejected}`,
  ]
  if (summary.links) {
    const l = summary.links
    lines.push(
      `发明人关联：${LINK_STATE_LABELS.confirmed} ${l.confirmed}，${LINK_STATE_LABELS.suggested} ${l.suggested}，${LINK_STATE_LABELS.ambiguous} ${l.ambiguous}，${LINK_STATE_LABELS.external} ${l.external}` +
        (summary.relinked ? `（重新关联 ${summary.relinked} 处）` : ''),
    )
  }
  if (summary.conversionsAdded) lines.push(`新增转化运用记录 ${summary.conversionsAdded} 条`)
  for (const n of notices) lines.push(`提示：${n}`)
  if (summary.errors.length) {
    lines.push('', '有误的行：')
    for (const e of summary.errors.slice(0, HUMAN_ERRORS_SHOWN)) lines.push(`  ${rowPlace(e.row, e.sheet)}${e.letter ? ` ${e.letter} 列` : ''}${e.header ? `“${e.header}”` : ''}：${e.message}`)
    if (summary.errors.length > HUMAN_ERRORS_SHOWN) lines.push(`  ……另有 ${summary.errors.length - HUMAN_ERRORS_SHOWN} 处，用 --json 查看全部`)
  }
  if (summary.warnings.length) {
    lines.push('', '提示：')
    for (const w of summary.warnings.slice(0, 20)) lines.push(`  ${w.message.startsWith('工作表“') ? '' : `${rowPlace(w.row, w.sheet)}：`}${w.message}`)
  }
  return lines.join('\n')
}

function importCommand(kind: ImportKind, summary: string): Command {
  return {
    name: `import ${kind}`,
    summary,
    usage: `ipdesk import ${kind} FILE --db DB [--json] [--skip-invalid] [--dry-run]`,
    options: { db: { type: 'string' }, json: { type: 'boolean' }, 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    async run(p: ParsedCommand) {
      const db = stringOption(p, 'db', true)
      if (p.positionals.length !== 1) throw new UsageError(p.positionals.length ? '一次只能导入一个文件' : '缺少要导入的文件 FILE')
      const file = resolve(p.positionals[0]!)
      if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('refused', `找不到文件“${file}”。请检查路径。`)
      const skipInvalid = p.values['skip-invalid'] === true
      const dryRun = p.values['dry-run'] === true
      // Start reading the file (on a worker for a large one) and have its header before touching the
      // archive: an unreadable file never opens it. The import takes the reading over from here.
      const source = await RowSource.start({ kind, path: file, currentYear: new Date().getFullYear() })
      let detected: DetectedSource
      try {
        detected = await source.detected()
      } catch (error) {
        await source.close()
        throw error
      }
      // Safety net: a damaged workbook can leave exceljs waiting for bytes that never come; the event loop
      // then empties and Node would exit 0 with nothing printed. Say so and exit 1 instead (nothing was
      // committed: the transaction never finished).
      const stalled = () => {
        p.io.err(`读取“${file}”时意外中止：文件可能已损坏。档案未作任何修改；请从原系统重新导出后再导入。`)
        process.exitCode = 1
      }
      process.once('beforeExit', stalled)
      let result: { summary: ImportSummary; notices: string[] }
      try {
        const importInto = async (archive: Archive) => {
          const summary = await runImport(archive, {
            kind,
            file,
            dryRun,
            skipInvalid,
            source,
            // The automatic backup: copied beside the import, which commits only once it is verified.
            beforeWrite: () => beginBackupBeforeImport(archive),
          })
          const settings = await getSettings(archive.db)
          return { summary, notices: importNotices(kind, detected.columns.map((c) => c.field), settings) }
        }
        // The archive's quick_check runs on a worker while the file is read; runImport awaits it before
        // it commits (a damaged archive is never written to).
        result = await withArchive(db, importInto, { quickCheck: 'background' })
      } finally {
        process.removeListener('beforeExit', stalled)
        // The import closes the reading; this covers an archive that could not be opened.
        await source.close()
      }
      const { summary, notices } = result
      if (p.values.json) printJson(p.io, cliOutput(summary))
      else p.io.out(humanReport(summary, notices))
      if (summary.errors.length && !skipInvalid) {
        p.io.err(
          `“${summary.fileName}”有 ${summary.rejected} 行有误，${dryRun ? '导入时将' : '因此'}不写入任何数据。请按提示修正后重新导入，或加 --skip-invalid 只导入有效的行。`,
        )
        return 1
      }
      return 0
    },
  }
}

export const archiveImportCommands: Command[] = [
  {
    name: 'check-number',
    summary: '核对申请号、公开（公告）号、软件著作权登记号（校验位错误时给出正确的校验位）',
    usage: 'ipdesk check-number [--json] NUMBER...',
    options: { json: { type: 'boolean' } },
    async run(p) {
      if (p.positionals.length === 0) throw new UsageError('请至少给出一个号码')
      const results = p.positionals.map((input) => {
        const c = checkNumber(input)
        return { check: c, out: { input, valid: c.valid, normalized: c.normalized, kind: c.kind, ...(c.expectedCheck !== undefined ? { expectedCheck: c.expectedCheck } : {}) } }
      })
      if (p.values.json) {
        printJson(
          p.io,
          results.map((r) => r.out),
        )
      } else {
        for (const { check } of results) {
          p.io.out(
            check.valid
              ? `✓ ${check.input.trim()} → ${check.normalized}（${check.kind ? ASSET_KIND_LABELS[check.kind] : '号码有效'}）`
              : `✗ ${check.input.trim()}：${check.message ?? '号码无效'}`,
          )
        }
      }
      return results.every((r) => r.check.valid) ? 0 : 1
    },
  },
  importCommand('patents', '导入专利清单（.xlsx/.csv，国家知识产权局、incoPat、智慧芽等导出格式）'),
  importCommand('researchers', '导入科研人员名单（工号、姓名、学院、学科、职称、在职/入职/离职日期），按工号新增或更新'),
  importCommand('projects', '导入科研项目清单（项目编号、名称、来源、级别、负责人工号、起止日期、是否财政资助），按项目编号新增或更新'),
]
