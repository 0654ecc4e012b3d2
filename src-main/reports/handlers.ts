import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { reportsChannels } from '../contract/reports'
import { AppError } from '../contract/result'
import type { HandlerMap } from '../ipc/context'
import { buildAnnualReport, reportYears } from './annual'
import { exportAnnualReport, reportFileNames } from './export'
import { getNarrative, saveNarrative } from './narrative'
import { reportTables } from './tables'

/** The preview carries the first rows of the grant list; the export writes all of them. */
const PREVIEW_GRANT_ROWS = 200

function sameBytes(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false
  const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
  return digest(a) === digest(b)
}

export const reportsHandlers: HandlerMap<keyof typeof reportsChannels & string> = {
  'reports:years': async (_input, ctx) => reportYears(ctx.session.archive.db),
  'reports:annual': async (input, ctx) => {
    const report = await buildAnnualReport(ctx.session.archive.db, input.year, { grantListLimit: PREVIEW_GRANT_ROWS })
    return { ...report, sheets: reportTables(report) }
  },
  'reports:narrative': async (input, ctx) => getNarrative(ctx.session.archive.db, input.year),
  'reports:saveNarrative': async (input, ctx) => saveNarrative(ctx.session.archive.db, input.year, input),
  'reports:export': async (input, ctx) => {
    const names = reportFileNames(input.year)
    const docx = ctx.files.allocate(names.docx, 'output')
    const xlsx = ctx.files.allocate(names.xlsx, 'output')
    const result = await exportAnnualReport(
      ctx.session.archive.db,
      input.year,
      { docx: docx.path, xlsx: xlsx.path },
      { progress: (phase, done, total) => ctx.job.progress(phase, done, total), checkpoint: () => ctx.job.checkpoint() },
    )
    return { docx: { ref: docx.ref, name: docx.name }, xlsx: { ref: xlsx.ref, name: xlsx.name }, chartNote: result.chartNote }
  },
  'reports:reveal': async (input, ctx) => {
    const entry = ctx.files.resolve(input.ref)
    if (entry.origin !== 'output') throw new AppError('invalid_input', '只能显示 IPDesk 生成的文件。')
    // The path comes from the renderer, so it is only used when it holds exactly the bytes of the
    // export `ref`: then it is the copy the user just saved, and showing it reveals nothing new.
    if (!isAbsolute(input.savedTo) || !existsSync(input.savedTo) || !statSync(input.savedTo).isFile() || !sameBytes(entry.path, input.savedTo)) {
      throw new AppError('not_found', '找不到已保存的报告文件：它可能已被移动或修改。请重新导出并保存。')
    }
    if (!ctx.platform.showItemInFolder) throw new AppError('unsupported', '此版本不支持打开文件夹，请在保存位置查看文件。')
    await ctx.platform.showItemInFolder(input.savedTo)
    return { ok: true as const }
  },
}
