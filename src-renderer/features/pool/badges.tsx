import { Badge, Tooltip } from '@mantine/core'
import { CONVERSION_STATE_LABELS, POOL_GRADE_LABELS } from '../../../src-main/contract/labels'
import type { ConversionState, GradeInfo, PoolGradeCode } from '../../../src-main/contract/pool'

export const GRADE_COLORS: Record<PoolGradeCode, string> = { A: 'red', B: 'orange', C: 'blue', D: 'gray' }
export const STATE_COLORS: Record<ConversionState, string> = {
  none: 'gray',
  licensed: 'teal',
  transferred: 'violet',
  equity: 'grape',
  open_licence: 'cyan',
}

export function gradeLabel(grade: PoolGradeCode): string {
  return `${grade} ${POOL_GRADE_LABELS[grade]}`
}

export function GradeBadge({ grade }: { grade: GradeInfo | null }) {
  if (!grade) return null
  return (
    <Tooltip label={`${grade.gradedOn} ${grade.reason}`} multiline maw={360} withinPortal>
      <Badge color={GRADE_COLORS[grade.grade]} variant="light" data-testid="grade-badge">
        {gradeLabel(grade.grade)}
      </Badge>
    </Tooltip>
  )
}

export function StateBadge({ state }: { state: ConversionState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant={state === 'none' ? 'outline' : 'light'}>
      {CONVERSION_STATE_LABELS[state]}
    </Badge>
  )
}
