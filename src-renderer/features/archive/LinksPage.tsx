import { Alert, Button, Checkbox, Group, Modal, Pagination, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconChecks, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { CandidateLine, LinkActions, ResearcherLine } from './InventorLinks'
import { ARCHIVE_TEXT } from './text'
import { ArchiveHeader, AssetLink, KindBadge, LinkStateBadge } from './ui'

const T = ARCHIVE_TEXT.links
const PAGE = 30

type View = 'all' | 'ambiguous' | 'suggested'

/** /archive/links — ambiguous (namesakes) and suggested links waiting for a librarian; bulk confirm. */
export function LinksPage() {
  const [view, setView] = useState<View>('all')
  const [name, setName] = useState('')
  const [q] = useDebouncedValue(name, 250)
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [confirmAll, setConfirmAll] = useState(false)
  const [busy, setBusy] = useState(false)
  const states = view === 'all' ? (['ambiguous', 'suggested'] as const) : ([view] as const)
  const queue = useCall('links:queue', { states: [...states], q: q.trim(), offset: (page - 1) * PAGE, limit: PAGE })
  const data = queue.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  const keyOf = (i: { assetId: number; rank: number }) => `${i.assetId}:${i.rank}`
  const suggestedOnPage = (data?.items ?? []).filter((i) => i.linkState === 'suggested')

  const { invalidate } = useArchiveVersion()
  // Every view of the archive follows a link's change: this queue, the tab's count, the researchers' portfolios.
  const changed = () => {
    setSelected(new Set())
    invalidate()
  }
  const bulk = async (items?: { assetId: number; rank: number }[]) => {
    setBusy(true)
    try {
      // Every suggested link the queue shows: its name filter applies (the button counts what it shows).
      const r = await api.call('links:confirmSuggested', items ? { items } : { all: true, q: q.trim() })
      notifySuccess(T.bulkDone(r.confirmed))
      changed()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
      setConfirmAll(false)
    }
  }

  return (
    <Stack gap="sm">
      <ArchiveHeader
        title={T.title}
        actions={
          // Only once the counts are those of the filter as typed: the button says how many it confirms.
          data && !queue.loading && data.counts.suggested > 0 ? (
            <Button leftSection={<IconChecks size={16} />} onClick={() => setConfirmAll(true)} loading={busy}>
              {T.bulkConfirm(data.counts.suggested, q.trim())}
            </Button>
          ) : undefined
        }
      />
      <Text size="sm" c="dimmed">
        {T.intro}
      </Text>
      <Group justify="space-between">
        <Group>
          <SegmentedControl
            value={view}
            onChange={(v) => {
              setView(v as View)
              setPage(1)
            }}
            data={[
              { value: 'all', label: `全部 ${data ? data.counts.ambiguous + data.counts.suggested : ''}` },
              { value: 'ambiguous', label: `同名待定 ${data?.counts.ambiguous ?? ''}` },
              { value: 'suggested', label: `待确认 ${data?.counts.suggested ?? ''}` },
            ]}
          />
          <TextInput
            placeholder={T.filterName}
            aria-label={T.filterName}
            leftSection={<IconSearch size={14} />}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value)
              setPage(1)
            }}
          />
        </Group>
        {selected.size > 0 && (
          <Button variant="light" onClick={() => bulk([...selected].map((k) => ({ assetId: Number(k.split(':')[0]), rank: Number(k.split(':')[1]) })))} loading={busy}>
            {T.bulkConfirmSelected(selected.size)}
          </Button>
        )}
      </Group>
      {queue.error && <Alert color="red">{queue.error.message}</Alert>}
      {data && data.items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{T.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table fz="sm" verticalSpacing={8} data-testid="links-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="选择本页全部待确认关联"
                    checked={suggestedOnPage.length > 0 && suggestedOnPage.every((i) => selected.has(keyOf(i)))}
                    onChange={(e) => {
                      const next = new Set(selected)
                      for (const i of suggestedOnPage) {
                        if (e.currentTarget.checked) next.add(keyOf(i))
                        else next.delete(keyOf(i))
                      }
                      setSelected(next)
                    }}
                  />
                </Table.Th>
                <Table.Th w={100}>{T.state}</Table.Th>
                <Table.Th w={130}>{T.inventor}</Table.Th>
                <Table.Th w="34%">{T.asset}</Table.Th>
                <Table.Th>{T.researcherCol}</Table.Th>
                <Table.Th w={200} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((item) => (
                <Table.Tr key={keyOf(item)} data-testid="link-row">
                  <Table.Td>
                    {item.linkState === 'suggested' && (
                      <Checkbox
                        aria-label={`选择 ${item.rawName}`}
                        checked={selected.has(keyOf(item))}
                        onChange={(e) => {
                          const next = new Set(selected)
                          if (e.currentTarget.checked) next.add(keyOf(item))
                          else next.delete(keyOf(item))
                          setSelected(next)
                        }}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <LinkStateBadge state={item.linkState} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {item.rawName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {T.rank(item.rank)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <KindBadge kind={item.asset.kind} />
                      <AssetLink id={item.assetId}>
                        <Text size="sm" lineClamp={1} span>
                          {item.asset.title}
                        </Text>
                      </AssetLink>
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {item.asset.appNo} · {item.asset.filingDate ?? ''} · {item.asset.college || item.asset.applicants} · 发明人：{item.asset.inventors}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {item.researcher && <ResearcherLine r={item.researcher} />}
                      {item.linkState === 'ambiguous' &&
                        item.candidates.map((c) => <CandidateLine key={c.id} assetId={item.assetId} rank={item.rank} candidate={c} onChanged={changed} />)}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <LinkActions
                      assetId={item.assetId}
                      link={{ rank: item.rank, rawName: item.rawName, linkState: item.linkState, researcherId: item.researcher?.id ?? null, candidates: item.candidates }}
                      onChanged={changed}
                      compact
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} />
        </Group>
      )}
      <Modal opened={confirmAll} onClose={() => setConfirmAll(false)} title={T.confirmAllTitle(q.trim())} centered>
        <Stack>
          <Text size="sm">{T.confirmAllBody(data?.counts.suggested ?? 0, q.trim())}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmAll(false)}>
              {ARCHIVE_TEXT.common.cancel}
            </Button>
            <Button data-autofocus onClick={() => bulk()} loading={busy}>
              {ARCHIVE_TEXT.common.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
