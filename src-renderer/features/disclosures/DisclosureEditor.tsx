import { ActionIcon, Alert, Button, Group, List, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconFileDownload, IconFileImport, IconPlus, IconTrash } from '@tabler/icons-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { DISCLOSURE_PURPOSES, type ClaimedStatus, type ClaimInput, type DisclosureDetail, type IntakeProblem } from '../../../src-main/contract/disclosures'
import { ASSET_KIND_LABELS, CLAIMED_STATUS_LABELS } from '../../../src-main/contract/labels'
import type { AssetKind } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { ResearcherPicker } from '../../components/ResearcherPicker'
import { DateField } from './DateField'
import { downloadTemplate } from './DisclosuresPage'
import { DISCLOSURES_TEXT } from './text'

const T = DISCLOSURES_TEXT.editor
const CLAIM_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/
const KIND_OPTIONS = Object.entries(ASSET_KIND_LABELS).map(([value, label]) => ({ value, label }))
const STATUS_OPTIONS = Object.entries(CLAIMED_STATUS_LABELS).map(([value, label]) => ({ value, label }))

interface Row {
  key: number
  seq: number
  kind: AssetKind | null
  number: string
  title: string
  rank: number | null
  status: ClaimedStatus | null
  date: string
  note: string
  sourceRow: number | null
  raw: NonNullable<ClaimInput['raw']>
}

let keyCounter = 0
const nextKey = () => ++keyCounter

function rowOf(claim: ClaimInput): Row {
  return {
    key: nextKey(),
    seq: claim.seq,
    kind: claim.kind ?? null,
    number: claim.number ?? '',
    title: claim.title ?? '',
    rank: claim.rank ?? null,
    status: claim.status ?? null,
    date: claim.date ?? '',
    note: claim.note ?? '',
    sourceRow: claim.sourceRow ?? null,
    raw: claim.raw ?? {},
  }
}

function emptyRow(seq: number): Row {
  return rowOf({ seq })
}

