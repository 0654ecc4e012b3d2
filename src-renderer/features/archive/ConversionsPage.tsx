import { Alert, Button, Group, MultiSelect, NumberInput, Pagination, Paper, SegmentedControl, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { ConversionRecord } from '../../../src-main/contract/archive'
import { CONVERSION_KIND_LABELS } from '../../../src-main/contract/labels'
import type { ConversionKind } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { ConversionFormModal } from './ConversionForm'
import { ARCHIVE_TEXT } from './text'
import { ArchiveHeader, AssetLink, KindBadge, yuanToWan } from './ui'

const T = ARCHIVE_TEXT.conversions
const PAGE = 50
const yearOf = (v: string | number) => (typeof v === 'number' && Number.isInteger(v) ? v : null)

/** /archive/conversions — every 转化运用 record with filters and totals (万元). */
export function ConversionsPage() {
  const [text, setText] = useState('')
  const [q] = useDebouncedValue(text, 250)
  const [kinds, setKinds] = useState<ConversionKind[]>([])
  const [yearFrom, setYearFrom] = useState<number | null>(null)
  const [yearTo, setYearTo] = useState<number | null>(null)
  const [recorded, setRecorded] = useState<'all' | 'yes' | 'no'>('all')
  const [page, setPage] = useState(1)
  const [editing, setEditing] = useState<ConversionRecord | 'new' | null>(null)
  const list = useCall('conversions:list', {
    q: q.trim(),
    ...(kinds.length ? { kinds } : {}),
    ...(yearFrom ? { yearFrom } : {}),
    ...(yearTo ? { yearTo } : {}),
    ...(recorded !== 'all' ? { recorded: recorded === 'yes' } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  })
  const data = list.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  const remove = async (c: ConversionRecord) => {
    if (!window.confirm(T.deleteConfirm)) return
    try {
      await api.call('conversions:delete', { id: c.id })
      notifySuccess(T.deleted)
      list.reload()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <Stack gap="sm">
      <ArchiveHeader
        title={T.title}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {T.add}
          </Button>
        }
      />
      <Group align="flex-end">
        <TextInput w={280} label={T.search} leftSection={<IconSearch size={14} />} value={text} onChange={(e) => (setText(e.currentTarget.value), setPage(1))} data-autofocus />
        <MultiSelect label={T.kind} w={260} data={Object.entries(CONVERSION_KIND_LABELS).map(([value, label]) => ({ value, label }))} value={kinds} onChange={(v) => (setKinds(v as ConversionKind[]), setPage(1))} clearable />
        <Group gap={4} align="flex-end">
          <NumberInput label={T.years} placeholder="从" w={80} hideControls value={yearFrom ?? ''} onChange={(v) => (setYearFrom(yearOf(v)), setPage(1))} />
          <NumberInput aria-label={`${T.years}到`} placeholder="到" w={80} hideControls value={yearTo ?? ''} onChange={(v) => (setYearTo(yearOf(v)), setPage(1))} />
        </Group>
        <SegmentedControl
          value={recorded}
          onChange={(v) => (setRecorded(v as typeof recorded), setPage(1))}
          data={[
            { value: 'all', label: T.all },
            { value: 'yes', label: T.yes },
            { value: 'no', label: T.no },
          ]}
        />
      </Group>
      {data && <Text size="sm">{T.sums(data.total, yuanToWan(data.contractYuan), yuanToWan(data.receivedYuan))}</Text>}
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {data && data.total === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{T.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table fz="sm" highlightOnHover data-testid="conversions-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={105}>{T.contractDate}</Table.Th>
                <Table.Th w={110}>{T.kind}</Table.Th>
                <Table.Th>{T.asset}</Table.Th>
                <Table.Th>{T.counterparty}</Table.Th>
                <Table.Th ta="right">{T.contractAmount}</Table.Th>
                <Table.Th ta="right">{T.receivedAmount}</Table.Th>
                <Table.Th w={60}>{T.recordedShort}</Table.Th>
                <Table.Th w={80} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.contractDate ?? ARCHIVE_TEXT.common.none}</Table.Td>
                  <Table.Td>
                    {CONVERSION_KIND_LABELS[c.kind]}
                    {c.stage ? (c.stage === 'published' ? '·声明' : '·实施') : ''}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <KindBadge kind={c.asset.kind} />
                      <AssetLink id={c.assetId}>
                        <Text size="sm" lineClamp={1} span>
                          {c.asset.title}
                        </Text>
                      </AssetLink>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {c.asset.appNo} {c.asset.college}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.counterparty || ARCHIVE_TEXT.common.none}</Table.Td>
                  <Table.Td ta="right">{yuanToWan(c.contractAmountYuan)}</Table.Td>
                  <Table.Td ta="right">{yuanToWan(c.receivedAmountYuan)}</Table.Td>
                  <Table.Td>{c.recorded ? '是' : '否'}</Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label={T.edit}>
                        <Button size="compact-xs" variant="subtle" aria-label={T.edit} onClick={() => setEditing(c)}>
                          <IconPencil size={14} />
                        </Button>
                      </Tooltip>
                      <Tooltip label={T.delete}>
                        <Button size="compact-xs" variant="subtle" color="red" aria-label={T.delete} onClick={() => remove(c)}>
                          <IconTrash size={14} />
                        </Button>
                      </Tooltip>
                    </Group>
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
      <ConversionFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        existing={editing === 'new' ? null : editing}
        assetId={null}
        onSaved={() => {
          setEditing(null)
          list.reload()
        }}
      />
    </Stack>
  )
}
