import type { Route } from '../../app/router'
import { EntryPage } from './EntryPage'
import { FollowUpsPage } from './FollowUpsPage'
import { ImportPage } from './ImportPage'
import { LedgerPage } from './LedgerPage'
import { ResearcherServicesPage } from './ResearcherServicesPage'
import { StatsPage } from './StatsPage'

const idOf = (raw: string | undefined) => {
  const n = Number(raw)
  return Number.isInteger(n) && n > 0 ? n : null
}

export const servicesRoutes: Route[] = [
  { pattern: '/services', render: () => <LedgerPage /> },
  { pattern: '/services/new', render: () => <EntryPage /> },
  { pattern: '/services/follow-ups', render: () => <FollowUpsPage /> },
  { pattern: '/services/stats', render: () => <StatsPage /> },
  { pattern: '/services/import', render: () => <ImportPage /> },
  { pattern: '/services/researcher/:id', render: (p) => <ResearcherServicesPage key={p.id} researcherId={idOf(p.id) ?? 0} /> },
  { pattern: '/services/:id', render: (p) => <EntryPage key={p.id} id={idOf(p.id)} /> },
]
