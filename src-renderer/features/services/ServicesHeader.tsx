import { Group, Tabs, Title } from '@mantine/core'
import { IconChartBar, IconClockHour4, IconFileImport, IconList, IconPencilPlus } from '@tabler/icons-react'
import { useRouter } from '../../app/router'
import { SERVICES_TEXT } from './text'

export type ServicesTab = 'ledger' | 'entry' | 'followUps' | 'stats' | 'import'

const PATHS: Record<ServicesTab, string> = {
  ledger: '/services',
  entry: '/services/new',
  followUps: '/services/follow-ups',
  stats: '/services/stats',
  import: '/services/import',
}
const ICONS = { ledger: IconList, entry: IconPencilPlus, followUps: IconClockHour4, stats: IconChartBar, import: IconFileImport } as const

/** The area's heading and its pages as tabs. */
export function ServicesHeader({ active }: { active: ServicesTab }) {
  const { navigate } = useRouter()
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Title order={2}>{SERVICES_TEXT.title}</Title>
      <Tabs value={active} onChange={(value) => value && navigate(PATHS[value as ServicesTab])} variant="outline">
        <Tabs.List>
          {(Object.keys(PATHS) as ServicesTab[]).map((tab) => {
            const Icon = ICONS[tab]
            return (
              <Tabs.Tab key={tab} value={tab} leftSection={<Icon size={16} stroke={1.6} />}>
                {SERVICES_TEXT.tabs[tab]}
              </Tabs.Tab>
            )
          })}
        </Tabs.List>
      </Tabs>
    </Group>
  )
}
