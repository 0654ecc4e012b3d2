import { Alert, Badge, Button, Checkbox, Group, Paper, ScrollArea, Select, Stack, Stepper, Table, Text } from '@mantine/core'
import { IconFileSpreadsheet } from '@tabler/icons-react'
import { useState } from 'react'
import { SERVICE_KIND_LABELS } from '../../../src-main/contract/labels'
import {
  SERVICE_IMPORT_FIELD_LABELS,
  SERVICE_IMPORT_FIELDS,
  type ImportInspect,
  type ImportResult,
  type ServiceImportField,
  type ServiceKindCode,
} from '../../../src-main/contract/services'
import type { PickedFile } from '../../../src-main/contract/system'
import { api } from '../../api/client'
import { useArchiveVersion, useJob } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { JobProgressModal } from '../../components/JobProgressModal'
import { ServicesHeader } from './ServicesHeader'
import { SERVICES_TEXT } from './text'

const T = SERVICES_TEXT.import
const NONE = '__none__'
const FIELD_DATA = [{ value: NONE, label: T.notImported }, ...SERVICE_IMPORT_FIELDS.map((f) => ({ value: f, label: SERVICE_IMPORT_FIELD_LABELS[f] }))]
const KIND_DATA = Object.entries(SERVICE_KIND_LABELS).map(([value, label]) => ({ value, label }))

function Problems({ result }: { result: ImportResult }) {
  if (!result.errors.length) return null
  return (
    <Paper withBorder p="sm">
      <Text fw={500} mb="xs">
        {T.problems}
      </Text>
      <ScrollArea.Autosize mah={320}>
        <Table striped data-testid="import-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{T.problemRow}</Table.Th>
              <Table.Th w={140}>{T.problemColumn}</Table.Th>
              <Table.Th>{T.problemMessage}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Paper>
  )
}

