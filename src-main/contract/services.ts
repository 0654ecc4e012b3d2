import type { ChannelMap } from './define'

// Channels of the services area. Each key is 'services:<verb>' (or another area prefix it owns).
export const servicesChannels = {} satisfies ChannelMap
