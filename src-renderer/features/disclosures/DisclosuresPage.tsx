import { Button, Group, Pagination, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFileDownload, IconPlus, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import type { DisclosureListInput } from '../../../src-main/contract/disclosures'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError } from '../../components/errors'
import { ResearcherPicker } from '../../components/ResearcherPicker'
import { CountsBadges, periodLabel, StatusBadge } from './badges'
import { DateField } from './DateField'
import { DISCLOSURES_TEXT } from './text'

const T = DISCLOSURES_TEXT.list
const PAGE = 50

export async function downloadTemplate(): Promise<void> {
  try {
    const out = await api.call('disclosures:template', {})
    await api.deliverFile(out.ref, out.name)
  } catch (error) {
    notifyError(error)
  }
}

/** History: every verification, searchable, newest first. */
export function DisclosuresPage() {
  const { navigate } = useRouter()
  const [q, setQ] = useState('')
  const [debouncedQ] = useDebouncedValue(q, 250)
  const [status, setStatus] = useState<'all' | 'draft' | 'signed'>('all')
  const [researcherId, setResearcherId] = useState<number | null>(null)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [page, setPage] = useState(1)
  const input: DisclosureListInput = {
    q: debouncedQ.trim(),
    offset: (page - 1) * PAGE,
    limit: PAGE,
    ...(status === 'all' ? {} : { status }),
    ...(researcherId ? { researcherId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  }
  const list = useCall('disclosures:list', input)
  const filtered = q !== '' || status !== 'all' || researcherId !== null || from !== '' || to !== ''
  const total = list.data?.total ?? 0
  const reset = (fn: () => void) => {
    fn()
    setPage(1)
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{DISCLOSURES_TEXT.title}</Title>
          <Text c="dimmed" size="sm">
            {DISCLOSURES_TEXT.subtitle}
          </Text>
        </div>
        <Group>
          <Button variant="default" leftSection={<IconFileDownload size={16} />} onClick={() => void downloadTemplate()}>
            {T.template}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/disclosures/new')} data-testid="disclosure-new">
            {T.new}
          </Button>
        </Group>
      </Group>

      <Paper withBorder p="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={T.search}
            placeholder={T.searchHint}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => reset(() => setQ(e.currentTarget.value))}
            w={260}
            data-testid="disclosure-search"
          />
          <ResearcherPicker label={T.researcher} value={researcherId} onChange={(id) => reset(() => setResearcherId(id))} clearable w={260} />
          <DateField label={T.from} value={from} onChange={(v) => reset(() => setFrom(v))} w={150} />
          <DateField label={T.to} value={to} onChange={(v) => reset(() => setTo(v))} w={150} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {T.status}
            </Text>
            <SegmentedControl
              value={status}
              onChange={(v) => reset(() => setStatus(v as typeof status))}
              data={[
                { value: 'all', label: T.all },
                { value: 'draft', label: '待签发' },
                { value: 'signed', label: '已签发' },
              ]}
            />
          </Stack>
          <Button
            variant="subtle"
            disabled={!filtered}
            onClick={() =>
              reset(() => {
                setQ('')
                setStatus('all')
                setResearcherId(null)
                setFrom('')
                setTo('')
              })
            }
          >
            {T.clear}
          </Button>
        </Group>
      </Paper>

      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.data && total === 0 && (
        <Paper withBorder p="xl" data-testid="disclosures-empty">
          <Stack gap="xs" maw={640}>
            <Title order={4}>{filtered ? T.noMatch : T.empty}</Title>
            <Text c="dimmed">{filtered ? T.noMatchHint : T.emptyHint}</Text>
            {!filtered && (
              <Group mt="sm">
                <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/disclosures/new')}>
                  {T.new}
                </Button>
                <Button variant="default" leftSection={<IconFileDownload size={16} />} onClick={() => void downloadTemplate()}>
                  {T.template}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
      {list.data && total > 0 && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" data-testid="disclosures-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.columns.date}</Table.Th>
                <Table.Th>{T.columns.researcher}</Table.Th>
                <Table.Th>{T.columns.purpose}</Table.Th>
                <Table.Th>{T.columns.period}</Table.Th>
                <Table.Th>{T.columns.items}</Table.Th>
                <Table.Th>{T.columns.result}</Table.Th>
                <Table.Th>{T.columns.status}</Table.Th>
                <Table.Th>{T.columns.no}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((d) => (
                <Table.Tr
                  key={d.id}
                  style={{ cursor: 'pointer' }}
                  tabIndex={0}
                  onClick={() => navigate(`/disclosures/${d.id}`)}
                  onKeyDown={(e) => e.key === 'Enter' && navigate(`/disclosures/${d.id}`)}
                >
                  <Table.Td>{d.signedOn ?? d.createdAt.slice(0, 10)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {d.researcher.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {d.researcher.staffNo} · {d.researcher.college}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.purpose}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{periodLabel(d.periodFrom, d.periodTo)}</Text>
                  </Table.Td>
                  <Table.Td>{d.counts.total}</Table.Td>
                  <Table.Td>
                    <CountsBadges counts={d.counts} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={d.status} />
                  </Table.Td>
                  <Table.Td>{d.certificateNo ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {total > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="disclosures-total">
            {T.total(total)}
          </Text>
          {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
        </Group>
      )}
    </Stack>
  )
}
