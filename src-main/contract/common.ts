import { z } from 'zod'

// Small schemas shared by several areas. Limits are generous for real data but bounded, so a
// hostile payload cannot make a handler allocate without limit.

/** A day the calendar has: 2024-02-29 is one, 2023-02-29 and 2018-02-30 are not. */
function isCalendarDay(text: string): boolean {
  // Not in the YYYY-MM-DD form: the format's own message says so.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return true
  const [y, m, d] = text.split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d))
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isCalendarDay, '没有这一天（如 2 月 30 日）：请核对日期')
export const optionalIsoDate = isoDate.nullable().optional()
export const shortText = z.string().max(500)
export const longText = z.string().max(20_000)
export const id = z.number().int().positive()
export const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/)
export const fileRef = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/)
export const empty = z.object({}).strict()
export const okOutput = z.object({ ok: z.literal(true) })

export const page = z.object({
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
})
