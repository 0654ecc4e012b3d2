import type { ChannelMap } from './define'

// Channels of the evaluations area. Each key is 'evaluations:<verb>' (or another area prefix it owns).
export const evaluationsChannels = {} satisfies ChannelMap
