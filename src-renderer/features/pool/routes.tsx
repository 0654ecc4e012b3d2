import type { Route } from '../../app/router'
import { Placeholder } from '../../components/Placeholder'

export const poolRoutes: Route[] = [{ pattern: '/pool', render: () => <Placeholder title="可转化专利" /> }]
