import { Group, Text, Tooltip } from '@mantine/core'
import { useCall } from '../../api/hooks'
import { api } from '../../api/client'
import { SHELL_TEXT } from './text'

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

/** The bottom line: which archive file is open and what it holds. */
export function StatusBar() {
  const info = useCall('system:info', {})
  const t = SHELL_TEXT.status
  const counts = info.data?.counts
  return (
    <Group h="100%" px="md" gap="lg" wrap="nowrap" data-testid="status-bar" style={{ fontSize: 12 }}>
      <Tooltip label={info.data?.archiveFile ?? ''}>
        <Text size="xs" truncate="end" maw={320} data-testid="status-archive">
          {t.archive}：{info.data ? fileName(info.data.archiveFile) : '…'}
        </Text>
      </Tooltip>
      {counts && (
        <>
          <Text size="xs" data-testid="status-assets">{t.assets} {counts.assets.toLocaleString('zh-CN')}</Text>
          <Text size="xs" data-testid="status-researchers">{t.researchers} {counts.researchers.toLocaleString('zh-CN')}</Text>
          <Text size="xs" data-testid="status-projects">{t.projects} {counts.projects.toLocaleString('zh-CN')}</Text>
          <Text size="xs" data-testid="status-services">{t.services} {counts.services.toLocaleString('zh-CN')}</Text>
          <Text size="xs">{t.disclosures} {counts.disclosures.toLocaleString('zh-CN')}</Text>
          <Text size="xs">{t.evaluations} {counts.evaluations.toLocaleString('zh-CN')}</Text>
        </>
      )}
      <Text size="xs" c="dimmed" ml="auto">
        {api.transportKind === 'web' ? t.transportWeb : t.transportElectron}
        {info.data ? ` · v${info.data.appVersion}` : ''}
      </Text>
    </Group>
  )
}
