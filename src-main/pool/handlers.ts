import type { poolChannels } from '../contract/pool'
import type { HandlerMap } from '../ipc/context'

export const poolHandlers: HandlerMap<keyof typeof poolChannels & string> = {}