/** The intake form: researcher, purpose, period, and the claimed items (typed in or read from Excel). */
export function DisclosureEditor({ id }: { id?: number }) {
  const editing = id !== undefined
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const existing = useCall('disclosures:get', { id: id ?? 1 }, { enabled: editing })
  const [researcherId, setResearcherId] = useState<number | null>(null)
  const [purpose, setPurpose] = useState<string>(DISCLOSURE_PURPOSES[0])
  const [periodFrom, setPeriodFrom] = useState('')
  const [periodTo, setPeriodTo] = useState('')
  const [note, setNote] = useState('')
  const [sourceFile, setSourceFile] = useState('')
  const [rows, setRows] = useState<Row[]>([])
  const [problems, setProblems] = useState<IntakeProblem[]>([])
  const [metaUsed, setMetaUsed] = useState(false)
  const [errors, setErrors] = useState<{ researcher?: string; rows?: string }>({})
  const [busy, setBusy] = useState<'import' | 'save' | null>(null)
  const loadedRef = useRef(false)

  useEffect(() => {
    const d: DisclosureDetail | undefined = existing.data
    if (!d || loadedRef.current) return
    loadedRef.current = true
    setResearcherId(d.researcher.id)
    setPurpose(d.purpose)
    setPeriodFrom(d.periodFrom ?? '')
    setPeriodTo(d.periodTo ?? '')
    setNote(d.note)
    setSourceFile(d.sourceFile)
    setRows(d.items.map((i) => rowOf(i.claim)))
  }, [existing.data])

  const update = (key: number, patch: Partial<Row>, field?: keyof NonNullable<ClaimInput['raw']>) =>
    setRows((list) =>
      list.map((r) => {
        if (r.key !== key) return r
        // Once the librarian changes a cell, what the researcher wrote no longer describes it.
        const raw = { ...r.raw }
        if (field) delete raw[field]
        return { ...r, ...patch, raw }
      }),
    )

  const importFile = async () => {
    const picked = await api.pickFile(T.import, ['xlsx', 'csv']).catch((error: unknown) => {
      notifyError(error)
      return null
    })
    if (!picked) return
    setBusy('import')
    try {
      const list = await api.call('disclosures:readClaims', { file: picked.ref })
      setRows(list.claims.map(rowOf))
      setProblems(list.problems)
      setSourceFile(list.fileName)
      let used = false
      let chosen = researcherId
      if (list.meta.staffNo && researcherId === null) {
        const found = await api.call('researchers:search', { q: list.meta.staffNo, limit: 5 })
        const match = found.items.find((r) => r.staffNo === list.meta.staffNo)
        if (match) {
          setResearcherId(match.id)
          chosen = match.id
          used = true
        }
      }
      // The list names its researcher (姓名：…) and the one chosen is someone else: say so before a certificate is issued.
      if (list.meta.name && chosen !== null) {
        const person = await api.call('researchers:get', { id: chosen })
        const bare = (s: string) => s.replace(/\s+/gu, '')
        if (bare(person.name) !== bare(list.meta.name)) {
          setProblems([...list.problems, { row: null, column: null, message: T.nameDiffers(list.meta.name, person.name), severity: 'warning' }])
        }
      }
      if (list.meta.purpose && (DISCLOSURE_PURPOSES as readonly string[]).includes(list.meta.purpose)) {
        setPurpose(list.meta.purpose)
        used = true
      }
      if (list.meta.periodFrom && !periodFrom) {
        setPeriodFrom(list.meta.periodFrom)
        used = true
      }
      if (list.meta.periodTo && !periodTo) {
        setPeriodTo(list.meta.periodTo)
        used = true
      }
      setMetaUsed(used)
      setErrors({})
      notifySuccess(T.imported(list.claims.length, list.fileName))
    } catch (error) {
      notifyError(error, '无法读取清单')
    } finally {
      setBusy(null)
    }
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const next: typeof errors = {}
    if (!researcherId) next.researcher = T.needResearcher
    if (!rows.length) next.rows = T.needClaims
    const badDate = rows.find((r) => r.date.trim() !== '' && !CLAIM_DATE.test(r.date.trim()))
    if (badDate) next.rows = `${T.seq} ${badDate.seq}：${T.badDate}`
    setErrors(next)
    if (next.researcher || next.rows) return
    const items: ClaimInput[] = rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      number: r.number.trim(),
      title: r.title.trim(),
      rank: r.rank,
      status: r.status,
      date: r.date.trim() || null,
      note: r.note,
      sourceRow: r.sourceRow,
      raw: r.raw,
    }))
    const header = { purpose, periodFrom: periodFrom || null, periodTo: periodTo || null, note, items }
    setBusy('save')
    try {
      const detail = editing
        ? await api.call('disclosures:update', { id: id!, ...header })
        : await api.call('disclosures:create', { researcherId: researcherId!, sourceFile, ...header })
      invalidate()
      navigate(`/disclosures/${detail.id}`)
    } catch (error) {
      notifyError(error, '未能核实')
    } finally {
      setBusy(null)
    }
  }

  // Problems of rows the librarian removed no longer apply.
  const presentRows = new Set(rows.map((r) => r.sourceRow))
  const openProblems = problems.filter((p) => p.row === null || presentRows.has(p.row))
  const problemRows = new Set(openProblems.filter((p) => p.severity === 'error').map((p) => p.row))
  const maxSeq = rows.reduce((m, r) => Math.max(m, r.seq), 0)

  return (
    // noValidate: required fields are checked here, with messages that say what to do.
    <form noValidate onSubmit={(e) => void submit(e)}>
      <Stack>
        <Title order={2}>{editing ? T.editTitle : T.newTitle}</Title>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ResearcherPicker
              label={T.researcher}
              description={T.researcherHint}
              value={researcherId}
              onChange={(v) => setResearcherId(v)}
              required
              disabled={editing}
              error={errors.researcher}
              data-autofocus
              autoFocus={!editing}
              data-testid="disclosure-researcher"
            />
            <Select label={T.purpose} data={[...DISCLOSURE_PURPOSES]} value={purpose} onChange={(v) => v && setPurpose(v)} allowDeselect={false} required data-testid="disclosure-purpose" />
            <Group grow align="flex-start">
              <DateField label={T.periodFrom} description={T.periodHint} value={periodFrom} onChange={setPeriodFrom} testId="disclosure-from" />
              <DateField label={T.periodTo} description=" " value={periodTo} onChange={setPeriodTo} testId="disclosure-to" />
            </Group>
            <Textarea label={T.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
          </SimpleGrid>
          {metaUsed && (
            <Text size="sm" c="blue" mt="sm">
              {T.metaUsed}
            </Text>
          )}
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Group justify="space-between">
              <Title order={4}>
                {T.claims}
                {rows.length ? `（${rows.length}）` : ''}
              </Title>
              <Group>
                <Button variant="default" leftSection={<IconFileDownload size={16} />} onClick={() => void downloadTemplate()}>
                  {T.template}
                </Button>
                <Button variant="light" leftSection={<IconFileImport size={16} />} onClick={() => void importFile()} loading={busy === 'import'} data-testid="disclosure-import">
                  {T.import}
                </Button>
                <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setRows((list) => [...list, emptyRow(maxSeq + 1)])} data-testid="disclosure-add-row">
                  {T.addRow}
                </Button>
              </Group>
            </Group>
            {openProblems.length > 0 && (
              <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={T.problemsTitle(openProblems.length)} data-testid="disclosure-problems">
                <Text size="sm" mb={4}>
                  {T.problemsHint}
                </Text>
                <List size="sm" spacing={2}>
                  {openProblems.map((p, i) => (
                    <List.Item key={i}>
                      {[p.row ? T.row(p.row) : '', p.column ?? ''].filter(Boolean).join(' ')}
                      {p.row || p.column ? '：' : ''}
                      {p.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {errors.rows && (
              <Text c="red" size="sm">
                {errors.rows}
              </Text>
            )}
            {rows.length === 0 ? (
              <Text c="dimmed" size="sm" py="md" data-testid="disclosure-no-claims">
                {T.emptyClaims}
              </Text>
            ) : (
              <Table verticalSpacing={4} horizontalSpacing={6} data-testid="claims-editor">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{T.seq}</Table.Th>
                    <Table.Th w={130}>{T.kind}</Table.Th>
                    <Table.Th w={180}>{T.number}</Table.Th>
                    <Table.Th>{T.name}</Table.Th>
                    <Table.Th w={80}>{T.rank}</Table.Th>
                    <Table.Th w={100}>{T.status}</Table.Th>
                    <Table.Th w={130}>{T.date}</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.key} bg={r.sourceRow !== null && problemRows.has(r.sourceRow) ? 'orange.0' : undefined}>
                      <Table.Td>
                        <NumberInput size="xs" min={1} max={99999} value={r.seq} onChange={(v) => update(r.key, { seq: typeof v === 'number' ? v : r.seq })} hideControls aria-label={T.seq} />
                      </Table.Td>
                      <Table.Td>
                        <Select size="xs" data={KIND_OPTIONS} value={r.kind} onChange={(v) => update(r.key, { kind: v as AssetKind | null }, 'kind')} clearable placeholder={r.raw.kind || undefined} aria-label={T.kind} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" value={r.number} placeholder={T.numberHint} onChange={(e) => update(r.key, { number: e.currentTarget.value }, 'number')} aria-label={T.number} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" value={r.title} onChange={(e) => update(r.key, { title: e.currentTarget.value })} aria-label={T.name} />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          size="xs"
                          min={1}
                          max={99}
                          value={r.rank ?? ''}
                          onChange={(v) => update(r.key, { rank: typeof v === 'number' ? v : null }, 'rank')}
                          placeholder={r.raw.rank || undefined}
                          hideControls
                          aria-label={T.rank}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select size="xs" data={STATUS_OPTIONS} value={r.status} onChange={(v) => update(r.key, { status: v as ClaimedStatus | null }, 'status')} clearable placeholder={r.raw.status || undefined} aria-label={T.status} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          value={r.date}
                          placeholder={r.raw.date || T.datePlaceholder}
                          error={r.date.trim() !== '' && !CLAIM_DATE.test(r.date.trim())}
                          onChange={(e) => update(r.key, { date: e.currentTarget.value }, 'date')}
                          aria-label={T.date}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={T.remove}>
                          <ActionIcon variant="subtle" color="red" onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))} aria-label={T.remove}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Paper>

        <Group>
          <Button type="submit" loading={busy === 'save'} data-testid="disclosure-submit">
            {editing ? T.submitEdit : T.submitNew}
          </Button>
          <Button variant="default" onClick={() => navigate(editing ? `/disclosures/${id}` : '/disclosures')}>
            {T.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
