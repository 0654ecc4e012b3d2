import { copyFileSync } from 'node:fs'
import type { backupChannels } from '../contract/backup'
import { AppError } from '../contract/result'
import { auditFacets, listAudit } from '../audit/query'
import { LATEST_SCHEMA_VERSION } from '../db/migrator'
import type { HandlerMap } from '../ipc/context'
import { getSettings } from '../settings/service'
import { createBackup } from './backup'
import { auditReport, checkIntegrity } from './integrity'
import { restoreIntoSession } from './restore'
import { backupFolderFor, findBackup, listBackups, toInfo } from './store'

export const backupHandlers: HandlerMap<keyof typeof backupChannels & string> = {
  'backup:list': async (_input, ctx) => {
    const archive = ctx.session.archive
    const settings = await getSettings(archive.db)
    return {
      archiveFile: archive.file,
      folder: backupFolderFor(archive.file),
      keepLast: settings.backupKeepLast,
      keepMonthly: settings.backupKeepMonthly,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      backups: listBackups(archive.file).map(toInfo),
    }
  },

  'backup:create': async (_input, ctx) => {
    const backup = await createBackup(ctx.session.archive, 'manual', (done, total) => ctx.job.progress('正在备份', done, total))
    return toInfo(backup)
  },

  'backup:restore': async (input, ctx) => {
    const archive = ctx.session.archive
    let source: string
    let label: string
    switch (input.source.kind) {
      case 'backup': {
        const backup = findBackup(archive.file, input.source.name)
        source = backup.path
        label = backup.name
        break
      }
      case 'file': {
        const entry = ctx.files.resolve(input.source.ref)
        if (entry.origin === 'output') throw new AppError('invalid_input', '请选择一个备份文件。')
        source = entry.path
        label = entry.name
        break
      }
      default: {
        const unreachable: never = input.source
        throw new AppError('invalid_input', `未知的恢复来源：${String(unreachable)}`)
      }
    }
    const result = await restoreIntoSession(ctx.session, source, { label, progress: (phase) => ctx.job.progress(phase, 0, 0) })
    ctx.emit('archive:changed', { archiveFile: result.archiveFile, reason: 'restored' })
    return result
  },

  'backup:check': async (input, ctx) => {
    const archive = ctx.session.archive
    return checkIntegrity(archive.sqlite, archive.db, archive.file, {
      full: input.full,
      progress: async (phase) => {
        ctx.job.progress(phase, 0, 0)
        await ctx.job.checkpoint()
      },
    })
  },

  'backup:export': async (input, ctx) => {
    const backup = findBackup(ctx.session.archive.file, input.name)
    const out = ctx.files.allocate(backup.name, 'output')
    copyFileSync(backup.path, out.path)
    return { ref: out.ref, name: out.name }
  },

  'audit:list': async (input, ctx) => listAudit(ctx.session.archive.db, input),
  'audit:facets': async (_input, ctx) => auditFacets(ctx.session.archive.db),
  'audit:verify': async (_input, ctx) => {
    const archive = ctx.session.archive
    return auditReport(archive.db, archive.file, async (entries) => {
      ctx.job.progress('校验审计日志', entries, 0)
      await ctx.job.checkpoint()
    })
  },
}
