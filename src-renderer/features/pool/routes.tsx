import type { Route } from '../../app/router'
import { AssetPage } from './AssetPage'
import { BudgetPage } from './BudgetPage'
import { FeesPage } from './FeesPage'
import { InventoryPage } from './InventoryPage'
import { PoolListPage } from './PoolListPage'
import { PromotionsPage } from './PromotionsPage'

export const poolRoutes: Route[] = [
  { pattern: '/pool', render: () => <InventoryPage /> },
  { pattern: '/pool/list', render: () => <PoolListPage /> },
  { pattern: '/pool/promotions', render: () => <PromotionsPage /> },
  { pattern: '/pool/budget', render: () => <BudgetPage /> },
  { pattern: '/pool/fees', render: () => <FeesPage /> },
  { pattern: '/pool/assets/:id', render: ({ id }) => <AssetPage key={id} id={Number(id)} /> },
]
