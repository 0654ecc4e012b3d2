import { Paper, Text, Title } from '@mantine/core'
import { SHELL_TEXT } from '../features/shell/text'

export function Placeholder({ title }: { title: string }) {
  return (
    <Paper p="xl" withBorder>
      <Title order={3} mb="sm">
        {title}
      </Title>
      <Text c="dimmed">{SHELL_TEXT.comingSoon}</Text>
    </Paper>
  )
}
