import type { Route } from '../../app/router'
import { Placeholder } from '../../components/Placeholder'

export const reportsRoutes: Route[] = [{ pattern: '/reports', render: () => <Placeholder title="年度报告" /> }]
