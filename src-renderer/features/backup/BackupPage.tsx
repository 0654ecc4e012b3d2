import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconArchive, IconDatabaseExport, IconFileImport, IconRestore, IconShieldCheck } from '@tabler/icons-react'
import { useState } from 'react'
import { BACKUP_REASON_LABELS, type BackupInfo, type IntegrityReport } from '../../../src-main/contract/backup'
import type { PickedFile } from '../../../src-main/contract/system'
import { api } from '../../api/client'
import { useArchiveVersion, useCall, useJob } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { JobProgressModal } from '../../components/JobProgressModal'
import { BACKUP_TEXT as T } from './text'

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false })
}

type RestoreChoice = { kind: 'backup'; backup: BackupInfo } | { kind: 'file'; file: PickedFile }

function IntegrityResult({ report }: { report: IntegrityReport }) {
  return (
    <Alert color={report.ok ? 'teal' : 'red'} title={report.ok ? T.result.ok : T.result.bad} icon={<IconShieldCheck />} data-testid="integrity-result">
      <Stack gap={4}>
        <Text size="sm">{report.message}</Text>
        <Text size="xs" c="dimmed">
          {[T.result.duration(report.durationMs), T.result.version(report.schemaVersion), T.result.size(formatBytes(report.bytes)), T.result.audit(report.audit.entries)].join(' · ')}
        </Text>
        {report.problems.length > 0 && (
          <List size="xs">
            {report.problems.slice(0, 10).map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  )
}

export function BackupPage() {
  const list = useCall('backup:list', {})
  const { invalidate } = useArchiveVersion()
  const job = useJob()
  const [jobTitle, setJobTitle] = useState('')
  const [report, setReport] = useState<IntegrityReport | null>(null)
  const [choice, setChoice] = useState<RestoreChoice | null>(null)
  const data = list.data

  const backupNow = async () => {
    setJobTitle(T.backingUp)
    try {
      const made = await job.run('backup:create', {})
      notifySuccess(T.backedUp(made.name))
      list.reload()
    } catch (error) {
      notifyError(error)
    }
  }

  const check = async () => {
    setJobTitle(T.checking)
    try {
      setReport(await job.run('backup:check', { full: true }))
    } catch (error) {
      notifyError(error)
    }
  }

  const pickFile = async () => {
    try {
      const file = await api.pickFile(T.pickTitle, ['sqlite', 'db'])
      if (file) setChoice({ kind: 'file', file })
    } catch (error) {
      notifyError(error)
    }
  }

  const restore = async () => {
    if (!choice) return
    const source = choice.kind === 'backup' ? { kind: 'backup' as const, name: choice.backup.name } : { kind: 'file' as const, ref: choice.file.ref }
    setChoice(null)
    setJobTitle(T.restoring)
    try {
      const result = await job.run('backup:restore', { source })
      notifySuccess(T.restored(result.restoredFrom, result.counts.assets))
      setReport(null)
      invalidate()
      list.reload()
    } catch (error) {
      notifyError(error)
    }
  }

  const exportBackup = async (backup: BackupInfo) => {
    try {
      const out = await api.call('backup:export', { name: backup.name })
      await api.deliverFile(out.ref, out.name)
      notifySuccess(T.exported)
    } catch (error) {
      notifyError(error)
    }
  }

  return (
    <Stack maw={1100}>
      <Title order={2}>{T.title}</Title>
      <Text c="dimmed" size="sm">
        {T.intro}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text size="sm">
            {T.archiveFile}：<Text span ff="monospace" size="sm">{data?.archiveFile ?? '…'}</Text>
          </Text>
          <Text size="sm">
            {T.folder}：<Text span ff="monospace" size="sm" data-testid="backup-folder">{data?.folder ?? '…'}</Text>
          </Text>
          {data && (
            <Text size="sm" c="dimmed">
              {T.policy(data.keepLast, data.keepMonthly)}
            </Text>
          )}
          <Group mt="xs">
            <Button leftSection={<IconArchive size={18} />} onClick={backupNow} loading={job.running} data-autofocus>
              {T.backupNow}
            </Button>
            <Button variant="light" leftSection={<IconShieldCheck size={18} />} onClick={check} disabled={job.running}>
              {T.check}
            </Button>
            <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={pickFile} disabled={job.running}>
              {T.restoreFromFile}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {report && <IntegrityResult report={report} />}

      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {T.list}
        </Title>
        {data && data.backups.length === 0 ? (
          <Text c="dimmed" data-testid="backup-empty">
            {T.empty}
          </Text>
        ) : (
          <Table striped highlightOnHover data-testid="backup-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.columns.time}</Table.Th>
                <Table.Th>{T.columns.reason}</Table.Th>
                <Table.Th ta="right">{T.columns.size}</Table.Th>
                <Table.Th ta="right">{T.columns.version}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.backups.map((b) => {
                const tooNew = b.schemaVersion !== null && b.schemaVersion > data.latestSchemaVersion
                return (
                  <Table.Tr key={b.name} data-testid="backup-row">
                    <Table.Td>
                      <Tooltip label={b.name}>
                        <Text size="sm">{formatTime(b.createdAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={b.reason === 'manual' ? 'indigo' : b.reason === 'restore' ? 'orange' : 'gray'}>
                        {BACKUP_REASON_LABELS[b.reason]}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{formatBytes(b.bytes)}</Table.Td>
                    <Table.Td ta="right">{b.schemaVersion ?? '?'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end">
                        <Tooltip label={T.tooNew} disabled={!tooNew}>
                          <Button size="xs" variant="light" color="orange" leftSection={<IconRestore size={14} />} disabled={tooNew || job.running} onClick={() => setChoice({ kind: 'backup', backup: b })}>
                            {T.restore}
                          </Button>
                        </Tooltip>
                        <Button size="xs" variant="subtle" leftSection={<IconDatabaseExport size={14} />} onClick={() => exportBackup(b)}>
                          {T.export}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Modal opened={choice !== null} onClose={() => setChoice(null)} title={T.confirmTitle} centered>
        {choice && (
          <Stack>
            <Text size="sm">{choice.kind === 'backup' ? T.confirmBody : T.confirmFileBody(choice.file.name)}</Text>
            {choice.kind === 'backup' && (
              <Paper withBorder p="sm" bg="gray.0">
                <Text size="sm">
                  {formatTime(choice.backup.createdAt)} · {BACKUP_REASON_LABELS[choice.backup.reason]} · {formatBytes(choice.backup.bytes)} · 数据结构版本 {choice.backup.schemaVersion ?? '?'}
                </Text>
              </Paper>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setChoice(null)} data-autofocus>
                {T.cancel}
              </Button>
              <Button color="red" leftSection={<IconRestore size={16} />} onClick={restore}>
                {T.confirm}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <JobProgressModal title={jobTitle} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Stack>
  )
}
