import { Group, Stack, Tabs, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useRouter } from '../../app/router'
import { POOL_TEXT as T } from './text'

const TABS = [
  { value: '/pool', label: T.tabs.inventory },
  { value: '/pool/list', label: T.tabs.pool },
  { value: '/pool/promotions', label: T.tabs.promotions },
  { value: '/pool/budget', label: T.tabs.budget },
  { value: '/pool/fees', label: T.tabs.fees },
] as const

/** Title and the pool's tabs; `actions` sit on the right of the title. */
export function PoolHeader({ actions }: { actions?: ReactNode }) {
  const { path, navigate } = useRouter()
  const current = TABS.find((t) => t.value === path.split('?')[0])?.value ?? null
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{T.title}</Title>
          <Text size="sm" c="dimmed">
            {T.subtitle}
          </Text>
        </div>
        {actions}
      </Group>
      <Tabs value={current} onChange={(value) => value && navigate(value)}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </Stack>
  )
}
