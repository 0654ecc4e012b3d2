import type { z } from 'zod'

/** One request/response channel: what the caller sends and what it gets back. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** Long work: the input carries a `jobId`, the handler reports progress and honours cancel. */
  job?: boolean
}

export function channel<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  options: { job?: boolean } = {},
): ChannelSpec<I, O> {
  return { input, output, ...options }
}

export type ChannelMap = Record<string, ChannelSpec>
