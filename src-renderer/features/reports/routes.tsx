import type { Route } from '../../app/router'
import { ReportsPage } from './ReportsPage'

export const reportsRoutes: Route[] = [{ pattern: '/reports', render: () => <ReportsPage /> }]
