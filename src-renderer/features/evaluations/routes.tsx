import type { Route } from '../../app/router'
import { Placeholder } from '../../components/Placeholder'

export const evaluationsRoutes: Route[] = [{ pattern: '/evaluations', render: () => <Placeholder title="申请前评估" /> }]
