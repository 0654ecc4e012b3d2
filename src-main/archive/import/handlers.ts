import { beginBackupBeforeImport } from '../../backup/auto'
import { MAX_PROBLEMS_SHOWN, type archiveImportChannels } from '../../contract/archive-import'
import type { HandlerMap } from '../../ipc/context'
import { getSettings } from '../../settings/service'
import { profileOf } from './fields'
import { importHistory } from './history'
import { detectFile } from './parallel-reader'
import { importNotices, runImport } from './run'
import { templateFileName, writeProblems, writeTemplate } from './templates'

export const archiveImportHandlers: HandlerMap<keyof typeof archiveImportChannels & string> = {
  'import:detect': async (input, ctx) => {
    const entry = ctx.files.resolve(input.file)
    const detected = await detectFile({ kind: input.kind, path: entry.path, displayName: entry.name, currentYear: new Date().getFullYear() })
    const profile = profileOf(input.kind)
    const settings = await getSettings(ctx.session.archive.db)
    return {
      ...detected,
      fields: profile.fields.map((f) => ({ field: f.field, label: f.label, required: f.required })),
      requiredGroups: profile.requiredGroups.map((g) => ({ fields: [...g.fields], label: g.label })),
      notices: importNotices(input.kind, detected.columns.map((c) => c.field), settings),
    }
  },

  'import:run': async (input, ctx) => {
    const entry = ctx.files.resolve(input.file)
    const archive = ctx.session.archive
    const summary = await runImport(archive, {
      kind: input.kind,
      file: entry.path,
      displayName: entry.name,
      mapping: input.mapping as Parameters<typeof runImport>[1]['mapping'],
      dryRun: input.dryRun,
      skipInvalid: input.skipInvalid,
      expectedRows: input.expectedRows,
      progress: (phase, done, total) => ctx.job.progress(phase, done, total),
      checkpoint: () => ctx.job.checkpoint(),
      // The trust area's automatic backup, never for a preview: its snapshot is taken before the first
      // write, the copy made beside the import, which commits only once the copy is verified.
      beforeWrite: () => beginBackupBeforeImport(archive),
    })
    if (summary.written) ctx.emit('archive:changed', { archiveFile: archive.file, reason: 'imported' })
    let problemsFile: { ref: string; name: string } | null = null
    if (summary.errors.length || summary.warnings.length) {
      const out = ctx.files.allocate(`导入问题清单-${summary.fileName.replace(/\.[^.]+$/u, '')}.xlsx`, 'output')
      await writeProblems(out.path, summary.errors, summary.warnings)
      problemsFile = { ref: out.ref, name: out.name }
    }
    return {
      ...summary,
      errors: summary.errors.slice(0, MAX_PROBLEMS_SHOWN),
      errorsTotal: summary.errors.length,
      warnings: summary.warnings.slice(0, MAX_PROBLEMS_SHOWN),
      warningsTotal: summary.warnings.length,
      problemsFile,
    }
  },

  'import:template': async (input, ctx) => {
    const out = ctx.files.allocate(templateFileName(input.kind), 'output')
    await writeTemplate(input.kind, out.path)
    return { ref: out.ref, name: out.name }
  },

  'import:history': async (input, ctx) => importHistory(ctx.session.archive.db, input.limit),
}
