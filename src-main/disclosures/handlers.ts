import type { disclosuresChannels } from '../contract/disclosures'
import type { HandlerMap } from '../ipc/context'

export const disclosuresHandlers: HandlerMap<keyof typeof disclosuresChannels & string> = {}
