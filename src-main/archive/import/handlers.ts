import type { archiveImportChannels } from '../../contract/archive-import'
import type { HandlerMap } from '../../ipc/context'

export const archiveImportHandlers: HandlerMap<keyof typeof archiveImportChannels & string> = {}
