import { AppError } from '../contract/result'
import type { fileChannels, systemChannels } from '../contract/system'
import { seedDemo } from '../demo/seed'
import type { HandlerMap } from '../ipc/context'
import { countArchive } from './stats'

type SystemChannel = keyof typeof systemChannels | keyof typeof fileChannels

export const systemHandlers: HandlerMap<SystemChannel> = {
  'system:info': async (_input, ctx) => {
    const archive = ctx.session.archive
    return {
      appVersion: ctx.appVersion,
      transport: ctx.transport === 'electron' ? 'electron' : 'web',
      archiveFile: archive.file,
      schemaVersion: archive.schemaVersion,
      counts: await countArchive(archive.db),
      integrity: { state: ctx.session.integrity.state, message: ctx.session.integrity.state === 'failed' ? ctx.session.integrity.message : null },
    }
  },
  'system:stats': async (_input, ctx) => countArchive(ctx.session.archive.db),
  'demo:seed': async (input, ctx) => {
    const counts = await seedDemo(ctx.session.archive.db, {
      scale: input.scale,
      progress: (phase, done, total) => ctx.job.progress(phase, done, total),
      checkpoint: () => ctx.job.checkpoint(),
    })
    ctx.emit('archive:changed', { archiveFile: ctx.session.archive.file, reason: 'seeded' })
    return counts
  },
  'jobs:cancel': async (input, ctx) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),

  'files:pick': async (input, ctx) => {
    const path = await ctx.platform.pickFile(input.title, input.extensions)
    if (!path) return null
    const entry = ctx.files.register(path, 'picked')
    const { statSync } = await import('node:fs')
    return { ref: entry.ref, name: entry.name, size: statSync(path).size }
  },
  'files:deliver': async (input, ctx) => {
    const entry = ctx.files.resolve(input.ref)
    if (entry.origin !== 'output') throw new AppError('invalid_input', '只能保存 IPDesk 生成的文件。')
    return { savedTo: await ctx.platform.saveFile(entry.path, input.suggestedName) }
  },
}
