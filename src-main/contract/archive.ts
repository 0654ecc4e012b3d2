import type { ChannelMap } from './define'

// Channels of the archive area. Each key is 'archive:<verb>' (or another area prefix it owns).
export const archiveChannels = {} satisfies ChannelMap
