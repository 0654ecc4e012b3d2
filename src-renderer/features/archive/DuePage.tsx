import { Alert, Badge, Chip, Group, MultiSelect, NumberInput, Pagination, Paper, Select, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { ASSET_KIND_LABELS } from '../../../src-main/contract/labels'
import { useCall } from '../../api/hooks'
import { ARCHIVE_TEXT } from './text'
import { ArchiveHeader, AssetLink, KindBadge, TextWithDates } from './ui'

const T = ARCHIVE_TEXT.due
const PAGE = 100
type Event = 'annuity' | 'expiry'
type PatentKind = 'invention' | 'utility' | 'design'

/** /archive/due — annuities and expiries of the university's valid patents in the next N days. */
export function DuePage() {
  const [days, setDays] = useState(90)
  const [events, setEvents] = useState<Event[]>(['annuity', 'expiry'])
  const [kinds, setKinds] = useState<PatentKind[]>([])
  const [college, setCollege] = useState<string | null>(null)
  const [page, setPage] = useState(1)
  const facets = useCall('archive:facets', {})
  const due = useCall('archive:due', {
    days,
    events: events.length ? events : ['annuity', 'expiry'],
    ...(kinds.length ? { kinds } : {}),
    ...(college ? { college } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  })
  const data = due.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  return (
    <Stack gap="sm">
      <ArchiveHeader title={T.title} />
      <Text size="sm" c="dimmed">
        {T.intro}
      </Text>
      <Group align="flex-end">
        <NumberInput
          label={T.days}
          w={110}
          min={1}
          max={730}
          value={days}
          onChange={(v) => {
            if (typeof v === 'number' && v >= 1 && v <= 730) {
              setDays(v)
              setPage(1)
            }
          }}
          data-autofocus
        />
        <Chip.Group multiple value={events} onChange={(v) => (setEvents(v as Event[]), setPage(1))}>
          <Group gap={6} pb={6}>
            <Chip value="annuity">{T.annuity}</Chip>
            <Chip value="expiry">{T.expiry}</Chip>
          </Group>
        </Chip.Group>
        <MultiSelect
          label={ARCHIVE_TEXT.browse.kinds}
          w={260}
          data={(['invention', 'utility', 'design'] as const).map((k) => ({ value: k, label: ASSET_KIND_LABELS[k] }))}
          value={kinds}
          onChange={(v) => (setKinds(v as PatentKind[]), setPage(1))}
          clearable
        />
        <Select label={ARCHIVE_TEXT.browse.college} data={facets.data?.colleges ?? []} value={college} onChange={(v) => (setCollege(v), setPage(1))} searchable clearable />
      </Group>
      {data && <Text size="sm">{T.window(data.from, data.to, data.total)}</Text>}
      {due.error && <Alert color="red">{due.error.message}</Alert>}
      {data && data.total === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{T.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table fz="sm" highlightOnHover data-testid="due-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={105}>{T.date}</Table.Th>
                <Table.Th w={80}>{T.events}</Table.Th>
                <Table.Th>{T.detail}</Table.Th>
                <Table.Th w={150}>{ARCHIVE_TEXT.browse.columns.appNo}</Table.Th>
                <Table.Th w={90}>{ARCHIVE_TEXT.browse.columns.kind}</Table.Th>
                <Table.Th>{ARCHIVE_TEXT.browse.columns.title}</Table.Th>
                <Table.Th w={150}>{ARCHIVE_TEXT.browse.columns.college}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((i) => (
                <Table.Tr key={`${i.assetId}-${i.event}-${i.date}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{i.date}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={i.event === 'annuity' ? 'blue' : 'red'}>
                      {i.event === 'annuity' ? T.annuity : T.expiry}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{i.event === 'annuity' ? <TextWithDates text={T.annuityLine(i.annuityYear ?? 0, i.graceEnd ?? '', data !== undefined && i.date < data.from)} /> : T.expiryLine}</Table.Td>
                  <Table.Td ff="monospace">{i.appNo}</Table.Td>
                  <Table.Td>
                    <KindBadge kind={i.kind} />
                  </Table.Td>
                  <Table.Td>
                    <AssetLink id={i.assetId}>{i.title}</AssetLink>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {i.inventors}
                    </Text>
                  </Table.Td>
                  <Table.Td>{i.college}</Table.Td>
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
    </Stack>
  )
}
