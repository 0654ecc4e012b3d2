import { AppShell, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core'
import {
  IconArchive,
  IconChartBar,
  IconFileCheck,
  IconMessages,
  IconScale,
  IconDatabaseExport,
  IconSettings,
  IconShieldCheck,
  IconStack2,
} from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useRouter } from '../../app/router'
import { IntegrityBanner } from './IntegrityBanner'
import { StatusBar } from './StatusBar'
import { SHELL_TEXT } from './text'

const NAV = [
  { to: '/archive', label: SHELL_TEXT.nav.archive, icon: IconArchive },
  { to: '/services', label: SHELL_TEXT.nav.services, icon: IconMessages },
  { to: '/disclosures', label: SHELL_TEXT.nav.disclosures, icon: IconFileCheck },
  { to: '/evaluations', label: SHELL_TEXT.nav.evaluations, icon: IconScale },
  { to: '/pool', label: SHELL_TEXT.nav.pool, icon: IconStack2 },
  { to: '/reports', label: SHELL_TEXT.nav.reports, icon: IconChartBar },
  { to: '/backup', label: SHELL_TEXT.nav.backup, icon: IconDatabaseExport },
  { to: '/audit', label: SHELL_TEXT.nav.audit, icon: IconShieldCheck },
  { to: '/settings', label: SHELL_TEXT.nav.settings, icon: IconSettings },
] as const

export function AppLayout({ children }: { children: ReactNode }) {
  const { path, navigate } = useRouter()
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} footer={{ height: 30 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" gap="xs">
          <Title order={4} c="indigo.8">
            {SHELL_TEXT.appName}
          </Title>
          <Text size="sm" c="dimmed">
            {SHELL_TEXT.appSubtitle}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="主导航">
        <ScrollArea>
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              href={`#${item.to}`}
              label={item.label}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={path === item.to || path.startsWith(item.to + '/')}
              onClick={(event) => {
                event.preventDefault()
                navigate(item.to)
              }}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <IntegrityBanner />
        {children}
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
    </AppShell>
  )
}
