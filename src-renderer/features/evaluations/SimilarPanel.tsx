import { Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { SimilarResult } from '../../../src-main/contract/evaluations'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../../../src-main/contract/labels'
import type { AssetKind, StatusGroup } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.similar

/** Follows the title and summary as they are typed (debounced) and asks the archive what it already holds. */
export function useSimilar(title: string, text: string): { result: SimilarResult | null; loading: boolean } {
  // Each answer is kept with the request it answers: while newer text waits for its answer, the older
  // one stays on screen (marked loading) rather than flickering away.
  const key = JSON.stringify([title.slice(0, 300), text.slice(0, 20_000)])
  const [answer, setAnswer] = useState<{ key: string; result: SimilarResult | null } | null>(null)
  useEffect(() => {
    const [t, x] = JSON.parse(key) as [string, string]
    if (!t.trim()) return
    let live = true
    const timer = setTimeout(() => {
      api.call('evaluations:similar', { title: t, text: x, limit: 8 }).then(
        (r) => live && setAnswer({ key, result: r }),
        () => live && setAnswer({ key, result: null }),
      )
    }, 500)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [key])
  if (!title.trim()) return { result: null, loading: false }
  return { result: answer?.result ?? null, loading: answer?.key !== key }
}

function Highlighted({ title, terms }: { title: string; terms: string[] }) {
  if (!terms.length) return <>{title}</>
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi')
  return (
    <>
      {title.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <Text span key={i} fw={700} c="indigo.8">
            {part}
          </Text>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  )
}

export function SimilarPanel({ title, result, loading }: { title: string; result: SimilarResult | null; loading: boolean }) {
  return (
    <Paper withBorder p="md" data-testid="similar-panel">
      <Group justify="space-between" mb={4}>
        <Title order={5}>{T.title}</Title>
        {loading ? <Loader size="xs" /> : null}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {T.hint}
      </Text>
      {!title.trim() ? (
        <Text size="sm" c="dimmed">
          {T.empty}
        </Text>
      ) : result && !result.assets.length ? (
        <Text size="sm" c="dimmed">
          {T.none}
        </Text>
      ) : (
        <Stack gap="xs">
          {result?.assets.map((a) => (
            <div key={a.id} data-testid="similar-asset">
              <Text size="sm" lh={1.35}>
                <Highlighted title={a.title} terms={a.matched} />
              </Text>
              <Group gap={6} mt={2}>
                <Badge size="xs" variant="light">
                  {ASSET_KIND_LABELS[a.kind as AssetKind] ?? a.kind}
                </Badge>
                <Text size="xs" c="dimmed">
                  {a.appNo} · {a.filingDate ?? '—'} · {STATUS_GROUP_LABELS[a.statusGroup as StatusGroup] ?? a.statusGroup}
                  {a.ipcMain ? ` · ${a.ipcMain}` : ''}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {a.college ? `${a.college} · ` : ''}
                {T.score(a.score)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
