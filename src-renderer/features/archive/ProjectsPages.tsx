import { Alert, Badge, Button, Checkbox, Group, Modal, Pagination, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowLeft, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import type { ProjectRecord } from '../../../src-main/contract/archive'
import { PROJECT_LEVEL_LABELS } from '../../../src-main/contract/labels'
import type { ProjectLevel } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { ResearcherPicker } from '../../components/ResearcherPicker'
import { ARCHIVE_TEXT } from './text'
import { ArchiveHeader, AssetLink, KindBadge, RouteLink, StatusBadge } from './ui'

const T = ARCHIVE_TEXT.projects
const PAGE = 50
const DATE = /^\d{4}-\d{2}-\d{2}$/

function FiscalBadge({ fiscal }: { fiscal: boolean }) {
  return (
    <Badge size="sm" variant="light" color={fiscal ? 'teal' : 'gray'}>
      {fiscal ? T.fiscalYes : T.fiscalNo}
    </Badge>
  )
}

/** /archive/projects — research projects: search, level and fiscal-funding filters. */
export function ProjectsPage() {
  const { navigate } = useRouter()
  const [text, setText] = useState('')
  const [q] = useDebouncedValue(text, 200)
  const [level, setLevel] = useState<ProjectLevel | null>(null)
  const [fiscal, setFiscal] = useState<'all' | 'yes' | 'no'>('all')
  const [page, setPage] = useState(1)
  const [adding, setAdding] = useState(false)
  const list = useCall('projects:search', {
    q: q.trim(),
    ...(level ? { level } : {}),
    ...(fiscal !== 'all' ? { fiscalFunded: fiscal === 'yes' } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  })
  const data = list.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  return (
    <Stack gap="sm">
      <ArchiveHeader
        title={T.title}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {T.add}
          </Button>
        }
      />
      <Group>
        <TextInput data-autofocus autoFocus w={320} placeholder={T.search} aria-label={T.search} leftSection={<IconSearch size={14} />} value={text} onChange={(e) => (setText(e.currentTarget.value), setPage(1))} />
        <Select
          placeholder={T.level}
          aria-label={T.level}
          data={Object.entries(PROJECT_LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
          value={level}
          onChange={(v) => (setLevel(v as ProjectLevel | null), setPage(1))}
          clearable
          w={140}
        />
        <SegmentedControl
          value={fiscal}
          onChange={(v) => (setFiscal(v as typeof fiscal), setPage(1))}
          data={[
            { value: 'all', label: T.all },
            { value: 'yes', label: T.fiscalYes },
            { value: 'no', label: T.fiscalNo },
          ]}
        />
        {data && <Text size="sm">共 {data.total.toLocaleString('zh-CN')} 项</Text>}
      </Group>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {data && data.total === 0 && !q && !level && fiscal === 'all' ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{T.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table highlightOnHover fz="sm" data-testid="projects-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.projectNo}</Table.Th>
                <Table.Th>{T.name}</Table.Th>
                <Table.Th>{T.funder}</Table.Th>
                <Table.Th>{T.level}</Table.Th>
                <Table.Th>{T.fiscal}</Table.Th>
                <Table.Th>{T.period}</Table.Th>
                <Table.Th>{T.pi}</Table.Th>
                <Table.Th ta="right">{T.assets}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((p) => (
                <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/archive/projects/${p.id}`)}>
                  <Table.Td ff="monospace">{p.projectNo}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.funder}</Table.Td>
                  <Table.Td>{PROJECT_LEVEL_LABELS[p.level]}</Table.Td>
                  <Table.Td>
                    <FiscalBadge fiscal={p.fiscalFunded} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {p.startDate ?? ''} ~ {p.endDate ?? ''}
                  </Table.Td>
                  <Table.Td>{p.piName ?? ''}</Table.Td>
                  <Table.Td ta="right">{p.assetCount}</Table.Td>
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
      <ProjectFormModal
        opened={adding}
        existing={null}
        onClose={() => setAdding(false)}
        onSaved={(p) => {
          setAdding(false)
          navigate(`/archive/projects/${p.id}`)
        }}
      />
    </Stack>
  )
}

interface FormValues {
  projectNo: string
  name: string
  funder: string
  level: ProjectLevel
  fiscalFunded: boolean
  startDate: string
  endDate: string
  piResearcherId: number | null
  note: string
}

function ProjectFormModal({ opened, existing, onClose, onSaved }: { opened: boolean; existing: ProjectRecord | null; onClose: () => void; onSaved: (p: ProjectRecord) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={existing ? `编辑项目：${existing.projectNo}` : T.add} size="lg" centered>
      {opened && <ProjectForm existing={existing} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  )
}

function ProjectForm({ existing, onCancel, onSaved }: { existing: ProjectRecord | null; onCancel: () => void; onSaved: (p: ProjectRecord) => void }) {
  const [saving, setSaving] = useState(false)
  const dateRule = (v: string) => (v === '' || DATE.test(v) ? null : '日期格式应为 YYYY-MM-DD')
  const form = useForm<FormValues>({
    initialValues: {
      projectNo: existing?.projectNo ?? '',
      name: existing?.name ?? '',
      funder: existing?.funder ?? '',
      level: existing?.level ?? 'other',
      fiscalFunded: existing?.fiscalFunded ?? false,
      startDate: existing?.startDate ?? '',
      endDate: existing?.endDate ?? '',
      piResearcherId: existing?.piResearcherId ?? null,
      note: existing?.note ?? '',
    },
    validate: {
      projectNo: (v) => (v.trim() ? null : '请填写项目编号'),
      name: (v) => (v.trim() ? null : '请填写项目名称'),
      startDate: dateRule,
      endDate: (v, values) => dateRule(v) ?? (v && values.startDate && v < values.startDate ? '结束日期早于开始日期' : null),
    },
  })
  const submit = form.onSubmit(async (v) => {
    setSaving(true)
    try {
      const saved = await api.call('projects:save', {
        ...(existing ? { id: existing.id } : {}),
        ...v,
        startDate: v.startDate || null,
        endDate: v.endDate || null,
      })
      notifySuccess(T.saved)
      onSaved(saved)
    } catch (error) {
      notifyError(error)
    } finally {
      setSaving(false)
    }
  })
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={T.projectNo} required data-autofocus {...form.getInputProps('projectNo')} />
          <Select label={T.level} data={Object.entries(PROJECT_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('level')} />
        </SimpleGrid>
        <TextInput label={T.name} required {...form.getInputProps('name')} />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={T.funder} {...form.getInputProps('funder')} />
          <Checkbox mt="lg" label={T.fiscalYes} {...form.getInputProps('fiscalFunded', { type: 'checkbox' })} />
          <TextInput label={T.startDate} placeholder="YYYY-MM-DD" {...form.getInputProps('startDate')} />
          <TextInput label={T.endDate} placeholder="YYYY-MM-DD" {...form.getInputProps('endDate')} />
        </SimpleGrid>
        <ResearcherPicker label={T.pi} value={form.values.piResearcherId} onChange={(id) => form.setFieldValue('piResearcherId', id)} />
        <Textarea label={T.note} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {ARCHIVE_TEXT.common.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {ARCHIVE_TEXT.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** /archive/projects/:id — the project, whether it was fiscally funded, and the IP it produced. */
export function ProjectPage({ id }: { id: number }) {
  const { navigate } = useRouter()
  const project = useCall('projects:get', { id })
  const assets = useCall('archive:search', { projectId: id, limit: 200 })
  const [editing, setEditing] = useState(false)
  const p = project.data
  if (project.error) {
    return (
      <Stack>
        <ArchiveHeader title={T.title} />
        <Alert color="red">{project.error.message}</Alert>
      </Stack>
    )
  }
  if (!p) return <Text c="dimmed">{ARCHIVE_TEXT.common.loading}</Text>
  return (
    <Stack gap="sm" data-testid="project-page">
      <ArchiveHeader
        title={p.name}
        actions={
          <>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/archive/projects')}>
              {T.title}
            </Button>
            <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          </>
        }
      />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.projectNo}
            </Text>
            <Text size="sm" ff="monospace">
              {p.projectNo}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.fiscal}
            </Text>
            <div>
              <FiscalBadge fiscal={p.fiscalFunded} />
            </div>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.level}
            </Text>
            <Text size="sm">{PROJECT_LEVEL_LABELS[p.level]}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.funder}
            </Text>
            <Text size="sm">{p.funder || ARCHIVE_TEXT.common.none}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.period}
            </Text>
            <Text size="sm">
              {p.startDate ?? '?'} ~ {p.endDate ?? '?'}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.pi}
            </Text>
            {p.piResearcherId ? (
              <RouteLink to={`/archive/researchers/${p.piResearcherId}`} size="sm">
                {p.piName}
              </RouteLink>
            ) : (
              <Text size="sm">{ARCHIVE_TEXT.common.none}</Text>
            )}
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {T.note}
            </Text>
            <Text size="sm">{p.note || ARCHIVE_TEXT.common.none}</Text>
          </Stack>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Text fw={700} mb="xs">
          {T.patents}（{assets.data?.total ?? p.assetCount}）
        </Text>
        {assets.data && assets.data.total === 0 ? (
          <Text size="sm" c="dimmed">
            {T.noAssets}
          </Text>
        ) : (
          <Table fz="sm" highlightOnHover data-testid="project-assets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{ARCHIVE_TEXT.browse.columns.appNo}</Table.Th>
                <Table.Th w={90}>{ARCHIVE_TEXT.browse.columns.kind}</Table.Th>
                <Table.Th>{ARCHIVE_TEXT.browse.columns.title}</Table.Th>
                <Table.Th w={170}>{ARCHIVE_TEXT.browse.columns.inventors}</Table.Th>
                <Table.Th w={105}>{ARCHIVE_TEXT.browse.columns.filingDate}</Table.Th>
                <Table.Th w={150}>{ARCHIVE_TEXT.browse.columns.status}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(assets.data?.items ?? []).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td ff="monospace">{a.appNo}</Table.Td>
                  <Table.Td>
                    <KindBadge kind={a.kind} />
                  </Table.Td>
                  <Table.Td>
                    <AssetLink id={a.id}>{a.title}</AssetLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {a.inventors}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.filingDate ?? ''}</Table.Td>
                  <Table.Td>
                    <StatusBadge group={a.statusGroup} event={a.statusEvent} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <ProjectFormModal
        opened={editing}
        existing={p}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false)
          project.reload()
        }}
      />
    </Stack>
  )
}
