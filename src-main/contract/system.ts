import { z } from 'zod'
import { channel } from './define'
import { empty, fileRef, jobId } from './common'

export const archiveCountsSchema = z.object({
  assets: z.number().int(),
  researchers: z.number().int(),
  projects: z.number().int(),
  services: z.number().int(),
  disclosures: z.number().int(),
  evaluations: z.number().int(),
})
export type ArchiveCounts = z.infer<typeof archiveCountsSchema>

export const transportKind = z.enum(['electron', 'web'])

export const systemInfoSchema = z.object({
  appVersion: z.string(),
  transport: transportKind,
  archiveFile: z.string(),
  schemaVersion: z.number().int(),
  counts: archiveCountsSchema,
  /** Result of the background quick_check of the open archive. */
  integrity: z.object({ state: z.enum(['checking', 'ok', 'failed']), message: z.string().nullable() }),
})
export type SystemInfo = z.infer<typeof systemInfoSchema>

export const systemChannels = {
  'system:info': channel(empty, systemInfoSchema),
  'system:stats': channel(empty, archiveCountsSchema),
  /** Fill the open archive with realistic demo data (refused if it already holds assets). */
  'demo:seed': channel(
    z.object({ jobId, scale: z.number().int().min(1).max(100).default(1) }).strict(),
    archiveCountsSchema,
    { job: true },
  ),
  'jobs:cancel': channel(z.object({ jobId }).strict(), z.object({ cancelled: z.boolean() })),
}

// Files never travel as paths chosen by the renderer: the main side hands out opaque references
// for files the user picked in a native dialog (Electron) or uploaded (web host), and for files it
// wrote itself (exports). Handlers resolve a reference; they never accept a path.
export const pickedFileSchema = z.object({ ref: fileRef, name: z.string(), size: z.number().int() })
export type PickedFile = z.infer<typeof pickedFileSchema>

export const fileChannels = {
  'files:pick': channel(
    z.object({ title: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9]+$/)).max(10) }).strict(),
    pickedFileSchema.nullable(),
  ),
  /** Offer a file IPDesk wrote (an export) to the user: Save-as dialog in Electron. */
  'files:deliver': channel(
    z.object({ ref: fileRef, suggestedName: z.string().min(1).max(200) }).strict(),
    z.object({ savedTo: z.string().nullable() }),
  ),
}
