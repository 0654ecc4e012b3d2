import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useArchiveVersion, useJob } from '../../api/hooks'
import { notifyError } from '../../components/errors'

/** Above this many queued assets (a big import), the index is built as a job with progress and cancel. */
const REINDEX_AS_JOB = 5000

/**
 * After a big import the search index has many assets to catch up on. Build it as a visible job first, so
 * the first search does not sit silently for seconds; small queues are indexed by the search itself.
 */
export function useSearchIndexReady() {
  const { version } = useArchiveVersion()
  const job = useJob()
  const [readyFor, setReadyFor] = useState<number | null>(null)
  const { run } = job
  useEffect(() => {
    let live = true
    api
      .call('archive:indexStatus', {})
      .then(async (status) => {
        if (status.pending > REINDEX_AS_JOB) await run('archive:reindex', {})
      })
      .catch(notifyError)
      .finally(() => live && setReadyFor(version))
    return () => {
      live = false
    }
  }, [version, run])
  return { ready: readyFor === version, job }
}
