import { Alert, Badge, Button, Group, List, Paper, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Stepper, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconDatabase, IconDownload, IconFileSpreadsheet, IconInfoCircle } from '@tabler/icons-react'
import { useState } from 'react'
import type { ImportDetectResult, ImportKindCode, ImportReport, RowProblemRecord } from '../../../../src-main/contract/archive-import'
import { IMPORT_DIALECT_LABELS } from '../../../../src-main/contract/labels'
import type { PickedFile } from '../../../../src-main/contract/system'
import { api } from '../../../api/client'
import { useArchiveVersion, useCall, useJob } from '../../../api/hooks'
import { useRouter } from '../../../app/router'
import { notifyError, notifySuccess } from '../../../components/errors'
import { JobProgressModal } from '../../../components/JobProgressModal'
import { IMPORT_TEXT as T } from './text'

const NONE = '__none__'
const KINDS: ImportKindCode[] = ['patents', 'researchers', 'projects']

function initialKind(path: string): ImportKindCode {
  const kind = new URLSearchParams(path.split('?')[1] ?? '').get('kind')
  return KINDS.includes(kind as ImportKindCode) ? (kind as ImportKindCode) : 'patents'
}

function ProblemTable({ problems, total, testId }: { problems: RowProblemRecord[]; total: number; testId: string }) {
  return (
    <Stack gap={4}>
      <ScrollArea.Autosize mah={340}>
        <Table striped highlightOnHover data-testid={testId} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={problems.some((p) => p.sheet !== undefined) ? 130 : 70}>{T.problemRow}</Table.Th>
              <Table.Th w={180}>{T.problemColumn}</Table.Th>
              <Table.Th>{T.problemMessage}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((p, i) => (
              <Table.Tr key={i}>
                <Table.Td>{T.problemPlace(p.row, p.sheet)}</Table.Td>
                <Table.Td>{p.letter ? `${p.letter} 列${p.header ? `“${p.header}”` : ''}` : (p.header ?? '—')}</Table.Td>
                <Table.Td>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {total > problems.length && (
        <Text size="xs" c="dimmed">
          {T.problemsMore(problems.length, total)}
        </Text>
      )}
    </Stack>
  )
}

function Counts({ report }: { report: ImportReport }) {
  const items = [
    ['rows', report.rows, 'gray'],
    ['inserted', report.inserted, 'teal'],
    ['updated', report.updated, 'blue'],
    ['unchanged', report.unchanged, 'gray'],
    ['rejected', report.rejected, report.rejected ? 'red' : 'gray'],
  ] as const
  return (
    <SimpleGrid cols={5}>
      {items.map(([key, n, color]) => (
        <Paper key={key} withBorder p="sm" data-testid={`count-${key}`}>
          <Text size="xs" c="dimmed">
            {T.counts[key]}
          </Text>
          <Text size="xl" fw={700} c={color === 'gray' ? undefined : color}>
            {n.toLocaleString('zh-CN')}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  )
}

function RecentImports() {
  const history = useCall('import:history', { limit: 8 })
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {T.recent}
      </Title>
      {history.data && history.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {T.noRecent}
        </Text>
      )}
      <Stack gap={4}>
        {history.data?.map((b) => (
          <Group key={b.id} gap="xs" wrap="nowrap">
            <Badge variant="light" size="sm">
              {T.kinds[b.kind as ImportKindCode] ?? b.kind}
            </Badge>
            <Text size="sm" truncate="end" maw={320}>
              {b.fileName}
            </Text>
            <Text size="xs" c="dimmed">
              {T.recentRow(b.rows, b.inserted, b.updated, b.rejected)} · {b.finishedAt.slice(0, 10)} · {b.operator}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  )
}

/** 导入专利清单 / 人员名单 / 项目清单: choose file → column mapping → dry-run preview → import → summary. */
export function ImportPage() {
  const { path, navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const job = useJob()
  const [kind, setKind] = useState<ImportKindCode>(() => initialKind(path))
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<PickedFile | null>(null)
  const [detected, setDetected] = useState<ImportDetectResult | null>(null)
  const [mapping, setMapping] = useState<(string | null)[]>([])
  const [preview, setPreview] = useState<ImportReport | null>(null)
  const [done, setDone] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState(false)

  const reset = () => {
    setStep(0)
    setFile(null)
    setDetected(null)
    setPreview(null)
    setDone(null)
  }

  const pick = async () => {
    try {
      const picked = await api.pickFile(T.pickTitle, ['xlsx', 'csv', 'xls'])
      if (!picked) return
      setBusy(true)
      const result = await api.call('import:detect', { file: picked.ref, kind })
      setFile(picked)
      setDetected(result)
      setMapping(result.columns.map((c) => c.field))
      setPreview(null)
      setDone(null)
      setStep(1)
    } catch (error) {
      notifyError(error, '无法导入这个文件')
    } finally {
      setBusy(false)
    }
  }

  const downloadTemplate = async () => {
    try {
      const out = await api.call('import:template', { kind })
      await api.deliverFile(out.ref, out.name)
    } catch (error) {
      notifyError(error)
    }
  }

  const columnMapping = () => mapping.map((field, column) => ({ column, field }))

  const check = async () => {
    if (!file) return
    try {
      const result = await job.run('import:run', { file: file.ref, kind, mapping: columnMapping(), dryRun: true, skipInvalid: true })
      setPreview(result)
      setStep(2)
    } catch (error) {
      notifyError(error)
    }
  }

  const runImport = async () => {
    if (!file) return
    try {
      const result = await job.run('import:run', { file: file.ref, kind, mapping: columnMapping(), dryRun: false, skipInvalid: true, expectedRows: preview?.rows })
      if (!result.written) {
        setPreview(result)
        notifyError(new Error(T.nothingValid), T.notWritten)
        return
      }
      setDone(result)
      setStep(3)
      notifySuccess(T.done(result.inserted, result.updated), T.doneTitle)
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }

  const cancel = () => {
    notifySuccess(T.cancelled, '已取消')
    reset()
  }

  const setField = (index: number, value: string | null) => {
    setMapping((m) => {
      const field = value === null || value === NONE ? null : value
      // One column per field: choosing a field here frees it elsewhere.
      const next = m.map((f) => (field !== null && f === field ? null : f))
      next[index] = field
      return next
    })
  }

  const missing = detected
    ? detected.requiredGroups.filter((g) => !g.fields.some((f) => mapping.includes(f))).map((g) => g.label)
    : []
  const fieldData = detected
    ? [{ value: NONE, label: T.notImported }, ...detected.fields.map((f) => ({ value: f.field, label: f.required ? `${f.label}（${T.required}）` : f.label }))]
    : []
  const problemsFile = preview?.problemsFile ?? null

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>
          {T.title}
          {T.kinds[kind]}
        </Title>
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as ImportKindCode)
            reset()
          }}
          data={KINDS.map((k) => ({ value: k, label: T.kinds[k] }))}
          disabled={step === 1 || step === 2}
          data-testid="import-kind"
        />
      </Group>
      <Stepper active={step} size="sm">
        {T.steps.map((label) => (
          <Stepper.Step key={label} label={label} />
        ))}
      </Stepper>

      {step === 0 && (
        <>
          <Paper withBorder p="lg">
            <Stack align="flex-start">
              <Text size="sm">{T.intro[kind]}</Text>
              <Group>
                <Button leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void pick()} loading={busy} data-autofocus>
                  {T.pick}
                </Button>
                <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void downloadTemplate()}>
                  {T.template}
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                {T.templateHint}
              </Text>
            </Stack>
          </Paper>
          <RecentImports />
        </>
      )}

      {step === 1 && detected && (
        <Stack>
          <Alert color="blue" icon={<IconInfoCircle size={18} />} data-testid="import-file">
            <Text size="sm" fw={500}>
              {T.file(detected.fileName, detected.format, detected.encoding, detected.sheetName)}
            </Text>
            <Text size="sm">{T.headerAt(detected.headerRow, IMPORT_DIALECT_LABELS[detected.dialect] ?? detected.dialect)}</Text>
          </Alert>
          {detected.notices.length > 0 && (
            <Alert color="yellow" data-testid="import-notices">
              <List size="sm">
                {detected.notices.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Paper withBorder>
            <ScrollArea.Autosize mah="52vh">
              <Table data-testid="import-mapping" stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={50}>{T.column}</Table.Th>
                    <Table.Th>{T.header}</Table.Th>
                    <Table.Th w={230}>{T.field}</Table.Th>
                    <Table.Th>{T.samples}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {detected.columns.map((c) => (
                    <Table.Tr key={c.index}>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {c.letter}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.header || '—'}
                        </Text>
                        {c.note && mapping[c.index] === null && (
                          <Text size="xs" c="dimmed">
                            {c.note}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`${c.letter} 列 ${c.header} ${T.field}`}
                          data={fieldData}
                          value={mapping[c.index] ?? NONE}
                          onChange={(v) => setField(c.index, v)}
                          allowDeselect={false}
                          searchable
                          size="xs"
                          data-testid={`map-${c.letter}`}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {c.samples.filter(Boolean).join(' ｜ ')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
          {missing.length > 0 && <Alert color="red">{T.missing(missing)}</Alert>}
          <Group>
            <Button onClick={() => void check()} disabled={missing.length > 0} loading={job.running}>
              {T.check}
            </Button>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={reset}>
              {T.repick}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 2 && preview && (
        <Stack>
          <Counts report={preview} />
          <Alert color={preview.rejected ? 'yellow' : 'teal'} data-testid="import-preview-note">
            {T.previewNote(preview.rejected)}
          </Alert>
          {preview.errorsTotal > 0 && (
            <Paper withBorder p="sm">
              <Group justify="space-between" mb="xs">
                <Text fw={500}>
                  {T.problems}（{preview.errorsTotal.toLocaleString('zh-CN')}）
                </Text>
                {problemsFile && (
                  <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void api.deliverFile(problemsFile.ref, problemsFile.name)}>
                    {T.downloadProblems}
                  </Button>
                )}
              </Group>
              <ProblemTable problems={preview.errors} total={preview.errorsTotal} testId="import-problems" />
            </Paper>
          )}
          {preview.warningsTotal > 0 && (
            <Paper withBorder p="sm">
              <Text fw={500} mb="xs">
                {T.warnings}（{preview.warningsTotal}）
              </Text>
              <ProblemTable problems={preview.warnings} total={preview.warningsTotal} testId="import-warnings" />
            </Paper>
          )}
          <Group>
            <Button onClick={() => void runImport()} disabled={preview.rows === preview.rejected} loading={job.running} data-autofocus>
              {preview.rejected ? T.importValid(preview.rows - preview.rejected) : T.importAll}
            </Button>
            <Button variant="default" onClick={cancel}>
              {T.cancel}
            </Button>
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(1)}>
              {T.backToMapping}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 3 && done && (
        <Paper withBorder p="lg" data-testid="import-summary">
          <Stack>
            <Title order={4}>{T.doneTitle}</Title>
            <Counts report={done} />
            <Text size="sm">{T.doneBody(done)}</Text>
            {done.links && (done.links.confirmed + done.links.suggested + done.links.ambiguous > 0 || done.kind === 'patents') && (
              <Text size="sm">{T.links(done.links)}</Text>
            )}
            {done.relinked > 0 && <Text size="sm">{T.relinked(done.relinked)}</Text>}
            {done.conversionsAdded > 0 && <Text size="sm">{T.conversions(done.conversionsAdded)}</Text>}
            {done.projectLinksAdded > 0 && <Text size="sm">{T.projectLinks(done.projectLinksAdded)}</Text>}
            {done.errorsTotal > 0 && <ProblemTable problems={done.errors} total={done.errorsTotal} testId="import-skipped" />}
            {done.warningsTotal > 0 && (
              <>
                <Text size="sm" fw={500}>
                  {T.warnings}（{done.warningsTotal}）
                </Text>
                <ProblemTable problems={done.warnings} total={done.warningsTotal} testId="import-summary-warnings" />
              </>
            )}
            <Group>
              <Button leftSection={<IconDatabase size={16} />} onClick={() => navigate('/archive')} data-autofocus>
                {T.toArchive}
              </Button>
              <Button variant="default" onClick={reset}>
                {T.again}
              </Button>
              {done.problemsFile && (
                <Button variant="subtle" leftSection={<IconDownload size={16} />} onClick={() => void api.deliverFile(done.problemsFile!.ref, done.problemsFile!.name)}>
                  {T.downloadProblems}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}

      <JobProgressModal title={step === 2 ? T.importing : T.checking} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
