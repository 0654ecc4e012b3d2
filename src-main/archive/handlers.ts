import type { archiveChannels } from '../contract/archive'
import type { HandlerMap } from '../ipc/context'

export const archiveHandlers: HandlerMap<keyof typeof archiveChannels & string> = {}
