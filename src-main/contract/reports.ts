import type { ChannelMap } from './define'

// Channels of the reports area. Each key is 'reports:<verb>' (or another area prefix it owns).
export const reportsChannels = {} satisfies ChannelMap
