import type { GradingTemplate, PoolGradeCode } from '../contract/pool'

// Optional indicator scores for value grading, on the same rule as the pre-filing evaluation: each
// indicator's weight is its points out of 100 and a score s (1..5) earns weight × s / 5. Pure (no Node),
// so the grading form shows the same total and suggested grade main stores.

export interface PoolScore {
  /** Points earned by the indicators scored so far, one decimal. */
  points: number
  /** Total once every weighted indicator is scored, else null. */
  total: number | null
  /** Grade the total suggests (the user decides the grade). */
  suggested: PoolGradeCode | null
  scored: number
  count: number
}

export function indicatorIds(template: GradingTemplate): string[] {
  return template.dimensions.flatMap((d) => d.indicators.filter((i) => i.weight > 0).map((i) => i.id))
}

export function scorePool(template: GradingTemplate, scores: Record<string, number>): PoolScore {
  let sum = 0
  let scored = 0
  let count = 0
  for (const dimension of template.dimensions) {
    for (const indicator of dimension.indicators) {
      if (indicator.weight === 0) continue
      count++
      const s = scores[indicator.id]
      if (typeof s === 'number' && Number.isInteger(s) && s >= 1 && s <= 5) {
        sum += indicator.weight * s
        scored++
      }
    }
  }
  // Σ w·s / 5 kept exact to one decimal: (Σ w·s × 2) / 10.
  const points = (sum * 2) / 10
  const total = count > 0 && scored === count ? points : null
  let suggested: PoolGradeCode | null = null
  if (total !== null) {
    suggested = template.grades[template.grades.length - 1]!.grade
    for (const grade of template.grades) {
      if (total >= grade.min) {
        suggested = grade.grade
        break
      }
    }
  }
  return { points, total, suggested, scored, count }
}
