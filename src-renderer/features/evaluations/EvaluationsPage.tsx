import { Anchor, Badge, Button, Group, Kbd, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconAdjustments, IconFileSpreadsheet, IconPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { EVALUATION_STATUSES, evaluationNumber, type EvaluationStatusCode, type LinkSuggestion } from '../../../src-main/contract/evaluations'
import { EVALUATION_ROUTE_LABELS, EVALUATION_STATUS_LABELS } from '../../../src-main/contract/labels'
import { api } from '../../api/client'
import { useArchiveVersion, useCall, useJob } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { JobProgressModal } from '../../components/JobProgressModal'
import { notifyError, notifySuccess } from '../../components/errors'
import { EVAL_TEXT } from './text'
import { STATUS_COLORS } from './WorkflowPanel'

const T = EVAL_TEXT

function LinkSuggestions() {
  const { invalidate } = useArchiveVersion()
  const suggestions = useCall('evaluations:linkSuggestions', { evaluationId: null, limit: 20 })
  const accept = async (s: LinkSuggestion) => {
    try {
      await api.call('evaluations:linkFiling', { id: s.evaluationId, appNo: s.asset.appNo })
      notifySuccess(T.suggestions.accepted(s.asset.appNo))
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }
  const dismiss = async (s: LinkSuggestion) => {
    try {
      await api.call('evaluations:dismissSuggestion', { evaluationId: s.evaluationId, assetId: s.asset.id })
      suggestions.reload()
    } catch (error) {
      notifyError(error)
    }
  }
  if (!suggestions.data?.length) return null
  return (
    <Paper withBorder p="md" bg="yellow.0" data-testid="link-suggestions">
      <Title order={4}>{T.suggestions.title}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {T.suggestions.hint}
      </Text>
      <Stack gap="xs">
        {suggestions.data.map((s) => (
          <Group key={`${s.evaluationId}-${s.asset.id}`} justify="space-between" wrap="nowrap" align="flex-start" data-testid="link-suggestion">
            <div>
              <Text size="sm">
                <Text span c="dimmed">
                  {evaluationNumber({ id: s.evaluationId, evaluatedOn: s.evaluatedOn })}
                </Text>{' '}
                {s.evaluationTitle} → <b>{s.asset.appNo}</b> {s.asset.title}
              </Text>
              <Text size="xs" c="dimmed">
                {T.suggestions.filedOn(s.asset.filingDate)} · {T.suggestions.shared(s.sharedInventors)} · {T.suggestions.similarity(s.titleSimilarity)}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" onClick={() => void accept(s)}>
                {T.suggestions.accept}
              </Button>
              <Button size="xs" variant="default" onClick={() => void dismiss(s)}>
                {T.suggestions.dismiss}
              </Button>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  )
}

export function EvaluationsPage() {
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<EvaluationStatusCode | null>(null)
  const [year, setYear] = useState<number | null>(null)
  const list = useCall('evaluations:list', { query, status, year, limit: 200 })
  const job = useJob()
  const thisYear = new Date().getFullYear()
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i)

  const create = async () => {
    try {
      const { id } = await api.call('evaluations:create', { title: '' })
      invalidate()
      navigate(`/evaluations/${id}`)
    } catch (error) {
      notifyError(error)
    }
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return
      if (event.key.toLowerCase() === 'n' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault()
        void create()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
    // create only navigates; it needs no fresh closure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const exportList = async () => {
    try {
      const file = await job.run('evaluations:exportList', { year })
      notifySuccess(T.exported(file.rows))
      await api.deliverFile(file.ref, file.name)
    } catch (error) {
      notifyError(error)
    }
  }

  const filtered = query.trim() !== '' || status !== null || year !== null
  const rows = list.data?.rows ?? []
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{T.title}</Title>
          <Text size="sm" c="dimmed">
            {T.subtitle}
          </Text>
        </div>
        <Group gap="xs">
          <Anchor size="sm" onClick={() => navigate('/evaluations/template')}>
            <Group gap={4}>
              <IconAdjustments size={16} />
              {T.templateLink}
            </Group>
          </Anchor>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportList()}>
            {T.exportList}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => void create()} rightSection={<Kbd size="xs">{T.newShortcut}</Kbd>}>
            {T.newEvaluation}
          </Button>
        </Group>
      </Group>

      <LinkSuggestions />

      <Group gap="sm">
        <TextInput leftSection={<IconSearch size={16} />} placeholder={T.search} aria-label={T.search} value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={320} />
        <Select
          aria-label={T.columns.status}
          placeholder={T.allStatuses}
          clearable
          value={status}
          onChange={(v) => setStatus((v as EvaluationStatusCode | null) ?? null)}
          data={EVALUATION_STATUSES.map((s) => ({ value: s, label: EVALUATION_STATUS_LABELS[s] }))}
          w={140}
        />
        <Select
          aria-label={T.exportYear}
          placeholder={T.allYears}
          clearable
          value={year === null ? null : String(year)}
          onChange={(v) => setYear(v ? Number(v) : null)}
          data={years.map((y) => ({ value: String(y), label: `${y} 年` }))}
          w={140}
        />
        <Text size="sm" c="dimmed">
          {list.data ? T.listTotal(list.data.total) : ''}
        </Text>
      </Group>

      {list.data && !rows.length ? (
        <Paper withBorder p="xl" data-testid="evaluations-empty">
          <Title order={4}>{filtered ? T.empty.noMatch : T.empty.title}</Title>
          {!filtered ? (
            <>
              <Text c="dimmed" mt="xs" mb="md">
                {T.empty.body}
              </Text>
              <Button leftSection={<IconPlus size={16} />} onClick={() => void create()}>
                {T.newEvaluation}
              </Button>
            </>
          ) : null}
        </Paper>
      ) : (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" data-testid="evaluations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{T.columns.number}</Table.Th>
                <Table.Th>{T.columns.title}</Table.Th>
                <Table.Th w={180}>{T.columns.inventors}</Table.Th>
                <Table.Th w={110}>{T.columns.evaluatedOn}</Table.Th>
                <Table.Th w={70}>{T.columns.total}</Table.Th>
                <Table.Th w={60}>{T.columns.grade}</Table.Th>
                <Table.Th w={120}>{T.columns.recommendation}</Table.Th>
                <Table.Th w={90}>{T.columns.status}</Table.Th>
                <Table.Th w={150}>{T.columns.filed}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr
                  key={r.id}
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/evaluations/${r.id}`)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') navigate(`/evaluations/${r.id}`)
                  }}
                >
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {evaluationNumber(r)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} c={r.title ? undefined : 'dimmed'}>
                      {r.title || T.untitled}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {r.inventors}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.evaluatedOn}</Table.Td>
                  <Table.Td>{r.total ?? '—'}</Table.Td>
                  <Table.Td>{r.grade ?? '—'}</Table.Td>
                  <Table.Td>{r.status === 'decided' && r.decision ? EVALUATION_ROUTE_LABELS[r.decision] : r.recommendation ? EVALUATION_ROUTE_LABELS[r.recommendation] : '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[r.status]} variant="light">
                      {EVALUATION_STATUS_LABELS[r.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.filedAppNo ?? ''}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <JobProgressModal title={T.exporting} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
