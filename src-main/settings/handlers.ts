import type { settingsChannels } from '../contract/settings'
import type { HandlerMap } from '../ipc/context'
import { getSettings, updateSettings } from './service'

export const settingsHandlers: HandlerMap<keyof typeof settingsChannels> = {
  'settings:get': async (_input, ctx) => getSettings(ctx.session.archive.db),
  'settings:update': async (input, ctx) => updateSettings(ctx.session.archive.db, input),
}
