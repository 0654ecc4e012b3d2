import { Badge, Group, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { AssetRow } from '../../src-main/contract/archive'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../../src-main/contract/labels'
import type { AssetKind } from '../../src-main/db/schema'
import { api } from '../api/client'
import { AsyncPicker } from './AsyncPicker'

// Pick an IP right of the archive by any number (申请号/专利号/公开号/登记号, in any pasted form) or by
// words of its title, inventors or applicants. Shared by the areas that link to assets.

export interface AssetPickerProps {
  value: number | null
  onChange: (id: number | null, asset: AssetRow | null) => void
  /** Only these kinds. */
  kinds?: AssetKind[]
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

export function assetLabel(a: Pick<AssetRow, 'appNo' | 'title'>): string {
  return `${a.appNo} ${a.title}`
}

export function AssetOption({ asset: a }: { asset: AssetRow }) {
  return (
    <Stack gap={0}>
      <Group gap={6} wrap="nowrap">
        <Badge size="xs" variant="light">
          {ASSET_KIND_LABELS[a.kind]}
        </Badge>
        <Text size="sm" ff="monospace">
          {a.appNo}
        </Text>
        <Text size="xs" c="dimmed">
          {STATUS_GROUP_LABELS[a.statusGroup]}
        </Text>
      </Group>
      <Text size="sm" truncate="end" maw={460}>
        {a.title}
      </Text>
      {a.inventors && (
        <Text size="xs" c="dimmed" truncate="end" maw={460}>
          {a.inventors}
        </Text>
      )}
    </Stack>
  )
}

export function AssetPicker({ kinds, placeholder, ...props }: AssetPickerProps) {
  return (
    <AsyncPicker<AssetRow>
      {...props}
      placeholder={placeholder ?? '申请号、公开号或名称中的词'}
      search={(q) => api.call('archive:search', { q, limit: 10, ...(kinds?.length ? { kinds } : {}) }).then((r) => r.items)}
      load={(id) => api.call('archive:brief', { ids: [id] }).then((rows) => rows[0] ?? null)}
      idOf={(a) => a.id}
      labelOf={assetLabel}
      renderOption={(a) => <AssetOption asset={a} />}
      nothingFound="档案中没有找到：核对号码，或换个关键词"
    />
  )
}
