import type { poolChannels } from '../contract/pool'
import { todayIso } from '../core/clock'
import type { HandlerMap } from '../ipc/context'
import { annuityBudget } from './budget'
import { getAssetDetail } from './detail'
import { addToPool, listPool, removeFromPool, updatePoolEntry } from './entries'
import { exportBrochure, exportPoolWorkbook } from './export'
import { getFeeTableState, resetFeeTable, saveFeeTable } from './fee-store'
import { gradeAssets, gradeSelection } from './grading'
import { gradingTemplate } from './indicators'
import { countInventory, listInventory, poolFacets } from './inventory'
import { publishOpenLicence } from './open-licence'
import { deleteInterest, deletePromotion, getPromotion, interestsOfPromotion, listPromotions, saveInterest, savePromotion } from './promotions'
import { poolStats } from './stats'

function stamp(): string {
  return todayIso().replace(/-/g, '')
}

export const poolHandlers: HandlerMap<keyof typeof poolChannels & string> = {
  'pool:inventory': async (input, ctx) => listInventory(ctx.session.archive.db, input),
  'pool:facets': async (_input, ctx) => poolFacets(ctx.session.archive.db),
  'pool:asset': async (input, ctx) => getAssetDetail(ctx.session.archive.db, input.id),
  'pool:count': async (input, ctx) => ({ total: await countInventory(ctx.session.archive.db, input.filters) }),

  'pool:indicators': async () => gradingTemplate(),
  'pool:grade': async (input, ctx) => gradeAssets(ctx.session.archive.db, input.assetIds, input),
  'pool:gradeSelection': async (input, ctx) =>
    gradeSelection(ctx.session.archive.db, input.filters, input, {
      progress: (done, total) => ctx.job.progress('写入分级', done, total),
      checkpoint: () => ctx.job.checkpoint(),
    }),

  'pool:fees': async (_input, ctx) => getFeeTableState(ctx.session.archive.db),
  'pool:saveFees': async (input, ctx) => saveFeeTable(ctx.session.archive.db, input.table),
  'pool:resetFees': async (_input, ctx) => resetFeeTable(ctx.session.archive.db),
  'pool:budget': async (input, ctx) => annuityBudget(ctx.session.archive.db, input),

  'pool:list': async (input, ctx) => listPool(ctx.session.archive.db, input),
  'pool:add': async (input, ctx) => addToPool(ctx.session.archive.db, input),
  'pool:update': async (input, ctx) => updatePoolEntry(ctx.session.archive.db, input.assetId, input),
  'pool:remove': async (input, ctx) => {
    await removeFromPool(ctx.session.archive.db, input.assetId, input.reason, input.removedOn)
    return { ok: true as const }
  },

  'pool:promotions': async (input, ctx) => listPromotions(ctx.session.archive.db, input),
  'pool:promotion': async (input, ctx) => {
    const db = ctx.session.archive.db
    return { ...(await getPromotion(db, input.id)), interests: await interestsOfPromotion(db, input.id) }
  },
  'pool:savePromotion': async (input, ctx) => savePromotion(ctx.session.archive.db, input),
  'pool:deletePromotion': async (input, ctx) => {
    await deletePromotion(ctx.session.archive.db, input.id)
    return { ok: true as const }
  },
  'pool:saveInterest': async (input, ctx) => saveInterest(ctx.session.archive.db, input),
  'pool:deleteInterest': async (input, ctx) => {
    await deleteInterest(ctx.session.archive.db, input.id)
    return { ok: true as const }
  },

  'pool:publishOpenLicence': async (input, ctx) => publishOpenLicence(ctx.session.archive.db, input),

  'pool:exportXlsx': async (input, ctx) => {
    const out = ctx.files.allocate(`可转化专利清单_${stamp()}.xlsx`, 'output')
    const count = await exportPoolWorkbook(ctx.session.archive.db, out.path, {
      grades: input.grades,
      progress: (done, total) => ctx.job.progress('写出清单', done, total),
      checkpoint: () => ctx.job.checkpoint(),
    })
    return { ref: out.ref, name: out.name, count }
  },
  'pool:exportBrochure': async (input, ctx) => {
    const out = ctx.files.allocate(`可转化专利推介手册_${stamp()}.docx`, 'output')
    const count = await exportBrochure(ctx.session.archive.db, out.path, input.assetIds, {
      title: input.title,
      progress: (done, total) => ctx.job.progress('编排手册', done, total),
      checkpoint: () => ctx.job.checkpoint(),
    })
    return { ref: out.ref, name: out.name, count }
  },
  'pool:stats': async (input, ctx) => poolStats(ctx.session.archive.db, input),
}
