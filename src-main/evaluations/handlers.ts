import type { evaluationsChannels } from '../contract/evaluations'
import type { HandlerMap } from '../ipc/context'

export const evaluationsHandlers: HandlerMap<keyof typeof evaluationsChannels & string> = {}
