import type { ChannelMap } from './define'

// Channels of the pool area. Each key is 'pool:<verb>' (or another area prefix it owns).
export const poolChannels = {} satisfies ChannelMap
