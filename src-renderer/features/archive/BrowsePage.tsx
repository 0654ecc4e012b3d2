import {
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  MultiSelect,
  NumberInput,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core'
import { IconAdjustmentsHorizontal, IconArrowDown, IconArrowUp, IconDownload, IconSearch, IconSelector } from '@tabler/icons-react'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { AssetRow, AssetSearchInput, AssetSort } from '../../../src-main/contract/archive'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../../../src-main/contract/labels'
import type { AssetKind, StatusGroup } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { useCall, useJob } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { JobProgressModal } from '../../components/JobProgressModal'
import { ProjectPicker } from '../../components/ProjectPicker'
import { ResearcherPicker } from '../../components/ResearcherPicker'
import { EmptyArchive } from '../shell/EmptyArchive'
import { ARCHIVE_TEXT } from './text'
import { ArchiveHeader, KindBadge, StatusBadge } from './ui'
import { useSearchIndexReady } from './useSearchIndexReady'

const T = ARCHIVE_TEXT.browse
const PAGE = 50
const STORAGE_KEY = 'ipdesk.archive.browse'

interface Filters {
  kinds: AssetKind[]
  statusGroups: StatusGroup[]
  filingYearFrom: number | null
  filingYearTo: number | null
  grantYearFrom: number | null
  grantYearTo: number | null
  college: string | null
  discipline: string | null
  projectId: number | null
  researcherId: number | null
  owned: 'all' | 'yes' | 'no'
}
interface BrowseState {
  text: string
  q: string
  filters: Filters
  sort: AssetSort | null
  order: 'asc' | 'desc'
  page: number
  showFilters: boolean
}

const NO_FILTERS: Filters = {
  kinds: [],
  statusGroups: [],
  filingYearFrom: null,
  filingYearTo: null,
  grantYearFrom: null,
  grantYearTo: null,
  college: null,
  discipline: null,
  projectId: null,
  researcherId: null,
  owned: 'all',
}
const INITIAL: BrowseState = { text: '', q: '', filters: NO_FILTERS, sort: null, order: 'desc', page: 1, showFilters: false }

/** The search, filters and page survive opening an asset and coming back (this window's session). */
function stored(): BrowseState {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    if (!raw) return INITIAL
    const s = JSON.parse(raw) as Partial<BrowseState>
    return { ...INITIAL, ...s, filters: { ...NO_FILTERS, ...(s.filters ?? {}) } }
  } catch {
    return INITIAL
  }
}

function activeFilterCount(f: Filters): number {
  return (Object.keys(NO_FILTERS) as (keyof Filters)[]).filter((k) => JSON.stringify(f[k]) !== JSON.stringify(NO_FILTERS[k])).length
}

function toInput(s: BrowseState): AssetSearchInput {
  const f = s.filters
  const input: AssetSearchInput = { q: s.q, order: s.order, offset: (s.page - 1) * PAGE, limit: PAGE }
  if (s.sort) input.sort = s.sort
  if (f.kinds.length) input.kinds = f.kinds
  if (f.statusGroups.length) input.statusGroups = f.statusGroups
  if (f.filingYearFrom) input.filingYearFrom = f.filingYearFrom
  if (f.filingYearTo) input.filingYearTo = f.filingYearTo
  if (f.grantYearFrom) input.grantYearFrom = f.grantYearFrom
  if (f.grantYearTo) input.grantYearTo = f.grantYearTo
  if (f.college) input.college = f.college
  if (f.discipline) input.discipline = f.discipline
  if (f.projectId) input.projectId = f.projectId
  if (f.researcherId) input.researcherId = f.researcherId
  if (f.owned !== 'all') input.universityOwned = f.owned === 'yes'
  return input
}

const toData = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))
const yearInput = (v: string | number) => (typeof v === 'number' && Number.isInteger(v) ? v : null)

/** A filter's year range (申请年份, 授权年份); an end before the start can match nothing, and the field says so. */
function YearRange({ label, from, to, onFrom, onTo }: { label: string; from: number | null; to: number | null; onFrom: (year: number | null) => void; onTo: (year: number | null) => void }) {
  const reversed = from !== null && to !== null && from > to
  return (
    <Group grow gap={4} align="flex-end">
      <NumberInput label={label} placeholder={T.from} min={1985} max={2100} value={from ?? ''} onChange={(v) => onFrom(yearInput(v))} hideControls />
      <NumberInput aria-label={`${label}${T.to}`} placeholder={T.to} min={1985} max={2100} value={to ?? ''} onChange={(v) => onTo(yearInput(v))} error={reversed ? T.yearsReversed : undefined} hideControls />
    </Group>
  )
}

/** /archive: the one search box, filters and the sortable, paged list (or the empty state). */
export function BrowsePage() {
  const stats = useCall('system:stats', {})
  if (!stats.data) return null
  if (stats.data.assets === 0) return <EmptyArchive />
  return <Browse />
}

