import { Center, Paper, Text, Title } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { api, hasTransport } from '../api/client'
import { ArchiveVersionContext } from '../api/hooks'
import { AppLayout } from '../features/shell/AppLayout'
import { SHELL_TEXT } from '../features/shell/text'
import { resolveRoute, Router, useRouter } from './router'
import { ROUTES } from './routes'

function Pages() {
  const { path, navigate } = useRouter()
  useEffect(() => api.on('menu:navigate', ({ to }) => navigate(to)), [navigate])
  return <>{resolveRoute(ROUTES, path) ?? <Text>{SHELL_TEXT.notFound}</Text>}</>
}

function NoTransport() {
  return (
    <Center h="100vh">
      <Paper withBorder p="xl" maw={520}>
        <Title order={3} mb="sm">{SHELL_TEXT.noToken.title}</Title>
        <Text>{SHELL_TEXT.noToken.body}</Text>
      </Paper>
    </Center>
  )
}

export function App() {
  const [version, setVersion] = useState(0)
  const connected = hasTransport()
  useEffect(() => (connected ? api.on('archive:changed', () => setVersion((v) => v + 1)) : undefined), [connected])
  useEffect(() => (connected ? api.on('archive:integrity', () => setVersion((v) => v + 1)) : undefined), [connected])
  const versionValue = useMemo(() => ({ version, invalidate: () => setVersion((v) => v + 1) }), [version])
  if (!connected) return <NoTransport />
  return (
    <ArchiveVersionContext.Provider value={versionValue}>
      <Router>
        <AppLayout>
          <Pages />
        </AppLayout>
      </Router>
    </ArchiveVersionContext.Provider>
  )
}
