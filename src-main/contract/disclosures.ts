import type { ChannelMap } from './define'

// Channels of the disclosures area. Each key is 'disclosures:<verb>' (or another area prefix it owns).
export const disclosuresChannels = {} satisfies ChannelMap
