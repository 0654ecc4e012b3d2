import { Alert, Button, Code, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFilterOff, IconShieldCheck } from '@tabler/icons-react'
import { Fragment, useState } from 'react'
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type AuditChainReport, type AuditQuery, type AuditRow } from '../../../src-main/contract/backup'
import { useCall, useJob } from '../../api/hooks'
import { notifyError } from '../../components/errors'
import { JobProgressModal } from '../../components/JobProgressModal'
import { AUDIT_TEXT as T } from './text'

const PAGE = 50

interface Filters {
  range: [string | null, string | null]
  operator: string | null
  action: string | null
  entity: string | null
  entityId: string
}
const NONE: Filters = { range: [null, null], operator: null, action: null, entity: null, entityId: '' }

const actionLabel = (code: string) => AUDIT_ACTION_LABELS[code] ?? code
const entityLabel = (code: string) => AUDIT_ENTITY_LABELS[code] ?? code

function parse(json: string | null): unknown {
  if (json === null) return undefined
  try {
    return JSON.parse(json) as unknown
  } catch {
    return json
  }
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? '' : text.length > 24 ? `${text.slice(0, 24)}…` : text
}

/** One line for the table: what changed, key by key. */
export function summarize(row: AuditRow): string {
  const before = parse(row.before)
  const after = parse(row.after)
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {}
    const a = isObject(after) ? after : {}
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    const name = (k: string) => T.fields[k] ?? k
    const parts = keys.slice(0, 3).map((k) => (k in b && k in a ? `${name(k)}：${short(b[k])} → ${short(a[k])}` : k in a ? `${name(k)}：${short(a[k])}` : `${name(k)}：${short(b[k])}（已删除）`))
    return parts.join('；') + (keys.length > 3 ? `；等 ${keys.length} 项` : '')
  }
  return [before, after].filter((v) => v !== undefined).map(short).join(' → ')
}

function Json({ label, json }: { label: string; json: string | null }) {
  const value = parse(json)
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }}>
        {value === undefined ? T.none : JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  )
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(NONE)
  const [page, setPage] = useState(1)
  const [open, setOpen] = useState<number | null>(null)
  const [chain, setChain] = useState<AuditChainReport | null>(null)
  const [entityId] = useDebouncedValue(filters.entityId.trim(), 300)
  const facets = useCall('audit:facets', {})
  const job = useJob()

  const query: AuditQuery = { offset: (page - 1) * PAGE, limit: PAGE }
  if (filters.range[0]) query.from = filters.range[0]
  if (filters.range[1]) query.to = filters.range[1]
  if (filters.operator) query.operator = filters.operator
  if (filters.action) query.action = filters.action
  if (filters.entity) query.entity = filters.entity
  if (entityId) query.entityId = entityId.slice(0, 100)
  const list = useCall('audit:list', query)
  const rows = list.data?.rows ?? []
  const total = list.data?.total ?? 0
  const filtered = filters !== NONE && JSON.stringify(filters) !== JSON.stringify(NONE)

  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }))
    setPage(1)
    setOpen(null)
  }

  const verify = async () => {
    try {
      setChain(await job.run('audit:verify', {}))
    } catch (error) {
      notifyError(error)
    }
  }

  return (
    <Stack maw={1200}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{T.title}</Title>
          <Text c="dimmed" size="sm">
            {T.intro}
          </Text>
        </Stack>
        <Button variant="light" leftSection={<IconShieldCheck size={18} />} onClick={verify} loading={job.running}>
          {T.verify}
        </Button>
      </Group>

      {chain && (
        <Alert color={chain.ok ? 'teal' : 'red'} icon={<IconShieldCheck />} data-testid="audit-chain-result">
          {chain.message}
        </Alert>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, lg: 5 }}>
          <DatePickerInput
            type="range"
            label={T.filters.dates}
            placeholder={T.filters.datesPlaceholder}
            value={filters.range}
            onChange={(value) => update({ range: [value[0] || null, value[1] || null] })}
            valueFormat="YYYY-MM-DD"
            clearable
            allowSingleDateInRange
            data-autofocus
          />
          <Select label={T.filters.operator} placeholder={T.filters.any} data={facets.data?.operators ?? []} value={filters.operator} onChange={(v) => update({ operator: v })} clearable searchable />
          <Select
            label={T.filters.action}
            placeholder={T.filters.any}
            data={(facets.data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
            value={filters.action}
            onChange={(v) => update({ action: v })}
            clearable
          />
          <Select
            label={T.filters.entity}
            placeholder={T.filters.any}
            data={(facets.data?.entities ?? []).map((e) => ({ value: e, label: entityLabel(e) }))}
            value={filters.entity}
            onChange={(v) => update({ entity: v })}
            clearable
          />
          <TextInput label={T.filters.entityId} value={filters.entityId} onChange={(e) => update({ entityId: e.currentTarget.value })} maxLength={100} />
        </SimpleGrid>
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" data-testid="audit-total">
            {T.total(total)}
          </Text>
          <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={() => update(NONE)} disabled={!filtered}>
            {T.filters.clear}
          </Button>
        </Group>
      </Paper>

      <Paper withBorder>
        {list.data && rows.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="audit-empty">
            {filtered ? T.empty : T.emptyLog}
          </Text>
        ) : (
          <Table highlightOnHover data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{T.columns.id}</Table.Th>
                <Table.Th w={170}>{T.columns.at}</Table.Th>
                <Table.Th w={110}>{T.columns.operator}</Table.Th>
                <Table.Th w={100}>{T.columns.action}</Table.Th>
                <Table.Th w={110}>{T.columns.entity}</Table.Th>
                <Table.Th w={90}>{T.columns.entityId}</Table.Th>
                <Table.Th>{T.columns.summary}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Fragment key={row.id}>
                  <Table.Tr
                    data-testid="audit-row"
                    style={{ cursor: 'pointer' }}
                    tabIndex={0}
                    onClick={() => setOpen(open === row.id ? null : row.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault()
                        setOpen(open === row.id ? null : row.id)
                      }
                    }}
                  >
                    <Table.Td>{row.id}</Table.Td>
                    <Table.Td>{new Date(row.at).toLocaleString('zh-CN', { hour12: false })}</Table.Td>
                    <Table.Td>{row.operator}</Table.Td>
                    <Table.Td>{actionLabel(row.action)}</Table.Td>
                    <Table.Td>{entityLabel(row.entity)}</Table.Td>
                    <Table.Td>{row.entityId ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1}>
                        {summarize(row)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {open === row.id && (
                    <Table.Tr>
                      <Table.Td colSpan={7} bg="gray.0">
                        <SimpleGrid cols={2} data-testid="audit-detail">
                          <Json label={T.before} json={row.before} />
                          <Json label={T.after} json={row.after} />
                        </SimpleGrid>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {total > PAGE && (
        <Group justify="center">
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={(p) => { setPage(p); setOpen(null) }} />
        </Group>
      )}
      <JobProgressModal title={T.verifying} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
