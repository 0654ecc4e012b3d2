import type { Route } from '../../app/router'
import { Placeholder } from '../../components/Placeholder'

export const disclosuresRoutes: Route[] = [{ pattern: '/disclosures', render: () => <Placeholder title="披露核实" /> }]
