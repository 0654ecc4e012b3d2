import type { servicesChannels } from '../contract/services'
import type { HandlerMap } from '../ipc/context'

export const servicesHandlers: HandlerMap<keyof typeof servicesChannels & string> = {}
