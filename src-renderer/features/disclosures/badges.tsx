import { Badge, Group } from '@mantine/core'
import type { VerdictCode, VerdictCounts } from '../../../src-main/contract/disclosures'
import { DISCLOSURE_STATUS_LABELS, VERDICT_LABELS } from '../../../src-main/contract/labels'
import { DISCLOSURES_TEXT as T } from './text'

export function VerdictBadge({ verdict, size = 'md' }: { verdict: VerdictCode | null; size?: 'sm' | 'md' | 'lg' }) {
  if (!verdict) {
    return (
      <Badge color="gray" variant="light" size={size}>
        {T.review.unverified}
      </Badge>
    )
  }
  return (
    <Badge color={T.verdictColors[verdict]} variant="filled" size={size} data-verdict={verdict}>
      {VERDICT_LABELS[verdict]}
    </Badge>
  )
}

export function StatusBadge({ status }: { status: 'draft' | 'signed' }) {
  return (
    <Badge color={status === 'signed' ? 'indigo' : 'yellow'} variant="light">
      {DISCLOSURE_STATUS_LABELS[status]}
    </Badge>
  )
}

/** 一致 3 · 不一致 1 · … — only the verdicts that occur. */
export function CountsBadges({ counts }: { counts: VerdictCounts }) {
  const verdicts: VerdictCode[] = ['consistent', 'inconsistent', 'not_found', 'invalid_number']
  return (
    <Group gap={4} wrap="wrap">
      {verdicts
        .filter((v) => counts[v] > 0)
        .map((v) => (
          <Badge key={v} color={T.verdictColors[v]} variant="light" size="sm">
            {VERDICT_LABELS[v]} {counts[v]}
          </Badge>
        ))}
      {counts.unverified > 0 && (
        <Badge color="gray" variant="light" size="sm">
          {T.review.unverified} {counts.unverified}
        </Badge>
      )}
    </Group>
  )
}

export function periodLabel(from: string | null, to: string | null): string {
  if (!from && !to) return '不限'
  return `${from ?? '不限'} 至 ${to ?? '不限'}`
}

/** ISO instant → 'YYYY-MM-DD HH:mm' in local time. */
export function localTime(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
