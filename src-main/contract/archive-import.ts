import type { ChannelMap } from './define'

// Channels of the archive's import side: patent lists, rosters, projects ('import:<verb>').
export const archiveImportChannels = {} satisfies ChannelMap
