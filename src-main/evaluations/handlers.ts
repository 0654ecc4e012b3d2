import type { evaluationsChannels } from '../contract/evaluations'
import { todayIso } from '../core/clock'
import type { HandlerMap } from '../ipc/context'
import { writeEvaluationList } from './export-list'
import { dismissSuggestion, linkFiling, suggestLinks, unlinkFiling } from './links'
import { reportFileName, writeEvaluationReport } from './report'
import { createEvaluation, deleteEvaluation, getEvaluation, listEvaluations, saveEvaluation, transitionEvaluation } from './service'
import { findSimilarAssets } from './similar'
import { evaluationStats } from './stats'
import { listTemplateVersions, peekCurrentTemplate, saveTemplate, templateByVersion } from './template'

export const evaluationsHandlers: HandlerMap<keyof typeof evaluationsChannels & string> = {
  'evaluations:list': async (input, ctx) => listEvaluations(ctx.session.archive.db, input),
  'evaluations:get': async ({ id }, ctx) => getEvaluation(ctx.session.archive.db, id),
  'evaluations:create': async ({ title }, ctx) => createEvaluation(ctx.session.archive.db, { title }),
  'evaluations:save': async ({ id, patch }, ctx) => saveEvaluation(ctx.session.archive.db, id, patch),
  'evaluations:transition': async (input, ctx) => transitionEvaluation(ctx.session.archive.db, input),
  'evaluations:delete': async ({ id }, ctx) => {
    await deleteEvaluation(ctx.session.archive.db, id)
    return { ok: true as const }
  },

  'evaluations:similar': async ({ title, text, limit }, ctx) => findSimilarAssets(ctx.session.archive.db, { title, text, limit }),

  'evaluations:linkFiling': async ({ id, appNo }, ctx) => linkFiling(ctx.session.archive.db, id, appNo),
  'evaluations:unlinkFiling': async ({ id }, ctx) => unlinkFiling(ctx.session.archive.db, id),
  'evaluations:linkSuggestions': async ({ evaluationId, limit }, ctx) => suggestLinks(ctx.session.archive.db, { evaluationId, limit }),
  'evaluations:dismissSuggestion': async ({ evaluationId, assetId }, ctx) => {
    await dismissSuggestion(ctx.session.archive.db, evaluationId, assetId)
    return { ok: true as const }
  },

  'evaluations:template': async ({ version }, ctx) => (version ? templateByVersion(ctx.session.archive.db, version) : peekCurrentTemplate(ctx.session.archive.db)),
  'evaluations:templateVersions': async (_input, ctx) => listTemplateVersions(ctx.session.archive.db),
  'evaluations:saveTemplate': async ({ body }, ctx) => saveTemplate(ctx.session.archive.db, body),

  'evaluations:exportReport': async ({ id }, ctx) => {
    const { evaluation } = await getEvaluation(ctx.session.archive.db, id)
    const out = ctx.files.allocate(reportFileName(evaluation), 'output')
    await writeEvaluationReport(ctx.session.archive.db, id, out.path, todayIso())
    return { ref: out.ref, name: out.name }
  },
  'evaluations:exportList': async ({ year }, ctx) => {
    const out = ctx.files.allocate(year ? `专利申请前评估清单_${year}年.xlsx` : '专利申请前评估清单.xlsx', 'output')
    ctx.job.progress('读取评估', 0, 0)
    const { rows } = await writeEvaluationList(ctx.session.archive.db, out.path, {
      year,
      onRows: async (done, total) => {
        ctx.job.progress('写入清单', done, total)
        await ctx.job.checkpoint()
      },
    })
    return { ref: out.ref, name: out.name, rows }
  },
  'evaluations:stats': async ({ from, to }, ctx) => evaluationStats(ctx.session.archive.db, { from, to }),
}
