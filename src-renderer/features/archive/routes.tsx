import type { Route } from '../../app/router'
import { AssetDetailPage } from './AssetDetailPage'
import { BrowsePage } from './BrowsePage'
import { ConversionsPage } from './ConversionsPage'
import { DuePage } from './DuePage'
import { ImportPage } from './import/ImportPage'
import { LinksPage } from './LinksPage'
import { ProjectPage, ProjectsPage } from './ProjectsPages'
import { ResearcherPage, ResearchersPage } from './ResearchersPages'
import { idParam } from './ui'

export const archiveRoutes: Route[] = [
  { pattern: '/archive', render: () => <BrowsePage /> },
  { pattern: '/archive/import', render: () => <ImportPage /> },
  { pattern: '/archive/assets/:id', render: (p) => <AssetDetailPage key={p.id} id={idParam(p.id)} /> },
  { pattern: '/archive/links', render: () => <LinksPage /> },
  { pattern: '/archive/researchers', render: () => <ResearchersPage /> },
  { pattern: '/archive/researchers/:id', render: (p) => <ResearcherPage key={p.id} id={idParam(p.id)} /> },
  { pattern: '/archive/projects', render: () => <ProjectsPage /> },
  { pattern: '/archive/projects/:id', render: (p) => <ProjectPage key={p.id} id={idParam(p.id)} /> },
  { pattern: '/archive/due', render: () => <DuePage /> },
  { pattern: '/archive/conversions', render: () => <ConversionsPage /> },
]
