import template from '../../resources/pool/grading-indicators.json'
import { gradingTemplateSchema, type GradingTemplate } from '../contract/pool'

/** The value-grading indicators shipped in resources/pool/grading-indicators.json. */
export function gradingTemplate(): GradingTemplate {
  return gradingTemplateSchema.parse(template)
}
