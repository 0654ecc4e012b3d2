import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useCall } from '../../api/hooks'
import { EmptyArchive } from '../shell/EmptyArchive'
import { SHELL_TEXT } from '../shell/text'

/** The archive's landing page: the empty state on a new archive, otherwise an overview. */
export function ArchivePage() {
  const stats = useCall('system:stats', {})
  if (!stats.data) return null
  if (stats.data.assets === 0) return <EmptyArchive />
  const t = SHELL_TEXT.status
  const cards = [
    [t.assets, stats.data.assets],
    [t.researchers, stats.data.researchers],
    [t.projects, stats.data.projects],
    [t.services, stats.data.services],
  ] as const
  return (
    <Stack>
      <Title order={2}>{SHELL_TEXT.nav.archive}</Title>
      <SimpleGrid cols={4}>
        {cards.map(([label, n]) => (
          <Paper key={label} withBorder p="md">
            <Text size="sm" c="dimmed">{label}</Text>
            <Text size="xl" fw={700}>{n.toLocaleString('zh-CN')}</Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  )
}
