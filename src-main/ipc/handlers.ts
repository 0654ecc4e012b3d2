import type { ChannelName } from '../contract/channels'
import type { HandlerMap } from './context'
import { systemHandlers } from '../system/handlers'
import { settingsHandlers } from '../settings/handlers'
import { archiveHandlers } from '../archive/handlers'
import { archiveImportHandlers } from '../archive/import/handlers'
import { servicesHandlers } from '../services/handlers'
import { disclosuresHandlers } from '../disclosures/handlers'
import { evaluationsHandlers } from '../evaluations/handlers'
import { reportsHandlers } from '../reports/handlers'
import { poolHandlers } from '../pool/handlers'
import { backupHandlers } from '../backup/handlers'

/** Every channel's handler. The type makes a missing handler a compile error. */
export const handlers: HandlerMap<ChannelName> = {
  ...systemHandlers,
  ...settingsHandlers,
  ...archiveHandlers,
  ...archiveImportHandlers,
  ...servicesHandlers,
  ...disclosuresHandlers,
  ...evaluationsHandlers,
  ...reportsHandlers,
  ...poolHandlers,
  ...backupHandlers,
}
