import { Button, Group, Modal, Progress, Stack, Text } from '@mantine/core'
import type { JobProgress } from '../../src-main/contract/events'
import { SHELL_TEXT } from '../features/shell/text'

/** Progress of a long job with a cancel button; blocks the page while it runs. */
export function JobProgressModal({ title, running, progress, onCancel }: { title: string; running: boolean; progress: JobProgress | null; onCancel: () => void }) {
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null
  return (
    <Modal opened={running} onClose={() => {}} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title={title} centered>
      <Stack gap="sm" data-testid="job-progress">
        <Text size="sm">{progress?.phase ?? SHELL_TEXT.job.working}</Text>
        <Progress value={percent ?? 100} animated={percent === null} striped={percent === null} aria-label={title} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {progress && progress.total > 0 ? `${progress.done.toLocaleString('zh-CN')} / ${progress.total.toLocaleString('zh-CN')}` : ''}
          </Text>
          <Button variant="default" size="xs" onClick={onCancel}>
            {SHELL_TEXT.job.cancel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
