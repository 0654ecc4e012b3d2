import type { archiveChannels } from '../contract/archive'
import { todayIso } from '../core/clock'
import type { HandlerMap } from '../ipc/context'
import { getAssetDetail, setAssetDisciplines, setAssetProjects, updateAsset } from './assets'
import { deleteConversion, listConversions, saveConversion } from './conversions'
import { dueSoon } from './due'
import { exportAssetList } from './export'
import { archiveFacets, disciplineCatalogue } from './facets'
import { confirmSuggested, linkQueue, researcherPortfolio, setInventorLink } from './links'
import { getProject, saveProject, searchProjects } from './projects'
import { getResearcher, saveResearcher, searchResearchers } from './researchers'
import { assetRowsByIds, searchAssets } from './search'
import { pendingSearchIndex, syncSearchIndex } from './search-index'

export const archiveHandlers: HandlerMap<keyof typeof archiveChannels & string> = {
  'researchers:search': async (input, ctx) => searchResearchers(ctx.session.archive.db, input),
  'researchers:get': async (input, ctx) => getResearcher(ctx.session.archive.db, input.id),
  'researchers:save': async (input, ctx) => saveResearcher(ctx.session.archive.db, input),
  'researchers:portfolio': async (input, ctx) => researcherPortfolio(ctx.session.archive.db, input.id),
  'projects:search': async (input, ctx) => searchProjects(ctx.session.archive.db, input),
  'projects:get': async (input, ctx) => getProject(ctx.session.archive.db, input.id),
  'projects:save': async (input, ctx) => saveProject(ctx.session.archive.db, input),
  'archive:search': async (input, ctx) => searchAssets(ctx.session.archive.db, input),
  'archive:brief': async (input, ctx) => assetRowsByIds(ctx.session.archive.db, input.ids),
  'archive:indexStatus': async (_input, ctx) => ({ pending: await pendingSearchIndex(ctx.session.archive.db) }),
  'archive:reindex': async (_input, ctx) => ({
    indexed: await syncSearchIndex(ctx.session.archive.db, {
      progress: (done, total) => ctx.job.progress('建立检索索引', done, total),
      checkpoint: () => ctx.job.checkpoint(),
    }),
  }),
  'archive:exportXlsx': async ({ jobId: _jobId, ...list }, ctx) => {
    const out = ctx.files.allocate(`知识产权清单_${todayIso().replace(/-/g, '')}.xlsx`, 'output')
    const count = await exportAssetList(ctx.session.archive.db, out.path, list, {
      progress: (done, total) => ctx.job.progress('写出清单', done, total),
      checkpoint: () => ctx.job.checkpoint(),
    })
    return { ref: out.ref, name: out.name, count }
  },
  'archive:facets': async (_input, ctx) => archiveFacets(ctx.session.archive.db),
  'archive:disciplines': async (_input, ctx) => disciplineCatalogue(ctx.session.archive.db),
  'archive:get': async (input, ctx) => getAssetDetail(ctx.session.archive.db, input.id),
  'archive:update': async (input, ctx) => updateAsset(ctx.session.archive.db, input.id, input.patch),
  'archive:setDisciplines': async (input, ctx) => setAssetDisciplines(ctx.session.archive.db, input.id, input.codes),
  'archive:setProjects': async (input, ctx) => setAssetProjects(ctx.session.archive.db, input.id, input.projectIds),
  'archive:due': async (input, ctx) => dueSoon(ctx.session.archive.db, input),
  'links:queue': async (input, ctx) => linkQueue(ctx.session.archive.db, input),
  'links:set': async (input, ctx) => setInventorLink(ctx.session.archive.db, input),
  'links:confirmSuggested': async (input, ctx) => confirmSuggested(ctx.session.archive.db, 'items' in input ? input.items : undefined, 'q' in input ? input.q : undefined),
  'conversions:list': async (input, ctx) => listConversions(ctx.session.archive.db, input),
  'conversions:save': async (input, ctx) => saveConversion(ctx.session.archive.db, input),
  'conversions:delete': async (input, ctx) => deleteConversion(ctx.session.archive.db, input.id),
}
