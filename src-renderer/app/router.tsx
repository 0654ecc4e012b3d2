import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'

// A hash router: works the same from file:// (Electron) and from the loopback host, with no server
// routes. Paths look like '/archive/assets/12'.

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '')
  return hash.startsWith('/') ? hash : '/archive'
}

const RouterContext = createContext<{ path: string; navigate: (to: string) => void }>({ path: '/archive', navigate: () => {} })

export function Router({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(currentPath)
  useEffect(() => {
    const onChange = () => setPath(currentPath())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  const navigate = (to: string) => {
    if (currentPath() !== to) window.location.hash = to
  }
  return <RouterContext.Provider value={{ path, navigate }}>{children}</RouterContext.Provider>
}

export function useRouter() {
  return useContext(RouterContext)
}

/** Match '/archive/assets/:id' against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean)
  const a = path.split('?')[0]!.split('/').filter(Boolean)
  if (p.length !== a.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(a[i]!)
    else if (part !== a[i]) return null
  }
  return params
}

export interface Route {
  pattern: string
  render: (params: Record<string, string>) => ReactNode
}

export function resolveRoute(routes: Route[], path: string): ReactNode | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    if (params) return route.render(params)
  }
  return null
}
