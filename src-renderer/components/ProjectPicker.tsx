import { Badge, Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ProjectSummary } from '../../src-main/contract/archive'
import { PROJECT_LEVEL_LABELS } from '../../src-main/contract/labels'
import { api } from '../api/client'
import { AsyncPicker } from './AsyncPicker'

// Pick a research project (科研项目) by its number or words of its name or funder.

export interface ProjectPickerProps {
  value: number | null
  onChange: (id: number | null, project: ProjectSummary | null) => void
  label?: ReactNode
  description?: ReactNode
  placeholder?: string
  error?: ReactNode
  required?: boolean
  disabled?: boolean
  clearable?: boolean
  autoFocus?: boolean
  'data-autofocus'?: boolean
  'data-testid'?: string
  'aria-label'?: string
  size?: 'xs' | 'sm' | 'md'
  w?: number | string
}

export function projectLabel(p: Pick<ProjectSummary, 'projectNo' | 'name'>): string {
  return `${p.projectNo} ${p.name}`
}

export function ProjectPicker({ placeholder, ...props }: ProjectPickerProps) {
  return (
    <AsyncPicker<ProjectSummary>
      {...props}
      placeholder={placeholder ?? '项目编号、名称或资助机构'}
      search={(q) => api.call('projects:search', { q, limit: 12 }).then((r) => r.items)}
      load={(id) => api.call('projects:get', { id }).catch(() => null)}
      idOf={(p) => p.id}
      labelOf={projectLabel}
      renderOption={(p) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" ff="monospace">
            {p.projectNo}
          </Text>
          <Text size="sm" truncate="end" maw={320}>
            {p.name}
          </Text>
          <Badge size="xs" variant="light" color={p.fiscalFunded ? 'teal' : 'gray'}>
            {PROJECT_LEVEL_LABELS[p.level]}
          </Badge>
        </Group>
      )}
      nothingFound="没有找到这个项目：换个写法，或先在“科研项目”中添加"
    />
  )
}
