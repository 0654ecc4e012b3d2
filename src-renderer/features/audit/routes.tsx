import type { Route } from '../../app/router'
import { AuditPage } from './AuditPage'

export const auditRoutes: Route[] = [{ pattern: '/audit', render: () => <AuditPage /> }]