function Browse() {
  const { navigate } = useRouter()
  const [state, setState] = useState<BrowseState>(stored)
  const [active, setActive] = useState(0)
  const [tableFocused, setTableFocused] = useState(false)
  const tableRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const index = useSearchIndexReady()
  const result = useCall('archive:search', toInput(state), { enabled: index.ready })
  const facets = useCall('archive:facets', {})
  const exportJob = useJob()

  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state))
  }, [state])

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => setState((s) => ({ ...s, filters: { ...s.filters, [key]: value }, page: 1 }))
  const runSearch = () => {
    setState((s) => ({ ...s, q: s.text.trim(), page: 1 }))
    setActive(0)
  }
  const sortBy = (sort: AssetSort) =>
    setState((s) => ({ ...s, sort, order: s.sort === sort || (s.sort === null && sort === 'filing_date' && !s.q) ? (s.order === 'desc' ? 'asc' : 'desc') : sort === 'title' ? 'asc' : 'desc', page: 1 }))

  const data = result.data
  const items = data?.items ?? []
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  const appliedSort: AssetSort = data?.sort ?? state.sort ?? (state.q ? 'relevance' : 'filing_date')
  const filterCount = activeFilterCount(state.filters)
  const open = (row: AssetRow) => navigate(`/archive/assets/${row.id}`)
  const exportList = async () => {
    try {
      // The list as it stands — words, filters, order — every page of it.
      const { offset: _offset, limit: _limit, ...list } = toInput(state)
      const file = await exportJob.run('archive:exportXlsx', list)
      notifySuccess(T.exported(file.count))
      await api.deliverFile(file.ref, file.name)
    } catch (error) {
      notifyError(error)
    }
  }

  const onTableKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!items.length) return
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive((i) => Math.min(items.length - 1, i + 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      if (active === 0) searchRef.current?.focus()
      else setActive((i) => Math.max(0, i - 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const row = items[Math.min(active, items.length - 1)]
      if (row) open(row)
    } else if (event.key === 'PageDown' && state.page < pages) {
      event.preventDefault()
      setState((s) => ({ ...s, page: s.page + 1 }))
      setActive(0)
    } else if (event.key === 'PageUp' && state.page > 1) {
      event.preventDefault()
      setState((s) => ({ ...s, page: s.page - 1 }))
      setActive(0)
    }
  }

  const sortIcon = (sort: AssetSort) => {
    if (appliedSort !== sort) return <IconSelector size={14} />
    return state.order === 'asc' ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />
  }
  const sortHeader = (sort: AssetSort, label: string) => (
    <UnstyledButton onClick={() => sortBy(sort)} aria-label={`${T.sort}：${label}`}>
      <Group gap={4} wrap="nowrap">
        <Text fw={700} size="sm">
          {label}
        </Text>
        {sortIcon(sort)}
      </Group>
    </UnstyledButton>
  )

  return (
    <Stack gap="sm">
      <ArchiveHeader title={T.title} />
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <TextInput
          ref={searchRef}
          flex={1}
          data-autofocus
          autoFocus
          aria-label={T.search}
          placeholder={T.searchPlaceholder}
          leftSection={<IconSearch size={16} />}
          value={state.text}
          onChange={(e) => {
            const text = e.currentTarget.value
            setState((s) => ({ ...s, text }))
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              runSearch()
            } else if (e.key === 'ArrowDown' && items.length) {
              e.preventDefault()
              setActive(0)
              tableRef.current?.focus()
            }
          }}
          data-testid="archive-search"
        />
        <Button onClick={runSearch}>{T.search}</Button>
        <Button
          variant={state.showFilters ? 'light' : 'default'}
          leftSection={<IconAdjustmentsHorizontal size={16} />}
          rightSection={filterCount ? <Badge size="xs" circle>{filterCount}</Badge> : undefined}
          onClick={() => setState((s) => ({ ...s, showFilters: !s.showFilters }))}
        >
          {T.filters}
        </Button>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportList()} disabled={!data?.total} loading={exportJob.running}>
          {T.export}
        </Button>
      </Group>

      <Collapse expanded={state.showFilters}>
        <Paper withBorder p="sm">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <MultiSelect label={T.kinds} data={toData(ASSET_KIND_LABELS)} value={state.filters.kinds} onChange={(v) => setFilter('kinds', v as AssetKind[])} clearable />
            <MultiSelect
              label={T.status}
              data={toData(STATUS_GROUP_LABELS)}
              value={state.filters.statusGroups}
              onChange={(v) => setFilter('statusGroups', v as StatusGroup[])}
              clearable
            />
            <YearRange label={T.filingYears} from={state.filters.filingYearFrom} to={state.filters.filingYearTo} onFrom={(y) => setFilter('filingYearFrom', y)} onTo={(y) => setFilter('filingYearTo', y)} />
            <YearRange label={T.grantYears} from={state.filters.grantYearFrom} to={state.filters.grantYearTo} onFrom={(y) => setFilter('grantYearFrom', y)} onTo={(y) => setFilter('grantYearTo', y)} />
            <Select label={T.college} data={facets.data?.colleges ?? []} value={state.filters.college} onChange={(v) => setFilter('college', v)} searchable clearable />
            <Select
              label={T.discipline}
              data={(facets.data?.disciplines ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))}
              value={state.filters.discipline}
              onChange={(v) => setFilter('discipline', v)}
              searchable
              clearable
            />
            <ProjectPicker label={T.project} value={state.filters.projectId} onChange={(id) => setFilter('projectId', id)} />
            <ResearcherPicker label={T.researcher} value={state.filters.researcherId} onChange={(id) => setFilter('researcherId', id)} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {T.owned}
              </Text>
              <SegmentedControl
                value={state.filters.owned}
                onChange={(v) => setFilter('owned', v as Filters['owned'])}
                data={[
                  { value: 'all', label: T.ownedAll },
                  { value: 'yes', label: T.ownedYes },
                  { value: 'no', label: T.ownedNo },
                ]}
              />
            </Stack>
          </SimpleGrid>
          {filterCount > 0 && (
            <Group justify="flex-end" mt="xs">
              <Button variant="subtle" size="xs" onClick={() => setState((s) => ({ ...s, filters: NO_FILTERS, page: 1 }))}>
                {T.clearFilters}
              </Button>
            </Group>
          )}
        </Paper>
      </Collapse>

      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={500} data-testid="archive-total">
            {data ? T.total(data.total) : ARCHIVE_TEXT.common.loading}
          </Text>
          {data?.numberQuery && (
            <Badge variant="light" color="indigo">
              {T.numberQuery(data.numberQuery)}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {T.keyboardHint}
          </Text>
          <Select
            size="xs"
            w={150}
            aria-label={T.sort}
            value={`${appliedSort}:${state.order}`}
            onChange={(v) => {
              if (!v) return
              const [sort, order] = v.split(':') as [AssetSort, 'asc' | 'desc']
              setState((s) => ({ ...s, sort, order, page: 1 }))
            }}
            data={[
              ...(state.q ? [{ value: 'relevance:desc', label: '按相关度' }] : []),
              { value: 'filing_date:desc', label: '申请日 新→旧' },
              { value: 'filing_date:asc', label: '申请日 旧→新' },
              { value: 'grant_date:desc', label: '授权日 新→旧' },
              { value: 'grant_date:asc', label: '授权日 旧→新' },
              { value: 'title:asc', label: '名称 A→Z' },
              { value: 'title:desc', label: '名称 Z→A' },
            ]}
          />
        </Group>
      </Group>
      {data?.notice && <Alert color="orange">{data.notice}</Alert>}
      {state.q && data && state.sort === null && data.sort === 'filing_date' && data.total > 0 && (
        <Text size="xs" c="dimmed">
          {T.sortedByDate}
        </Text>
      )}
      {result.error && <Alert color="red">{result.error.message}</Alert>}

      {data && data.total === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text fw={500}>{T.noResults}</Text>
          <Text size="sm" c="dimmed">
            {T.noResultsHint}
          </Text>
        </Paper>
      ) : (
        <Paper
          withBorder
          ref={tableRef}
          tabIndex={0}
          onKeyDown={onTableKey}
          onFocus={() => setTableFocused(true)}
          onBlur={() => setTableFocused(false)}
          aria-label={T.title}
          style={{ outline: 'none', overflowX: 'auto' }} data-testid="archive-results">
          <Table highlightOnHover striped={false} verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{T.columns.appNo}</Table.Th>
                <Table.Th w={125}>{T.columns.kind}</Table.Th>
                <Table.Th>{sortHeader('title', T.columns.title)}</Table.Th>
                <Table.Th w={170}>{T.columns.inventors}</Table.Th>
                <Table.Th w={105}>{sortHeader('filing_date', T.columns.filingDate)}</Table.Th>
                <Table.Th w={105}>{sortHeader('grant_date', T.columns.grantDate)}</Table.Th>
                <Table.Th w={150}>{T.columns.status}</Table.Th>
                <Table.Th w={150}>{T.columns.college}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((row, i) => (
                <Table.Tr
                  key={row.id}
                  onClick={() => open(row)}
                  style={{ cursor: 'pointer' }}
                  bg={i === active && tableFocused ? 'var(--mantine-color-indigo-light)' : undefined}
                  aria-selected={i === active}
                  data-testid="archive-row"
                >
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {row.appNo}
                  </Table.Td>
                  <Table.Td>
                    <KindBadge kind={row.kind} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {row.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} title={row.inventors}>
                      {row.inventors || ARCHIVE_TEXT.common.none}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.filingDate ?? ARCHIVE_TEXT.common.none}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.grantDate ?? ARCHIVE_TEXT.common.none}</Table.Td>
                  <Table.Td>
                    <StatusBadge group={row.statusGroup} event={row.statusEvent} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {row.college || ARCHIVE_TEXT.common.none}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <JobProgressModal title={T.indexing} running={index.job.running} progress={index.job.progress} onCancel={index.job.cancel} />
      <JobProgressModal title={T.exporting} running={exportJob.running} progress={exportJob.progress} onCancel={exportJob.cancel} />
      {data && pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={state.page}
            onChange={(page) => {
              setState((s) => ({ ...s, page }))
              setActive(0)
            }}
            siblings={2}
          />
        </Group>
      )}
    </Stack>
  )
}
