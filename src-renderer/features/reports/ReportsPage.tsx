import { Alert, Anchor, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconDownload, IconFileTypeDocx, IconFileTypeXls, IconFolderOpen } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import type { AnnualPreview, ReportSource } from '../../../src-main/contract/reports'
import { api } from '../../api/client'
import { useCall, useJob } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { JobProgressModal } from '../../components/JobProgressModal'
import { notifyError, notifySuccess } from '../../components/errors'
import { NarrativeEditor, type NarrativeHandle } from './NarrativeEditor'
import { ReportCharts } from './ReportCharts'
import { SheetPreview } from './SheetPreview'
import { REPORTS_TEXT as T } from './text'

interface ExportedFile {
  ref: string
  name: string
  savedTo: string | null
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  )
}

function Headline({ report }: { report: AnnualPreview }) {
  const p = report.patents
  const last = <R,>(rows: R[]) => rows[rows.length - 1]!
  const conv = last(p.conversions)
  const contractYuan = conv.transfer.contractYuan + conv.license.contractYuan + conv.openLicense.amountYuan + conv.equity.amountYuan
  const n = (v: number) => v.toLocaleString('zh-CN')
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <Figure label={T.headline.consultations} value={n(report.services.consultations.total)} testId="figure-consultations" />
      <Figure label={T.headline.trainings} value={n(report.services.trainings.sessions)} testId="figure-trainings" />
      <Figure label={T.headline.evaluations} value={n(report.evaluations.total)} testId="figure-evaluations" />
      <Figure label={T.headline.disclosures} value={n(report.disclosures.disclosures)} testId="figure-disclosures" />
      <Figure label={T.headline.applications} value={n(last(p.applications).counts.total)} testId="figure-applications" />
      <Figure label={T.headline.grants} value={n(last(p.grants).counts.total)} testId="figure-grants" />
      <Figure label={T.headline.valid(p.validOn)} value={n(p.valid.total)} testId="figure-valid" />
      <Figure
        label={T.headline.contract}
        value={(Math.round(contractYuan / 100) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
        testId="figure-contract"
      />
    </SimpleGrid>
  )
}

export function ReportsPage() {
  const { navigate } = useRouter()
  const years = useCall('reports:years', {})
  const [chosen, setYear] = useState<number | null>(null)
  const year = chosen ?? years.data?.defaultYear ?? null
  const report = useCall('reports:annual', { year: year ?? 2000 }, { enabled: year !== null })
  const narrative = useCall('reports:narrative', { year: year ?? 2000 }, { enabled: year !== null })
  const editor = useRef<NarrativeHandle>(null)
  const job = useJob()
  const [exported, setExported] = useState<{ year: number; docx: ExportedFile; xlsx: ExportedFile; chartNote: string | null } | null>(null)

  const deliver = async (file: ExportedFile): Promise<ExportedFile> => {
    const savedTo = await api.deliverFile(file.ref, file.name)
    // The web host answers with the download's name; only the desktop app knows where a file went.
    if (api.transportKind === 'web') {
      notifySuccess(T.downloaded(file.name))
      return file
    }
    if (savedTo) notifySuccess(T.savedTo(savedTo))
    return { ...file, savedTo: savedTo ?? file.savedTo }
  }

  const runExport = async () => {
    if (year === null) return
    try {
      await editor.current?.flush()
      const result = await job.run('reports:export', { year })
      notifySuccess(T.exported)
      const docx = await deliver({ ...result.docx, savedTo: null })
      const xlsx = await deliver({ ...result.xlsx, savedTo: null })
      setExported({ year, docx, xlsx, chartNote: result.chartNote })
    } catch (error) {
      notifyError(error)
    }
  }

  const redeliver = async (which: 'docx' | 'xlsx') => {
    if (!exported) return
    try {
      const file = await deliver(exported[which])
      setExported({ ...exported, [which]: file })
    } catch (error) {
      notifyError(error)
    }
  }

  const reveal = async (file: ExportedFile) => {
    if (!file.savedTo) return
    try {
      await api.call('reports:reveal', { ref: file.ref, savedTo: file.savedTo })
    } catch (error) {
      notifyError(error)
    }
  }

  const data = report.data && report.data.year === year ? report.data : undefined
  const missing = data ? (Object.entries(data.available) as [ReportSource, boolean][]).filter(([, ok]) => !ok).map(([k]) => T.sourceNames[k]) : []
  const savedFile = exported?.docx.savedTo ? exported.docx : exported?.xlsx.savedTo ? exported.xlsx : null

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{T.title}</Title>
          <Text c="dimmed" size="sm">
            {T.subtitle}
          </Text>
        </div>
        <Group align="flex-end">
          <Select
            label={T.year}
            w={140}
            data-autofocus
            allowDeselect={false}
            data={(years.data?.years ?? []).map((y) => ({ value: String(y), label: T.yearSuffix(y) }))}
            value={year === null ? null : String(year)}
            onChange={(value) => {
              if (value) {
                setYear(Number(value))
                setExported(null)
              }
            }}
          />
          <Button leftSection={<IconDownload size={18} />} onClick={runExport} disabled={!data} loading={job.running}>
            {T.export}
          </Button>
        </Group>
      </Group>

      {exported && exported.year === year && (
        <Alert color="teal" title={T.exported} data-testid="export-result">
          <Group gap="sm">
            <Button size="xs" variant="light" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void redeliver('docx')}>
              {T.deliverDocx(exported.docx.name)}
            </Button>
            <Button size="xs" variant="light" leftSection={<IconFileTypeXls size={16} />} onClick={() => void redeliver('xlsx')}>
              {T.deliverXlsx(exported.xlsx.name)}
            </Button>
            {api.transportKind === 'electron' && savedFile && (
              <Button size="xs" variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void reveal(savedFile)}>
                {T.openFolder}
              </Button>
            )}
          </Group>
          {exported.chartNote && (
            <Text size="sm" mt="xs">
              {T.chartNote}：{exported.chartNote}
            </Text>
          )}
        </Alert>
      )}

      {data && !data.university && (
        <Alert color="yellow" data-testid="no-university">
          {T.noUniversity}{' '}
          <Anchor component="button" onClick={() => navigate('/settings')}>
            {T.toSettings}
          </Anchor>
        </Alert>
      )}
      {data && missing.length > 0 && (
        <Alert color="gray" variant="light">
          {T.missingSources(missing)}
        </Alert>
      )}

      {report.error && !data ? (
        <Alert color="red" title={T.failed}>
          {report.error.message}
        </Alert>
      ) : !data ? (
        <Group>
          <Loader size="sm" />
          <Text c="dimmed">{T.loading}</Text>
        </Group>
      ) : (
        <>
          <Headline report={data} />
          <ReportCharts report={data} />
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {T.tables}
            </Title>
            <SheetPreview
              sheets={data.sheets.map((s) =>
                s.name === '授权明细' && data.patents.grantList.length < data.patents.grantListTotal ? { ...s, note: T.previewCut(data.patents.grantList.length, data.patents.grantListTotal) } : s,
              )}
            />
          </Paper>
        </>
      )}

      {year !== null && narrative.data && narrative.data.year === year && <NarrativeEditor key={year} year={year} initial={narrative.data} ref={editor} />}

      <JobProgressModal title={T.exporting} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
