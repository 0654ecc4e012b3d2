import type { Route } from './router'
import { archiveRoutes } from '../features/archive/routes'
import { servicesRoutes } from '../features/services/routes'
import { disclosuresRoutes } from '../features/disclosures/routes'
import { evaluationsRoutes } from '../features/evaluations/routes'
import { reportsRoutes } from '../features/reports/routes'
import { poolRoutes } from '../features/pool/routes'
import { settingsRoutes } from '../features/settings/routes'
import { backupRoutes } from '../features/backup/routes'
import { auditRoutes } from '../features/audit/routes'

/** Every page, by area. Each area owns its own routes file. */
export const ROUTES: Route[] = [
  ...archiveRoutes,
  ...servicesRoutes,
  ...disclosuresRoutes,
  ...evaluationsRoutes,
  ...reportsRoutes,
  ...poolRoutes,
  ...settingsRoutes,
  ...backupRoutes,
  ...auditRoutes,
]
