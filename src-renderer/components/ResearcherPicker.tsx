import { Badge, Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ResearcherSummary } from '../../src-main/contract/archive'
import { api } from '../api/client'
import { AsyncPicker } from './AsyncPicker'

// Pick a researcher (科研人员) by name, 工号 or pinyin initials ('zs' → 张三). Shared: consultations,
// disclosures and evaluations import it. Keyboard: type, ↑/↓, Enter; Esc closes; the × clears.

export interface ResearcherPickerProps {
  value: number | null
  onChange: (id: number | null, researcher: ResearcherSummary | null) => void
  label?: ReactNode
  description?: ReactNode
  placeholder?: string
  error?: ReactNode
  required?: boolean
  disabled?: boolean
  clearable?: boolean
  /** Only researchers of this college. */
  college?: string
  /** Leave out researchers who have left (在职 only). */
  activeOnly?: boolean
  autoFocus?: boolean
  'data-autofocus'?: boolean
  'data-testid'?: string
  'aria-label'?: string
  size?: 'xs' | 'sm' | 'md'
  w?: number | string
}

export function researcherLabel(r: Pick<ResearcherSummary, 'name' | 'staffNo' | 'college'>): string {
  return `${r.name}（${r.staffNo}${r.college ? ` · ${r.college}` : ''}）`
}

export function ResearcherOption({ researcher: r }: { researcher: ResearcherSummary }) {
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={500}>
          {r.name}
        </Text>
        <Text size="xs" c="dimmed">
          {r.staffNo}
        </Text>
        {!r.active && (
          <Badge size="xs" color="gray" variant="light">
            离职
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" truncate="end" maw={260}>
        {[r.college, r.title, r.disciplineName].filter(Boolean).join(' · ')}
      </Text>
    </Group>
  )
}

export function ResearcherPicker({ college, activeOnly, placeholder, ...props }: ResearcherPickerProps) {
  return (
    <AsyncPicker<ResearcherSummary>
      {...props}
      placeholder={placeholder ?? '姓名、工号或拼音首字母'}
      search={(q) => api.call('researchers:search', { q, limit: 12, ...(college ? { college } : {}), activeOnly: activeOnly ?? false }).then((r) => r.items)}
      load={(id) => api.call('researchers:get', { id }).catch(() => null)}
      idOf={(r) => r.id}
      labelOf={researcherLabel}
      renderOption={(r) => <ResearcherOption researcher={r} />}
      nothingFound="没有找到这位科研人员：换个写法，或先在“科研人员”中添加"
    />
  )
}
