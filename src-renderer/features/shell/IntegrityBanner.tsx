import { Alert, Button, Group, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { SHELL_TEXT } from './text'

/** Shown above every page when the background quick_check of the open archive failed. */
export function IntegrityBanner() {
  const info = useCall('system:info', {})
  const { navigate } = useRouter()
  const integrity = info.data?.integrity
  if (!integrity || integrity.state !== 'failed') return null
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={SHELL_TEXT.integrity.title} mb="md" data-testid="integrity-banner">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{integrity.message}</Text>
        <Button size="xs" color="red" variant="light" onClick={() => navigate('/backup')}>
          {SHELL_TEXT.integrity.action}
        </Button>
      </Group>
    </Alert>
  )
}
