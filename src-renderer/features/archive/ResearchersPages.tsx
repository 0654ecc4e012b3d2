import { Alert, Badge, Button, Checkbox, Group, Modal, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowLeft, IconPencil, IconSearch, IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import type { PortfolioItem, ResearcherRecord } from '../../../src-main/contract/archive'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { ResearcherConsultationsSlot } from './slots'
import { ARCHIVE_TEXT } from './text'
import { ArchiveHeader, AssetLink, KindBadge, LinkStateBadge, RouteLink, StatusBadge } from './ui'

const T = ARCHIVE_TEXT.researchers
const PAGE = 50
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** /archive/researchers — the roster: search by name, 工号 or initials; filter by college. */
export function ResearchersPage() {
  const { navigate } = useRouter()
  const [text, setText] = useState('')
  const [q] = useDebouncedValue(text, 200)
  const [college, setCollege] = useState<string | null>(null)
  const [page, setPage] = useState(1)
  const [adding, setAdding] = useState(false)
  const list = useCall('researchers:search', { q: q.trim(), ...(college ? { college } : {}), offset: (page - 1) * PAGE, limit: PAGE })
  const facets = useCall('archive:facets', {})
  const data = list.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  return (
    <Stack gap="sm">
      <ArchiveHeader
        title={T.title}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            {T.add}
          </Button>
        }
      />
      <Group>
        <TextInput
          data-autofocus
          autoFocus
          w={320}
          placeholder={T.search}
          aria-label={T.search}
          leftSection={<IconSearch size={14} />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value)
            setPage(1)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && data?.items[0]) navigate(`/archive/researchers/${data.items[0].id}`)
          }}
        />
        <Select
          placeholder={T.college}
          aria-label={T.college}
          data={facets.data?.colleges ?? []}
          value={college}
          onChange={(v) => {
            setCollege(v)
            setPage(1)
          }}
          searchable
          clearable
        />
        {data && <Text size="sm">共 {data.total.toLocaleString('zh-CN')} 人</Text>}
      </Group>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {data && data.total === 0 && !q && !college ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{T.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table highlightOnHover fz="sm" data-testid="researchers-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.name}</Table.Th>
                <Table.Th>{T.staffNo}</Table.Th>
                <Table.Th>{T.college}</Table.Th>
                <Table.Th>{T.titleCol}</Table.Th>
                <Table.Th>{T.discipline}</Table.Th>
                <Table.Th ta="right">{T.assets}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((r) => (
                <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/archive/researchers/${r.id}`)}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      {!r.active && (
                        <Badge size="xs" color="gray" variant="light">
                          {T.left}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ff="monospace">{r.staffNo}</Table.Td>
                  <Table.Td>{r.college}</Table.Td>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td>{r.disciplineName ?? ''}</Table.Td>
                  <Table.Td ta="right">{r.assetCount}</Table.Td>
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
      <ResearcherFormModal
        opened={adding}
        existing={null}
        onClose={() => setAdding(false)}
        onSaved={(r) => {
          setAdding(false)
          navigate(`/archive/researchers/${r.id}`)
        }}
      />
    </Stack>
  )
}

interface FormValues {
  staffNo: string
  name: string
  college: string
  title: string
  disciplineCode: string | null
  active: boolean
  joinedOn: string
  leftOn: string
  note: string
}

export function ResearcherFormModal({ opened, existing, onClose, onSaved }: { opened: boolean; existing: ResearcherRecord | null; onClose: () => void; onSaved: (r: ResearcherRecord) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={existing ? `${T.edit}：${existing.name}` : T.add} size="lg" centered>
      {opened && <ResearcherForm existing={existing} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  )
}

function ResearcherForm({ existing, onCancel, onSaved }: { existing: ResearcherRecord | null; onCancel: () => void; onSaved: (r: ResearcherRecord) => void }) {
  const catalogue = useCall('archive:disciplines', {})
  const [saving, setSaving] = useState(false)
  const dateRule = (v: string) => (v === '' || DATE.test(v) ? null : '日期格式应为 YYYY-MM-DD')
  const form = useForm<FormValues>({
    initialValues: {
      staffNo: existing?.staffNo ?? '',
      name: existing?.name ?? '',
      college: existing?.college ?? '',
      title: existing?.title ?? '',
      disciplineCode: existing?.disciplineCode ?? null,
      active: existing?.active ?? true,
      joinedOn: existing?.joinedOn ?? '',
      leftOn: existing?.leftOn ?? '',
      note: existing?.note ?? '',
    },
    validate: {
      staffNo: (v) => (v.trim() ? null : '请填写工号'),
      name: (v) => (v.trim() ? null : '请填写姓名'),
      joinedOn: dateRule,
      leftOn: dateRule,
    },
  })
  const submit = form.onSubmit(async (v) => {
    setSaving(true)
    try {
      const saved = await api.call('researchers:save', {
        ...(existing ? { id: existing.id } : {}),
        staffNo: v.staffNo,
        name: v.name,
        college: v.college,
        title: v.title,
        disciplineCode: v.disciplineCode,
        active: v.active,
        joinedOn: v.joinedOn || null,
        leftOn: v.leftOn || null,
        note: v.note,
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
          <TextInput label={T.name} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={T.staffNo} required {...form.getInputProps('staffNo')} />
          <TextInput label={T.college} {...form.getInputProps('college')} />
          <TextInput label={T.titleCol} {...form.getInputProps('title')} />
          <Select
            label={T.discipline}
            searchable
            clearable
            data={(catalogue.data ?? []).filter((d) => d.level !== 'category').map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))}
            {...form.getInputProps('disciplineCode')}
          />
          <Checkbox mt="lg" label={T.active} {...form.getInputProps('active', { type: 'checkbox' })} />
          <TextInput label={T.joinedOn} placeholder="YYYY-MM-DD" {...form.getInputProps('joinedOn')} />
          <TextInput label={T.leftOn} placeholder="YYYY-MM-DD" {...form.getInputProps('leftOn')} />
        </SimpleGrid>
        <Textarea label={T.note} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {ARCHIVE_TEXT.common.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {T.save}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function PortfolioTable({ items }: { items: PortfolioItem[] }) {
  return (
    <Table fz="sm" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>{T.rank}</Table.Th>
          <Table.Th w={150}>{ARCHIVE_TEXT.browse.columns.appNo}</Table.Th>
          <Table.Th w={90}>{ARCHIVE_TEXT.browse.columns.kind}</Table.Th>
          <Table.Th>{ARCHIVE_TEXT.browse.columns.title}</Table.Th>
          <Table.Th w={105}>{ARCHIVE_TEXT.browse.columns.filingDate}</Table.Th>
          <Table.Th w={150}>{ARCHIVE_TEXT.browse.columns.status}</Table.Th>
          <Table.Th w={90}>{ARCHIVE_TEXT.links.state}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{a.rank}</Table.Td>
            <Table.Td ff="monospace">{a.appNo}</Table.Td>
            <Table.Td>
              <KindBadge kind={a.kind} />
            </Table.Td>
            <Table.Td>
              <AssetLink id={a.id}>{a.title}</AssetLink>
            </Table.Td>
            <Table.Td>{a.filingDate ?? ''}</Table.Td>
            <Table.Td>
              <StatusBadge group={a.statusGroup} event={a.statusEvent} />
            </Table.Td>
            <Table.Td>
              <LinkStateBadge state={a.linkState} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** /archive/researchers/:id — who they are, their whole portfolio, and (slot) their consultations. */
export function ResearcherPage({ id }: { id: number }) {
  const { navigate } = useRouter()
  const researcher = useCall('researchers:get', { id })
  const portfolio = useCall('researchers:portfolio', { id })
  const [editing, setEditing] = useState(false)
  const r = researcher.data
  if (researcher.error) {
    return (
      <Stack>
        <ArchiveHeader title={T.title} />
        <Alert color="red">{researcher.error.message}</Alert>
      </Stack>
    )
  }
  if (!r) return <Text c="dimmed">{ARCHIVE_TEXT.common.loading}</Text>
  const items = portfolio.data?.items ?? []
  const first = items.filter((i) => i.rank === 1)
  const other = items.filter((i) => i.rank !== 1)
  return (
    <Stack gap="sm" data-testid="researcher-page">
      <ArchiveHeader
        title={r.name}
        actions={
          <>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/archive/researchers')}>
              {T.title}
            </Button>
            <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              {T.edit}
            </Button>
          </>
        }
      />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
          {(
            [
              [T.staffNo, r.staffNo],
              [T.college, r.college],
              [T.titleCol, r.title],
              [T.discipline, r.disciplineName ? `${r.disciplineCode} ${r.disciplineName}` : ''],
              [T.active, r.active ? '在职' : '离职'],
              [T.joinedOn, r.joinedOn ?? ''],
              [T.leftOn, r.leftOn ?? ''],
              [T.note, r.note],
            ] as const
          ).map(([label, value]) => (
            <Stack gap={0} key={label}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="sm">{value || ARCHIVE_TEXT.common.none}</Text>
            </Stack>
          ))}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" data-testid="researcher-portfolio">
        <Group justify="space-between" mb="xs">
          <Text fw={700}>
            {T.portfolio}（{items.length}）
          </Text>
          <Text size="sm" c="dimmed">
            {T.firstInventor} {first.length} · {T.otherInventor} {other.length}
          </Text>
        </Group>
        {portfolio.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {T.noAssets}
          </Text>
        )}
        {portfolio.data && portfolio.data.namesakePending > 0 && (
          <Alert color="orange" variant="light" mt="xs" data-testid="researcher-namesakes">
            <Group gap="xs">
              <Text size="sm">{T.namesakePending(portfolio.data.namesakePending, r.name)}</Text>
              <RouteLink to="/archive/links" size="sm">
                {T.namesakeGo}
              </RouteLink>
            </Group>
          </Alert>
        )}
        {first.length > 0 && (
          <>
            <Text size="sm" fw={600} mt="xs">
              {T.firstInventor}
            </Text>
            <PortfolioTable items={first} />
          </>
        )}
        {other.length > 0 && (
          <>
            <Text size="sm" fw={600} mt="sm">
              {T.otherInventor}
            </Text>
            <PortfolioTable items={other} />
          </>
        )}
      </Paper>
      <ResearcherConsultationsSlot researcherId={r.id} />
      <ResearcherFormModal
        opened={editing}
        existing={r}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false)
          researcher.reload()
        }}
      />
    </Stack>
  )
}
