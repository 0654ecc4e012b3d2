import type { Route } from '../../app/router'
import { ArchivePage } from './ArchivePage'
import { ImportPage } from './import/ImportPage'

export const archiveRoutes: Route[] = [
  { pattern: '/archive', render: () => <ArchivePage /> },
  { pattern: '/archive/import', render: () => <ImportPage /> },
]