/** 导入台账: choose file → map columns (with a preview) → check (dry run) → import. */
export function ImportPage() {
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const job = useJob()
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<PickedFile | null>(null)
  const [inspected, setInspected] = useState<ImportInspect | null>(null)
  const [mapping, setMapping] = useState<(ServiceImportField | null)[]>([])
  const [defaultKind, setDefaultKind] = useState<ServiceKindCode>('consultation')
  const [checked, setChecked] = useState<ImportResult | null>(null)
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [done, setDone] = useState<ImportResult | null>(null)
  const [busy, setBusy] = useState(false)

  const pick = async () => {
    try {
      const picked = await api.pickFile(T.pick, ['xlsx', 'csv'])
      if (!picked) return
      setBusy(true)
      const result = await api.call('services:importInspect', { file: picked.ref })
      setFile(picked)
      setInspected(result)
      setMapping(result.mapping)
      setChecked(null)
      setDone(null)
      setStep(1)
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }

  const check = async () => {
    if (!file) return
    try {
      const result = await job.run('services:importCheck', { file: file.ref, mapping, defaultKind })
      setChecked(result)
      setSkipInvalid(false)
      setStep(2)
    } catch (error) {
      notifyError(error)
    }
  }

  const run = async () => {
    if (!file) return
    try {
      const result = await job.run('services:importRun', { file: file.ref, mapping, defaultKind, skipInvalid })
      if (result.written) {
        setDone(result)
        setStep(3)
        notifySuccess(T.done(result))
        invalidate()
      } else {
        setChecked(result)
        notifyError(new Error(T.notWritten))
      }
    } catch (error) {
      notifyError(error)
    }
  }

  const setField = (index: number, value: string | null) => {
    setMapping((m) => {
      const next = [...m]
      while (next.length <= index) next.push(null)
      const field = value === null || value === NONE ? null : (value as ServiceImportField)
      // One column per field: choosing a field here frees it elsewhere.
      for (let i = 0; i < next.length; i++) if (field !== null && next[i] === field) next[i] = null
      next[index] = field
      return next
    })
  }

  return (
    <Stack>
      <ServicesHeader active="import" />
      <Stepper active={step} size="sm">
        {T.steps.map((label) => (
          <Stepper.Step key={label} label={label} />
        ))}
      </Stepper>

      {step === 0 && (
        <Paper withBorder p="lg">
          <Stack align="flex-start">
            <Text size="sm">{T.intro}</Text>
            <Button leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void pick()} loading={busy} data-autofocus>
              {T.pick}
            </Button>
          </Stack>
        </Paper>
      )}

      {step === 1 && inspected && (
        <Stack>
          <Alert color="blue">
            <Text size="sm">
              {inspected.fileName}：{T.headerRow(inspected.headerRow, inspected.sheetName, inspected.dataRows)}
            </Text>
          </Alert>
          <Group align="flex-end">
            <Select
              label={T.defaultKind}
              data={KIND_DATA}
              value={defaultKind}
              onChange={(v) => v && setDefaultKind(v as ServiceKindCode)}
              allowDeselect={false}
              w={320}
            />
          </Group>
          <Paper withBorder>
            <ScrollArea>
              <Table data-testid="import-mapping">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{T.column}</Table.Th>
                    <Table.Th w={200}>{T.field}</Table.Th>
                    <Table.Th>{T.sample}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {inspected.headers.map((header, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {header || `（第 ${index + 1} 列）`}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`${header} ${T.field}`}
                          data={FIELD_DATA}
                          value={mapping[index] ?? NONE}
                          onChange={(v) => setField(index, v)}
                          allowDeselect={false}
                          searchable
                          size="xs"
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {inspected.sample
                            .slice(0, 3)
                            .map((r) => r.cells[index] ?? '')
                            .filter(Boolean)
                            .join(' ｜ ')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
          <Group>
            <Button variant="default" onClick={() => setStep(0)}>
              {T.back}
            </Button>
            <Button onClick={() => void check()}>{T.check}</Button>
          </Group>
        </Stack>
      )}

      {step === 2 && checked && (
        <Stack>
          <Alert color={checked.rejected ? 'yellow' : 'teal'} data-testid="import-check-summary">
            {T.result(checked)}
          </Alert>
          <Problems result={checked} />
          {checked.preview.length > 0 && (
            <Paper withBorder p="sm">
              <Text fw={500} mb="xs">
                {T.preview}
              </Text>
              <Table>
                <Table.Tbody>
                  {checked.preview.map((p) => (
                    <Table.Tr key={p.row}>
                      <Table.Td w={60}>{p.row}</Table.Td>
                      <Table.Td w={80}>
                        <Badge variant="light" color={p.action === 'insert' ? 'teal' : p.action === 'update' ? 'yellow' : 'gray'}>
                          {T.action[p.action]}
                        </Badge>
                      </Table.Td>
                      <Table.Td w={100}>{p.date}</Table.Td>
                      <Table.Td w={100}>{SERVICE_KIND_LABELS[p.kind]}</Table.Td>
                      <Table.Td w={160}>{p.requesterName}</Table.Td>
                      <Table.Td>{p.summary}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          {checked.rejected > 0 && <Checkbox label={T.skipInvalid} checked={skipInvalid} onChange={(e) => setSkipInvalid(e.currentTarget.checked)} />}
          <Group>
            <Button variant="default" onClick={() => setStep(1)}>
              {T.back}
            </Button>
            <Button onClick={() => void run()} disabled={checked.rejected > 0 && !skipInvalid}>
              {T.run}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 3 && done && (
        <Paper withBorder p="lg">
          <Stack align="flex-start">
            <Text data-testid="import-done">{T.done(done)}</Text>
            <Group>
              <Button onClick={() => navigate('/services')}>{T.toLedger}</Button>
              <Button variant="default" onClick={() => setStep(0)}>
                {T.again}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <JobProgressModal title={step === 1 ? T.checking : T.importing} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
