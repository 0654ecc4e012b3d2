import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconDatabaseImport, IconSparkles } from '@tabler/icons-react'
import { useArchiveVersion, useJob } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { JobProgressModal } from '../../components/JobProgressModal'
import { notifyError, notifySuccess } from '../../components/errors'
import { SHELL_TEXT } from './text'

/** First start: an empty archive offers the two ways to a living app. */
export function EmptyArchive() {
  const t = SHELL_TEXT.empty
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const job = useJob()
  const loadDemo = async () => {
    try {
      const counts = await job.run('demo:seed', { scale: 1 })
      notifySuccess(t.demoDone(counts.assets))
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <Center mih="60vh">
      <Paper p="xl" withBorder maw={620} data-testid="empty-archive">
        <Stack>
          <Title order={2}>{t.title}</Title>
          <Text c="dimmed">{t.body}</Text>
          <Group>
            <Button leftSection={<IconDatabaseImport size={18} />} onClick={() => navigate('/archive/import')}>
              {t.import}
            </Button>
            <Button variant="light" leftSection={<IconSparkles size={18} />} onClick={loadDemo} loading={job.running}>
              {t.demo}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <JobProgressModal title={t.demo} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </Center>
  )
}
