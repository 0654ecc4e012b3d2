import { Anchor, Badge, Button, Checkbox, Group, Pagination, Paper, Stack, Table, Text, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconStackPush, IconTags } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { ASSET_KIND_LABELS } from '../../../src-main/contract/labels'
import type { InventoryFilters, InventoryRow } from '../../../src-main/contract/pool'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { AddToPoolModal } from './AddToPoolModal'
import { GradeBadge, StateBadge } from './badges'
import { GradeModal, type GradeTarget } from './GradeModal'
import { InventoryFiltersBar } from './InventoryFilters'
import { PoolHeader } from './PoolHeader'
import { POOL_TEXT as T } from './text'

const PAGE = 50

export function PatentCell({ row }: { row: Pick<InventoryRow, 'id' | 'patentNo' | 'title'> }) {
  const { navigate } = useRouter()
  return (
    <Stack gap={0}>
      <Text size="xs" ff="monospace" c="dimmed">
        {row.patentNo}
      </Text>
      <Anchor size="sm" onClick={() => navigate(`/pool/assets/${row.id}`)} lineClamp={2}>
        {row.title}
      </Anchor>
    </Stack>
  )
}

export function AnnuityCell({ row }: { row: InventoryRow }) {
  if (!row.annuities.length) return <Text size="sm" c="dimmed">{T.none}</Text>
  return (
    <Stack gap={0}>
      {row.annuities.map((a) => (
        <Text key={a.year} size="xs">
          {T.inventory.dueOn(a.dueDate, T.yuan(a.yuan))}
        </Text>
      ))}
    </Stack>
  )
}

export function InventoryPage() {
  const { invalidate } = useArchiveVersion()
  const [filters, setFilters] = useState<InventoryFilters>({})
  const [q, setQ] = useState('')
  const [debouncedQ] = useDebouncedValue(q, 250)
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [gradeTarget, setGradeTarget] = useState<GradeTarget | null>(null)
  const [addIds, setAddIds] = useState<number[] | null>(null)

  const effective = useMemo<InventoryFilters>(() => (debouncedQ.trim() ? { ...filters, q: debouncedQ.trim() } : filters), [filters, debouncedQ])
  const facets = useCall('pool:facets', {})
  const list = useCall('pool:inventory', { filters: effective, offset: (page - 1) * PAGE, limit: PAGE })

  const changeFilters = (next: InventoryFilters) => {
    setFilters(next)
    setPage(1)
    setSelected(new Set())
  }
  const changeQ = (next: string) => {
    setQ(next)
    setPage(1)
    setSelected(new Set())
  }
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const rows = list.data?.items ?? []
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id))
  const togglePage = () =>
    setSelected((s) => {
      const next = new Set(s)
      for (const r of rows) {
        if (allOnPage) next.delete(r.id)
        else next.add(r.id)
      }
      return next
    })
  const done = () => {
    setGradeTarget(null)
    setAddIds(null)
    setSelected(new Set())
    invalidate()
  }
  const total = list.data?.total ?? 0
  const filtered = q.trim() !== '' || Object.keys(filters).length > 0

  return (
    <Stack>
      <PoolHeader />
      <InventoryFiltersBar value={filters} q={q} onQ={changeQ} onChange={changeFilters} facets={facets.data} />
      <Group justify="space-between">
        <Group gap="xs">
          <Text size="sm" fw={500} data-testid="inventory-total">
            {T.total(total)}
          </Text>
          {selected.size > 0 && (
            <Text size="sm" c="dimmed">
              {T.selected(selected.size)}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconTags size={14} />} disabled={!selected.size} onClick={() => setGradeTarget({ kind: 'ids', ids: [...selected] })}>
            {T.inventory.gradeSelected(selected.size)}
          </Button>
          <Button size="xs" variant="default" disabled={!total || !filtered} onClick={() => setGradeTarget({ kind: 'filters', filters: effective, total })}>
            {T.inventory.gradeAll(total)}
          </Button>
          <Button size="xs" leftSection={<IconStackPush size={14} />} disabled={!selected.size} onClick={() => setAddIds([...selected])}>
            {T.inventory.addSelected(selected.size)}
          </Button>
        </Group>
      </Group>
      {list.data && (
        <Text size="xs" c="dimmed">
          {T.inventory.asOf(list.data.asOf, list.data.annuityWindow.from, list.data.annuityWindow.to)}
        </Text>
      )}

      {list.data && !rows.length ? (
        <Paper withBorder p="xl" data-testid="inventory-empty">
          <Text c="dimmed">{filtered ? T.inventory.noMatch : T.inventory.emptyArchive}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" data-testid="inventory-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox aria-label={T.inventory.selectPage} checked={allOnPage} onChange={togglePage} />
                </Table.Th>
                <Table.Th>{T.columns.patent}</Table.Th>
                <Table.Th w={80}>{T.columns.kind}</Table.Th>
                <Table.Th w={150}>{T.columns.college}</Table.Th>
                <Table.Th w={120}>{T.columns.ipc}</Table.Th>
                <Table.Th w={100}>
                  <Tooltip label={T.inventory.stateHelp} multiline maw={360} withinPortal>
                    <span>{T.columns.state} ⓘ</span>
                  </Tooltip>
                </Table.Th>
                <Table.Th w={70}>{T.columns.fiscal}</Table.Th>
                <Table.Th w={100}>{T.columns.remaining}</Table.Th>
                <Table.Th w={160}>{T.columns.annuities}</Table.Th>
                <Table.Th w={110}>{T.columns.grade}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="inventory-row" bg={selected.has(row.id) ? 'indigo.0' : undefined}>
                  <Table.Td>
                    <Checkbox aria-label={`选择 ${row.patentNo}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                  </Table.Td>
                  <Table.Td>
                    <PatentCell row={row} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{ASSET_KIND_LABELS[row.kind]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.college || T.none}</Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {row.disciplines}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={row.ipcClassTitle ?? ''} disabled={!row.ipcClassTitle} withinPortal multiline maw={300}>
                      <Text size="xs" ff="monospace">
                        {row.ipcMain ?? T.none}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={row.state} />
                    {row.everConverted && row.state === 'none' && (
                      <Text size="xs" c="dimmed">
                        {T.inventory.everConverted}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.fiscalFunded ? T.yes : T.no}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.remainingText}</Text>
                  </Table.Td>
                  <Table.Td>
                    <AnnuityCell row={row} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <GradeBadge grade={row.grade} />
                      {row.inPool && (
                        <Badge size="xs" variant="dot" color="indigo">
                          {T.inventory.inPool}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      <GradeModal target={gradeTarget} onClose={() => setGradeTarget(null)} onDone={done} />
      <AddToPoolModal ids={addIds} onClose={() => setAddIds(null)} onDone={done} />
    </Stack>
  )
}
