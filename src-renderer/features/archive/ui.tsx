import { Anchor, Badge, Group, Tabs, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { ASSET_KIND_LABELS, LINK_STATE_LABELS, STATUS_GROUP_LABELS } from '../../../src-main/contract/labels'
import type { AssetKind, LinkState, StatusGroup } from '../../../src-main/db/schema'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { ARCHIVE_TEXT } from './text'

// Small pieces shared by the archive pages.

const NAV = [
  ['/archive', ARCHIVE_TEXT.nav.browse],
  ['/archive/links', ARCHIVE_TEXT.nav.links],
  ['/archive/researchers', ARCHIVE_TEXT.nav.researchers],
  ['/archive/projects', ARCHIVE_TEXT.nav.projects],
  ['/archive/due', ARCHIVE_TEXT.nav.due],
  ['/archive/conversions', ARCHIVE_TEXT.nav.conversions],
  ['/archive/import', ARCHIVE_TEXT.nav.import],
] as const

function activeTab(path: string): string {
  const p = path.split('?')[0]!
  if (p.startsWith('/archive/assets')) return '/archive'
  const match = [...NAV].reverse().find(([to]) => to !== '/archive' && (p === to || p.startsWith(to + '/')))
  return match ? match[0] : '/archive'
}

/** The archive's page header: title, optional actions, and the tabs between its pages. */
export function ArchiveHeader({ title, actions }: { title: ReactNode; actions?: ReactNode }) {
  const { path, navigate } = useRouter()
  const queue = useCall('links:queue', { limit: 1 })
  const pending = queue.data ? queue.data.counts.ambiguous + queue.data.counts.suggested : 0
  return (
    <>
      <Tabs value={activeTab(path)} onChange={(to) => to && navigate(to)} mb="sm">
        <Tabs.List>
          {NAV.map(([to, label]) => (
            <Tabs.Tab key={to} value={to} rightSection={to === '/archive/links' && pending > 0 ? <Badge size="xs" color="orange" variant="light">{pending}</Badge> : undefined}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2}>{title}</Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </>
  )
}

const STATUS_COLORS: Record<StatusGroup, string> = { valid: 'teal', pending: 'blue', lapsed: 'gray', unknown: 'yellow' }
export function StatusBadge({ group, event }: { group: StatusGroup; event?: string }) {
  return (
    <Badge color={STATUS_COLORS[group]} variant="light" size="sm" title={event}>
      {STATUS_GROUP_LABELS[group]}
      {event ? ` · ${event}` : ''}
    </Badge>
  )
}

export function KindBadge({ kind }: { kind: AssetKind }) {
  return (
    <Badge variant="outline" size="sm" color="indigo" style={{ flexShrink: 0, overflow: 'visible' }}>
      {ASSET_KIND_LABELS[kind]}
    </Badge>
  )
}

const LINK_COLORS: Record<LinkState, string> = { confirmed: 'teal', suggested: 'blue', ambiguous: 'orange', external: 'gray' }
export function LinkStateBadge({ state }: { state: LinkState }) {
  return (
    <Badge color={LINK_COLORS[state]} variant="light" size="sm">
      {LINK_STATE_LABELS[state]}
    </Badge>
  )
}

/** 元 (integer) → '12.35' 万元 with two decimals; null → '—'. */
export function yuanToWan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '—'
  return (yuan / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** 万元 as typed (number) → 元 (integer), or null. */
export function wanToYuan(wan: number | string | null | undefined): number | null {
  if (wan === null || wan === undefined || wan === '') return null
  const n = typeof wan === 'number' ? wan : Number(wan)
  return Number.isFinite(n) ? Math.round(n * 10_000) : null
}

/** An ISO timestamp as local 'YYYY-MM-DD HH:mm'. */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

export function AssetLink({ id, children }: { id: number; children: ReactNode }) {
  const { navigate } = useRouter()
  return (
    <Anchor
      href={`#/archive/assets/${id}`}
      onClick={(e) => {
        e.preventDefault()
        navigate(`/archive/assets/${id}`)
      }}
    >
      {children}
    </Anchor>
  )
}

export function RouteLink({ to, children, size }: { to: string; children: ReactNode; size?: 'xs' | 'sm' }) {
  const { navigate } = useRouter()
  return (
    <Anchor
      href={`#${to}`}
      size={size}
      onClick={(e) => {
        e.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </Anchor>
  )
}

export function idParam(raw: string | undefined): number {
  const n = Number(raw)
  return Number.isInteger(n) && n > 0 ? n : 0
}

/**
 * A line of text whose dates (2027-11-06) never break across lines: CJK text may wrap between any two
 * characters, and a date split as "202 / 7-11-06" reads as two numbers.
 */
export function TextWithDates({ text }: { text: string }) {
  const parts = text.split(/(\d{4}-\d{2}-\d{2})/u)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} style={{ whiteSpace: 'nowrap' }}>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  )
}
