import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-main/contract/channels'
import type { JobProgress } from '../../src-main/contract/events'
import { api, ApiError, newJobId } from './client'

/**
 * Bumped whenever the archive may have changed (another file opened, demo data loaded, a save), so
 * every `useCall` on screen reloads without each page wiring its own refresh.
 */
export const ArchiveVersionContext = createContext<{ version: number; invalidate: () => void }>({ version: 0, invalidate: () => {} })

export function useArchiveVersion() {
  return useContext(ArchiveVersionContext)
}

export interface CallState<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
}

interface Loaded<T> {
  /** Which request this answer belongs to; `loading` is "the answer is for an older request". */
  request: string
  data: T | undefined
  error: ApiError | null
}

/** Load a channel's output for the given input; reloads when the input or the archive changes. */
export function useCall<C extends ChannelName>(channel: C, input: ChannelInput<C>, options: { enabled?: boolean } = {}): CallState<ChannelOutput<C>> {
  const { version } = useArchiveVersion()
  const [tick, setTick] = useState(0)
  const key = JSON.stringify(input)
  const enabled = options.enabled ?? true
  const request = `${channel}|${key}|${version}|${tick}`
  const [loaded, setLoaded] = useState<Loaded<ChannelOutput<C>>>({ request: '', data: undefined, error: null })
  useEffect(() => {
    if (!enabled) return
    let live = true
    api.call(channel, JSON.parse(key) as ChannelInput<C>).then(
      (data) => live && setLoaded({ request, data, error: null }),
      (error: unknown) =>
        live &&
        setLoaded((s) => ({ request, data: s.data, error: error instanceof ApiError ? error : new ApiError({ code: 'internal', message: String(error) }) })),
    )
    return () => {
      live = false
    }
  }, [channel, key, request, enabled])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data: loaded.data, error: loaded.error, loading: enabled && loaded.request !== request, reload }
}

type JobInput<C extends ChannelName> = Omit<ChannelInput<C>, 'jobId'>

/** Run a long channel (input with a jobId) and follow its progress events; cancel is one call. */
export function useJob() {
  const [progress, setProgress] = useState<JobProgress | null>(null)
  const [running, setRunning] = useState(false)
  const jobRef = useRef<string | null>(null)

  useEffect(
    () =>
      api.on('job:progress', (p) => {
        if (p.jobId === jobRef.current) setProgress(p)
      }),
    [],
  )

  const run = useCallback(async <C extends ChannelName>(channel: C, input: JobInput<C>): Promise<ChannelOutput<C>> => {
    const jobId = newJobId()
    jobRef.current = jobId
    setProgress({ jobId, phase: '准备中', done: 0, total: 0 })
    setRunning(true)
    try {
      return await api.call(channel, { ...input, jobId } as ChannelInput<C>)
    } finally {
      jobRef.current = null
      setRunning(false)
      setProgress(null)
    }
  }, [])

  const cancel = useCallback(() => {
    if (jobRef.current) void api.call('jobs:cancel', { jobId: jobRef.current })
  }, [])

  return { run, running, progress, cancel }
}
