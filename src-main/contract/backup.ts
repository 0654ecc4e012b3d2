import type { ChannelMap } from './define'

// Channels of the backup area. Each key is 'backup:<verb>' (or another area prefix it owns).
export const backupChannels = {} satisfies ChannelMap
