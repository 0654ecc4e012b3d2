import type { Route } from '../../app/router'
import { Placeholder } from '../../components/Placeholder'

export const servicesRoutes: Route[] = [{ pattern: '/services', render: () => <Placeholder title="咨询服务" /> }]
