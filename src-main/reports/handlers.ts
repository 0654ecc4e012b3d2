import type { reportsChannels } from '../contract/reports'
import type { HandlerMap } from '../ipc/context'

export const reportsHandlers: HandlerMap<keyof typeof reportsChannels & string> = {}
