import type { z } from 'zod'
import type { ChannelSpec } from './define'
import { settingsChannels } from './settings'
import { fileChannels, systemChannels } from './system'
import { archiveChannels } from './archive'
import { archiveImportChannels } from './archive-import'
import { servicesChannels } from './services'
import { disclosuresChannels } from './disclosures'
import { evaluationsChannels } from './evaluations'
import { reportsChannels } from './reports'
import { poolChannels } from './pool'
import { backupChannels } from './backup'

/**
 * The one contract: every request channel of IPDesk. Handlers (main), the preload bridge and the
 * renderer client are all typed from this object, so a channel cannot exist on one side only.
 */
export const channels = {
  ...systemChannels,
  ...fileChannels,
  ...settingsChannels,
  ...archiveChannels,
  ...archiveImportChannels,
  ...servicesChannels,
  ...disclosuresChannels,
  ...evaluationsChannels,
  ...reportsChannels,
  ...poolChannels,
  ...backupChannels,
}

export type Channels = typeof channels
export type ChannelName = keyof Channels & string
/** What a caller may send (before zod defaults apply). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
/** What a handler receives (after parsing and defaults). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>

export const CHANNEL_NAMES = Object.keys(channels).sort() as ChannelName[]

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name)
}

export function getChannel(name: ChannelName): ChannelSpec {
  return channels[name] as ChannelSpec
}
