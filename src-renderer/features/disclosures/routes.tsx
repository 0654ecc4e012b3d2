import type { Route } from '../../app/router'
import { DisclosureEditor } from './DisclosureEditor'
import { DisclosuresPage } from './DisclosuresPage'
import { ReviewPage } from './ReviewPage'

const idOf = (raw: string | undefined) => {
  const n = Number(raw)
  return Number.isInteger(n) && n > 0 ? n : 0
}

export const disclosuresRoutes: Route[] = [
  { pattern: '/disclosures', render: () => <DisclosuresPage /> },
  { pattern: '/disclosures/new', render: () => <DisclosureEditor key="new" /> },
  { pattern: '/disclosures/:id/edit', render: (p) => <DisclosureEditor key={`edit-${p.id}`} id={idOf(p.id)} /> },
  { pattern: '/disclosures/:id', render: (p) => <ReviewPage key={p.id} id={idOf(p.id)} /> },
]
