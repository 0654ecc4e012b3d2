import type { backupChannels } from '../contract/backup'
import type { HandlerMap } from '../ipc/context'

export const backupHandlers: HandlerMap<keyof typeof backupChannels & string> = {}
