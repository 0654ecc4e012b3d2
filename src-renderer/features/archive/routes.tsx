import type { Route } from '../../app/router'
import { Placeholder } from '../../components/Placeholder'
import { ArchivePage } from './ArchivePage'

export const archiveRoutes: Route[] = [
  { pattern: '/archive', render: () => <ArchivePage /> },
  { pattern: '/archive/import', render: () => <Placeholder title="导入专利清单" /> },
]
