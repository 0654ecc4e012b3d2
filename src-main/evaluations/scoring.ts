import type { EvaluationRoute, Grade, Scores, TemplateBody, TemplateGrade } from '../contract/evaluations'

// Scoring is pure and shared: main stores the total and grade, and the renderer shows the same numbers
// live while the form is filled. Keep this module free of Node and Electron imports.
//
// Rule: each indicator's weight is the points it is worth out of 100; a score s (1..5) earns
// weight × s / 5. Weights are integers and scores are integers, so Σ weight × s is an integer and the
// total is exact to one decimal (a multiple of 0.2) — no float drift decides a grade boundary.

export interface DimensionScore {
  id: string
  name: string
  /** Sum of the dimension's indicator weights: its maximum points. */
  weight: number
  points: number
  scored: number
  /** Indicators that count (weight > 0). */
  count: number
}

export interface ScoreResult {
  /** Points earned by the indicators scored so far, 0..100, one decimal. */
  points: number
  /** The total once every weighted indicator is scored; null while incomplete. */
  total: number | null
  grade: Grade | null
  gradeInfo: TemplateGrade | null
  scored: number
  count: number
  complete: boolean
  dimensions: DimensionScore[]
  /** Indicators with a weight that still have no score, in template order. */
  missing: { id: string; name: string; dimension: string }[]
}

function tenths(sumWeightTimesScore: number): number {
  // Σ w·s / 5, kept exact: (Σ w·s × 2) / 10.
  return (sumWeightTimesScore * 2) / 10
}

export function gradeFor(body: TemplateBody, total: number): TemplateGrade {
  // Grades are ordered A..D with falling thresholds and D at 0 (enforced by the template schema).
  for (const grade of body.grades) if (total >= grade.min) return grade
  return body.grades[body.grades.length - 1]!
}

export function scoreEvaluation(body: TemplateBody, scores: Scores): ScoreResult {
  let sum = 0
  let scored = 0
  let count = 0
  const missing: ScoreResult['missing'] = []
  const dimensions = body.dimensions.map((dimension) => {
    let dimSum = 0
    let dimScored = 0
    let dimCount = 0
    let weight = 0
    for (const indicator of dimension.indicators) {
      weight += indicator.weight
      if (indicator.weight === 0) continue
      dimCount++
      const score = scores[indicator.id]?.score
      if (typeof score === 'number' && score >= 1 && score <= 5) {
        dimSum += indicator.weight * score
        dimScored++
      } else {
        missing.push({ id: indicator.id, name: indicator.name, dimension: dimension.name })
      }
    }
    sum += dimSum
    scored += dimScored
    count += dimCount
    return { id: dimension.id, name: dimension.name, weight, points: tenths(dimSum), scored: dimScored, count: dimCount }
  })
  const points = tenths(sum)
  const complete = count > 0 && scored === count
  const gradeInfo = complete ? gradeFor(body, points) : null
  return { points, total: complete ? points : null, grade: gradeInfo?.grade ?? null, gradeInfo, scored, count, complete, dimensions, missing }
}

/**
 * What the grade alone suggests, shown next to the recommendation as a starting point; the reviewer
 * decides (a high-scoring software method may still be better as 软件著作权).
 */
export function routeSuggestedByGrade(grade: Grade | null): EvaluationRoute | null {
  switch (grade) {
    case 'A':
    case 'B':
      return 'invention'
    case 'C':
      return 'utility'
    case 'D':
      return 'not_recommended'
    case null:
      return null
    default: {
      const unreachable: never = grade
      return unreachable
    }
  }
}

/** Points one indicator earns at a score: what the form shows beside each row. */
export function indicatorPoints(weight: number, score: number | null | undefined): number | null {
  if (typeof score !== 'number') return null
  return tenths(weight * score)
}
