import type { Route } from '../../app/router'
import { EvaluationFormPage } from './EvaluationFormPage'
import { EvaluationsPage } from './EvaluationsPage'
import { TemplateEditor } from './TemplateEditor'

// '/evaluations/template' comes before '/evaluations/:id', which would otherwise take it.
export const evaluationsRoutes: Route[] = [
  { pattern: '/evaluations', render: () => <EvaluationsPage /> },
  { pattern: '/evaluations/template', render: () => <TemplateEditor /> },
  { pattern: '/evaluations/:id', render: ({ id }) => <EvaluationFormPage key={id} id={Number(id)} /> },
]
