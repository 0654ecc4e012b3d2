import { z } from 'zod'
import { jobId } from './common'

// Main → renderer events. Separate from the request channels: nothing is awaited, nothing returns.

export const jobProgressSchema = z.object({
  jobId,
  /** Short Chinese label of the current step, e.g. 读取文件 / 校验 / 写入档案. */
  phase: z.string(),
  done: z.number().int().min(0),
  /** 0 when the total is not known yet. */
  total: z.number().int().min(0),
})
export type JobProgress = z.infer<typeof jobProgressSchema>

export const events = {
  'job:progress': jobProgressSchema,
  /** The open archive changed as a whole (another file opened, demo data loaded, restore). */
  'archive:changed': z.object({ archiveFile: z.string(), reason: z.enum(['opened', 'created', 'seeded', 'restored', 'imported']) }),
  /** The background quick_check of the open archive finished (see db/integrity.ts). */
  'archive:integrity': z.object({ archiveFile: z.string(), state: z.enum(['ok', 'failed']), message: z.string().nullable() }),
  /** The application menu asks the renderer to show a page. */
  'menu:navigate': z.object({ to: z.string().max(200) }),
}
export type EventMap = typeof events
export type EventName = keyof EventMap
export type EventPayload<E extends EventName> = z.infer<EventMap[E]>
export const EVENT_NAMES = Object.keys(events) as EventName[]

/** The single IPC channel events travel on from main to the renderer (Electron transport). */
export const EVENT_CHANNEL = 'ipdesk:event'
