import { EmptyState, Paper } from '@mantine/core'
import { IconInbox } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/** A clear empty state: what is (not) here and what to do next. */
export function EmptyNotice({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="xl" data-testid="services-empty">
      <EmptyState title={title} description={body} icon={<IconInbox size={32} stroke={1.4} />}>
        {children}
      </EmptyState>
    </Paper>
  )
}
