import type { archiveChannels } from '../contract/archive'
import type { HandlerMap } from '../ipc/context'
import { archiveFacets } from './facets'
import { getProject, saveProject, searchProjects } from './projects'
import { getResearcher, saveResearcher, searchResearchers } from './researchers'
import { assetRowsByIds, searchAssets } from './search'

export const archiveHandlers: HandlerMap<keyof typeof archiveChannels & string> = {
  'researchers:search': async (input, ctx) => searchResearchers(ctx.session.archive.db, input),
  'researchers:get': async (input, ctx) => getResearcher(ctx.session.archive.db, input.id),
  'researchers:save': async (input, ctx) => saveResearcher(ctx.session.archive.db, input),
  'projects:search': async (input, ctx) => searchProjects(ctx.session.archive.db, input),
  'projects:get': async (input, ctx) => getProject(ctx.session.archive.db, input.id),
  'projects:save': async (input, ctx) => saveProject(ctx.session.archive.db, input),
  'archive:search': async (input, ctx) => searchAssets(ctx.session.archive.db, input),
  'archive:brief': async (input, ctx) => assetRowsByIds(ctx.session.archive.db, input.ids),
  'archive:facets': async (_input, ctx) => archiveFacets(ctx.session.archive.db),
}
