import { Autocomplete, Button, Group, MultiSelect, Pagination, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconDownload, IconPencilPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, SERVICE_KIND_LABELS } from '../../../src-main/contract/labels'
import type { RequesterTypeCode, ServiceChannelCode, ServiceFilters, ServiceKindCode } from '../../../src-main/contract/services'
import { api } from '../../api/client'
import { useCall, useJob } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { JobProgressModal } from '../../components/JobProgressModal'
import { EmptyNotice } from './EmptyNotice'
import { IsoDateInput } from './fields'
import { ServicesHeader } from './ServicesHeader'
import { ServiceTable } from './ServiceTable'
import { SERVICES_TEXT } from './text'

const T = SERVICES_TEXT.ledger
const PAGE = 50
const STORAGE_KEY = 'ipdesk.services.filters'

interface FilterState {
  from: string | null
  to: string | null
  kinds: ServiceKindCode[]
  channels: ServiceChannelCode[]
  requesterTypes: RequesterTypeCode[]
  topic: string | null
  college: string
  staff: string
  q: string
}
const NO_FILTERS: FilterState = { from: null, to: null, kinds: [], channels: [], requesterTypes: [], topic: null, college: '', staff: '', q: '' }

const toData = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

/** Filters survive opening a record and coming back (for this window's session). */
function storedFilters(): FilterState {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    return raw ? { ...NO_FILTERS, ...(JSON.parse(raw) as Partial<FilterState>) } : NO_FILTERS
  } catch {
    return NO_FILTERS
  }
}

function toContract(f: FilterState, q: string): ServiceFilters {
  const out: ServiceFilters = { q: q.trim() }
  if (f.from) out.from = f.from
  if (f.to) out.to = f.to
  if (f.kinds.length) out.kinds = f.kinds
  if (f.channels.length) out.channels = f.channels
  if (f.requesterTypes.length) out.requesterTypes = f.requesterTypes
  if (f.topic) out.topic = f.topic
  if (f.college.trim()) out.college = f.college.trim()
  if (f.staff.trim()) out.staff = f.staff.trim()
  return out
}

export function LedgerPage() {
  const { navigate } = useRouter()
  const [filters, setFilters] = useState<FilterState>(storedFilters)
  const [page, setPage] = useState(1)
  const [q] = useDebouncedValue(filters.q, 250)
  const [college] = useDebouncedValue(filters.college, 250)
  const [staff] = useDebouncedValue(filters.staff, 250)
  const contract = toContract({ ...filters, college, staff }, q)
  const list = useCall('services:list', { ...contract, offset: (page - 1) * PAGE, limit: PAGE })
  const options = useCall('services:options', {})
  const job = useJob()

  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(filters))
  }, [filters])

  const set = <K extends keyof FilterState>(key: K, value: FilterState[K]) => {
    setFilters((f) => ({ ...f, [key]: value }))
    setPage(1)
  }
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)

  const exportLedger = async () => {
    try {
      const out = await job.run('services:export', contract)
      await api.deliverFile(out.ref, out.name)
      notifySuccess(T.exported(out.rows))
    } catch (error) {
      notifyError(error)
    }
  }

  const total = list.data?.total ?? 0
  return (
    <Stack>
      <ServicesHeader active="ledger" />
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, md: 4, lg: 5 }} spacing="xs">
            <TextInput
              label={T.search}
              placeholder={T.searchHint}
              leftSection={<IconSearch size={16} />}
              value={filters.q}
              onChange={(e) => set('q', e.currentTarget.value)}
              data-testid="ledger-search"
            />
            <IsoDateInput label={T.from} value={filters.from} onChange={(v) => set('from', v)} clearable testId="ledger-from" />
            <IsoDateInput label={T.to} value={filters.to} onChange={(v) => set('to', v)} clearable testId="ledger-to" />
            <MultiSelect label={T.kinds} data={toData(SERVICE_KIND_LABELS)} value={filters.kinds} onChange={(v) => set('kinds', v as ServiceKindCode[])} clearable searchable selectFirstOptionOnChange />
            <MultiSelect label={T.channels} data={toData(SERVICE_CHANNEL_LABELS)} value={filters.channels} onChange={(v) => set('channels', v as ServiceChannelCode[])} clearable searchable selectFirstOptionOnChange />
            <MultiSelect
              label={T.requesterTypes}
              data={toData(REQUESTER_TYPE_LABELS)}
              value={filters.requesterTypes}
              onChange={(v) => set('requesterTypes', v as RequesterTypeCode[])}
              clearable
              searchable
              selectFirstOptionOnChange
            />
            <Select label={T.topic} data={options.data?.topics ?? []} value={filters.topic} onChange={(v) => set('topic', v)} searchable clearable />
            <Autocomplete label={T.college} data={options.data?.colleges ?? []} value={filters.college} onChange={(v) => set('college', v)} limit={12} />
            <Autocomplete label={T.staff} data={options.data?.staff ?? []} value={filters.staff} onChange={(v) => set('staff', v)} />
            <Group align="flex-end" gap="xs">
              <Button variant="subtle" disabled={!filtered} onClick={() => {
                  setFilters(NO_FILTERS)
                  setPage(1)
                }}>
                {T.clear}
              </Button>
            </Group>
          </SimpleGrid>
        </Stack>
      </Paper>

      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="ledger-total">
          {list.data ? T.total(total) : ''}
        </Text>
        <Group>
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportLedger()} disabled={!total}>
            {T.export}
          </Button>
          <Button leftSection={<IconPencilPlus size={16} />} onClick={() => navigate('/services/new')}>
            {SERVICES_TEXT.tabs.entry}
          </Button>
        </Group>
      </Group>

      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.data && total === 0 && (filtered ? <EmptyNotice title={T.noMatch} body={T.noMatchHint} /> : <EmptyNotice title={T.empty} body={T.emptyHint} />)}
      {list.data && total > 0 && (
        <Paper withBorder>
          <ServiceTable rows={list.data.items} />
        </Paper>
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      <JobProgressModal title={T.exporting} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
