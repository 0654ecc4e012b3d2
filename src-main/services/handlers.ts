import type { servicesChannels } from '../contract/services'
import type { HandlerMap } from '../ipc/context'
import { discardDraft, getDraft, saveDraft } from './drafts'
import { exportFileName, exportLedger } from './export'
import { checkLedger, importLedger, inspectLedger } from './import'
import { followUpsDue, listServices, serviceOptions, servicesForResearcher } from './ledger'
import { deleteService, getService, saveService, setFollowUpDone } from './records'
import { serviceStats } from './stats'

export const servicesHandlers: HandlerMap<keyof typeof servicesChannels & string> = {
  'services:options': async (_input, ctx) => serviceOptions(ctx.session.archive.db),
  'services:get': async (input, ctx) => getService(ctx.session.archive.db, input.id),
  'services:save': async (input, ctx) => saveService(ctx.session.archive.db, input),
  'services:delete': async (input, ctx) => {
    await deleteService(ctx.session.archive.db, input.id)
    return { ok: true as const }
  },
  'services:list': async (input, ctx) => listServices(ctx.session.archive.db, input),
  'services:followUps': async (input, ctx) => followUpsDue(ctx.session.archive.db, input),
  'services:followUpDone': async (input, ctx) => setFollowUpDone(ctx.session.archive.db, input.id, input.done),
  'services:forResearcher': async (input, ctx) => servicesForResearcher(ctx.session.archive.db, input),
  'services:stats': async (input, ctx) => serviceStats(ctx.session.archive.db, input),
  'services:export': async (input, ctx) => {
    const { jobId: _jobId, ...filters } = input
    const out = ctx.files.allocate(exportFileName(filters), 'output')
    const { rows } = await exportLedger(ctx.session.archive.db, filters, out.path, ctx.job)
    return { ref: out.ref, name: out.name, rows }
  },
  'services:importInspect': async (input, ctx) => {
    const file = ctx.files.resolve(input.file)
    return inspectLedger({ path: file.path, displayName: file.name })
  },
  'services:importCheck': async (input, ctx) => {
    const file = ctx.files.resolve(input.file)
    return checkLedger(ctx.session.archive.db, { path: file.path, displayName: file.name }, input, ctx.job)
  },
  'services:importRun': async (input, ctx) => {
    const file = ctx.files.resolve(input.file)
    const result = await importLedger(ctx.session.archive.db, { path: file.path, displayName: file.name }, input, ctx.job)
    if (result.written) ctx.emit('archive:changed', { archiveFile: ctx.session.archive.file, reason: 'imported' })
    return result
  },
  'services:draftGet': async (input, ctx) => getDraft(ctx.session.archive.db, input.slot),
  'services:draftSave': async (input, ctx) => saveDraft(ctx.session.archive.db, input.slot, input.payload),
  'services:draftDiscard': async (input, ctx) => {
    await discardDraft(ctx.session.archive.db, input.slot)
    return { ok: true as const }
  },
}
