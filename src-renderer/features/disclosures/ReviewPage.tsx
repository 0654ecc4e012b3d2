import { Alert, Badge, Button, Group, Modal, Pagination, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { IconArrowLeft, IconBulb, IconEdit, IconFileTypeDocx, IconFileTypeXls, IconLock, IconRefresh, IconSignature, IconTrash } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { VERDICTS, type DiscrepancyCode, type DisclosureDetail, type DisclosureItem, type VerdictCode } from '../../../src-main/contract/disclosures'
import { ASSET_KIND_LABELS, CLAIMED_STATUS_LABELS, LINK_STATE_LABELS, STATUS_GROUP_LABELS, VERDICT_LABELS } from '../../../src-main/contract/labels'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { CountsBadges, localTime, periodLabel, StatusBadge, VerdictBadge } from './badges'
import { DISCLOSURES_TEXT } from './text'

const T = DISCLOSURES_TEXT.review
const PAGE = 50

type Field = keyof typeof T.fields

/** Which row of the side-by-side table a discrepancy is about. */
const FIELD_OF: Record<DiscrepancyCode, Field> = {
  not_inventor: 'inventors',
  inventor_unconfirmed: 'inventors',
  rank_mismatch: 'rank',
  university_not_owner: 'owner',
  kind_mismatch: 'kind',
  status_mismatch: 'status',
  date_mismatch: 'date',
  date_out_of_period: 'date',
  title_mismatch: 'title',
}

function sideBySide(item: DisclosureItem): { field: Field; claim: ReactNode; archive: ReactNode }[] {
  const c = item.claim
  const e = item.evidence
  const a = e?.asset ?? null
  const self = e?.self ?? null
  const none = <Text size="sm" c="dimmed">—</Text>
  const rank = () => {
    if (!self) return none
    if (self.rank !== null) return `第${self.rank}${self.linkState ? `（${LINK_STATE_LABELS[self.linkState]}）` : ''}`
    return self.match === 'other' ? `同名者（工号 ${self.otherStaffNo ?? '?'}）` : '不在发明人之列'
  }
  return [
    {
      field: 'number',
      claim: c.number || <Text size="sm" c="dimmed">（未填写）</Text>,
      archive: a ? (
        <>
          {a.appNo}
          {(a.pubNo || a.grantNo) && (
            <Text size="xs" c="dimmed">
              {[a.pubNo, a.grantNo].filter(Boolean).join(' / ')}
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">{T.noEvidence}</Text>
      ),
    },
    { field: 'title', claim: c.title || none, archive: a?.title ?? none },
    { field: 'kind', claim: c.kind ? ASSET_KIND_LABELS[c.kind] : c.raw.kind || none, archive: a ? ASSET_KIND_LABELS[a.kind] : none },
    { field: 'rank', claim: c.rank !== null ? `第${c.rank}` : c.raw.rank || none, archive: a ? rank() : none },
    {
      field: 'status',
      claim: c.status ? CLAIMED_STATUS_LABELS[c.status] : c.raw.status || none,
      archive: a ? `${STATUS_GROUP_LABELS[a.statusGroup]}${a.statusEvent ? `（${a.statusEvent}）` : ''} · ${e?.granted ? T.granted : T.notGranted}` : none,
    },
    {
      field: 'date',
      claim: c.date ?? (c.raw.date || none),
      archive: a ? `申请日 ${a.filingDate ?? '—'}；授权公告日 ${a.grantDate ?? '—'}` : none,
    },
    {
      field: 'owner',
      claim: none,
      archive: a ? `${a.currentOwner || a.applicants || '—'}（${a.universityOwned ? T.owned : T.notOwned}）` : none,
    },
    {
      field: 'inventors',
      claim: none,
      archive: e?.inventors.length ? (
        <Text size="sm">
          {e.inventors.map((inv, i) => {
            const isSelf = self?.rank === inv.rank && self.match !== 'other' && self.match !== 'none'
            return (
              <span key={inv.rank}>
                {i > 0 ? '、' : ''}
                <span style={{ fontWeight: isSelf ? 700 : undefined }}>
                  {inv.rank}.{inv.name}
                </span>
                <Text span size="xs" c="dimmed">
                  （{inv.staffNo ? `${inv.staffNo}·` : ''}
                  {LINK_STATE_LABELS[inv.linkState]}）
                </Text>
              </span>
            )
          })}
        </Text>
      ) : (
        none
      ),
    },
  ]
}

function ItemCard({ item, draft, onNote, onOverride }: { item: DisclosureItem; draft: boolean; onNote: () => void; onOverride: () => void }) {
  const flagged = new Set(item.discrepancies.map((d) => FIELD_OF[d]))
  if (item.verdict === 'invalid_number' || item.verdict === 'not_found') flagged.add('number')
  const color = item.effectiveVerdict ? DISCLOSURES_TEXT.verdictColors[item.effectiveVerdict] : 'gray'
  return (
    <Paper withBorder p="sm" style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }} data-testid={`item-${item.seq}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs">
            <Text fw={700}>{item.seq}</Text>
            <VerdictBadge verdict={item.effectiveVerdict} />
            <Text size="sm" fw={500} maw={420} truncate="end" title={item.claim.title}>
              {item.claim.title || item.claim.number}
            </Text>
            {item.override && (
              <Badge color="gray" variant="outline" data-testid="override-badge">
                {T.overridden}（{T.systemVerdict}：{item.verdict ? VERDICT_LABELS[item.verdict] : T.unverified}）
              </Badge>
            )}
            {item.findings.map((f) => (
              <Badge key={f.code} color="red" variant="light" data-code={f.code}>
                {f.label}
              </Badge>
            ))}
          </Group>
          {draft && (
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" variant="default" onClick={onNote} data-testid={`note-${item.seq}`}>
                {T.addNote}
              </Button>
              <Button size="xs" variant="light" onClick={onOverride} data-testid={`override-${item.seq}`}>
                {T.override}
              </Button>
            </Group>
          )}
        </Group>
        <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>{T.field}</Table.Th>
              <Table.Th w="38%">{T.claim}</Table.Th>
              <Table.Th>{T.archive}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sideBySide(item)
              // Without an archive record, 权利人 and 发明人 have nothing to compare.
              .filter((row) => item.evidence?.asset || (row.field !== 'owner' && row.field !== 'inventors'))
              .map((row) => (
                <Table.Tr key={row.field} bg={flagged.has(row.field) ? 'red.0' : undefined} data-flagged={flagged.has(row.field) || undefined}>
                  <Table.Td c="dimmed">{T.fields[row.field]}</Table.Td>
                  <Table.Td>{row.claim}</Table.Td>
                  <Table.Td>{row.archive}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
        {item.findings.map((f) => (
          <Text key={f.code} size="sm" c="red.8">
            <b>{f.label}</b>：{f.detail}
          </Text>
        ))}
        {item.verdict === 'invalid_number' && item.evidence?.lookup.message && !item.suggestion && (
          <Text size="sm" c="grape.8">
            {item.evidence.lookup.message}
          </Text>
        )}
        {item.suggestion && (
          <Alert color="blue" variant="light" icon={<IconBulb size={16} />} p="xs" title={T.suggestion} data-testid={`suggestion-${item.seq}`}>
            <Text size="sm">{item.suggestion.text}</Text>
          </Alert>
        )}
        {item.remarks.length > 0 && (
          <Text size="xs" c="dimmed">
            {T.remarks}：{item.remarks.map((r) => r.text).join('；')}
          </Text>
        )}
        {item.override && (
          <Text size="sm">
            <b>{T.reason}</b>：{item.override.reason}
            <Text span size="xs" c="dimmed" ml="xs">
              {T.overrideBy(item.override.by ?? '', localTime(item.override.at))}
            </Text>
          </Text>
        )}
        {item.note && (
          <Text size="sm" data-testid={`note-text-${item.seq}`}>
            <b>{T.note}</b>：{item.note}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}

function NoteModal({ item, onClose, onSaved }: { item: DisclosureItem | null; onClose: () => void; onSaved: () => void }) {
  const [text, setText] = useState(item?.note ?? '')
  const [saving, setSaving] = useState(false)
  const save = async () => {
    if (!item) return
    setSaving(true)
    try {
      await api.call('disclosures:note', { itemId: item.id, note: text })
      onSaved()
    } catch (error) {
      notifyError(error)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal opened={item !== null} onClose={onClose} title={`${T.noteTitle}（${item?.seq ?? ''}）`}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack>
          <Textarea value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} maxLength={2000} data-autofocus aria-label={T.noteTitle} />
          <Group justify="flex-end">
            <Button type="submit" loading={saving}>
              {T.noteSave}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function OverrideModal({ item, onClose, onSaved }: { item: DisclosureItem | null; onClose: () => void; onSaved: () => void }) {
  const [verdict, setVerdict] = useState<VerdictCode | null>(item?.override?.verdict ?? VERDICTS.find((v) => v !== item?.verdict) ?? null)
  const [reason, setReason] = useState(item?.override?.reason ?? '')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const call = async (next: VerdictCode | null) => {
    if (!item) return
    if (next !== null && reason.trim().length < 2) {
      setError(T.needReason)
      return
    }
    setSaving(true)
    try {
      await api.call('disclosures:override', { itemId: item.id, verdict: next, reason })
      onSaved()
    } catch (e) {
      notifyError(e)
    } finally {
      setSaving(false)
    }
  }
  const options = VERDICTS.filter((v) => v !== item?.verdict).map((v) => ({ value: v, label: VERDICT_LABELS[v] }))
  return (
    <Modal opened={item !== null} onClose={onClose} title={`${T.overrideTitle}（${item?.seq ?? ''}）`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void call(verdict)
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {T.systemVerdict}：{item?.verdict ? VERDICT_LABELS[item.verdict] : T.unverified}。{T.overrideHint}
          </Text>
          <Select label={T.overrideVerdict} data={options} value={verdict} onChange={(v) => setVerdict(v as VerdictCode | null)} allowDeselect={false} data-testid="override-verdict" />
          <Textarea
            label={T.overrideReason}
            placeholder={T.overrideReasonHint}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value)
              setError(null)
            }}
            error={error}
            autosize
            minRows={2}
            maxLength={1000}
            required
            data-autofocus
            data-testid="override-reason"
          />
          <Group justify="space-between">
            {item?.override ? (
              <Button variant="subtle" color="gray" onClick={() => void call(null)} loading={saving}>
                {T.overrideClear}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={saving} data-testid="override-save">
              {T.overrideSave}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function Header({ d }: { d: DisclosureDetail }) {
  const facts: [string, string][] = [
    [T.college, d.researcher.college || '—'],
    [T.purpose, d.purpose],
    [T.period, periodLabel(d.periodFrom, d.periodTo)],
    [T.verifiedAt, localTime(d.verifiedAt)],
    ...(d.sourceFile ? ([[T.source, d.sourceFile]] as [string, string][]) : []),
    ...(d.status === 'signed' ? ([[T.signedBy, `${d.signedBy ?? ''} ${d.signedOn ?? ''}`]] as [string, string][]) : []),
  ]
  return (
    <Group gap="lg" wrap="wrap">
      {facts.map(([label, value]) => (
        <Text key={label} size="sm">
          <Text span c="dimmed">
            {label}：
          </Text>
          {value}
        </Text>
      ))}
    </Group>
  )
}

export function ReviewPage({ id }: { id: number }) {
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const detail = useCall('disclosures:get', { id })
  const [filter, setFilter] = useState<'all' | 'problems'>('all')
  const [page, setPage] = useState(1)
  const [noteItem, setNoteItem] = useState<DisclosureItem | null>(null)
  const [overrideFor, setOverrideFor] = useState<DisclosureItem | null>(null)
  const [confirm, setConfirm] = useState<'sign' | 'delete' | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  if (detail.error && !detail.data) return <Text c="red">{detail.error.message}</Text>
  const d = detail.data
  if (!d) return null
  const draft = d.status === 'draft'
  // "Problems" keeps an item the librarian overrode in view: it needed attention, and still shows why.
  const needsAttention = (i: DisclosureItem) => i.verdict !== 'consistent' || i.effectiveVerdict !== 'consistent'
  const problemCount = d.items.filter(needsAttention).length
  const items = filter === 'all' ? d.items : d.items.filter(needsAttention)
  const pages = Math.max(1, Math.ceil(items.length / PAGE))
  const shown = items.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE)

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what)
    try {
      await fn()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(null)
    }
  }
  const exportAs = (format: 'docx' | 'xlsx') =>
    run(format, async () => {
      const out = await api.call('disclosures:export', { id, format })
      await api.deliverFile(out.ref, out.name)
      notifySuccess(T.exported(out.name))
    })

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Button variant="subtle" size="xs" px={0} leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/disclosures')} w="fit-content">
            {T.back}
          </Button>
          <Group gap="sm">
            <Title order={2}>
              {d.researcher.name}（{d.researcher.staffNo}）
            </Title>
            <StatusBadge status={d.status} />
            {d.certificateNo && (
              <Badge variant="outline" color="indigo" data-testid="certificate-no">
                {T.certificateNo} {d.certificateNo}
              </Badge>
            )}
          </Group>
          <Header d={d} />
        </Stack>
        <Group gap="xs">
          {draft && (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => navigate(`/disclosures/${id}/edit`)}>
                {T.edit}
              </Button>
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                loading={busy === 'verify'}
                onClick={() =>
                  void run('verify', async () => {
                    await api.call('disclosures:verify', { id })
                    detail.reload()
                    notifySuccess(T.reverified)
                  })
                }
              >
                {T.reverify}
              </Button>
            </>
          )}
          <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} loading={busy === 'docx'} onClick={() => void exportAs('docx')} data-testid="export-docx">
            {T.exportDocx}
          </Button>
          <Button variant="default" leftSection={<IconFileTypeXls size={16} />} loading={busy === 'xlsx'} onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
            {T.exportXlsx}
          </Button>
          {draft && (
            <>
              <Button leftSection={<IconSignature size={16} />} onClick={() => setConfirm('sign')} data-testid="sign">
                {T.sign}
              </Button>
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirm('delete')}>
                {T.delete}
              </Button>
            </>
          )}
        </Group>
      </Group>

      {!draft && (
        <Alert color="indigo" icon={<IconLock size={18} />} data-testid="frozen">
          {T.frozen}
        </Alert>
      )}
      {d.note && (
        <Text size="sm">
          <Text span c="dimmed">
            {DISCLOSURES_TEXT.editor.note}：
          </Text>
          {d.note}
        </Text>
      )}

      <Group justify="space-between">
        <Group gap="sm">
          <SegmentedControl
            value={filter}
            onChange={(v) => {
              setFilter(v as typeof filter)
              setPage(1)
            }}
            data={[
              { value: 'all', label: `${T.all}（${d.counts.total}）` },
              { value: 'problems', label: `${T.problems}（${problemCount}）` },
            ]}
          />
          <CountsBadges counts={d.counts} />
        </Group>
        {items.length > PAGE && (
          <Text size="sm" c="dimmed">
            {T.page((page - 1) * PAGE + 1, Math.min(page * PAGE, items.length), items.length)}
          </Text>
        )}
      </Group>

      <Stack gap="sm" data-testid="review-items">
        {shown.map((item) => (
          <ItemCard key={item.id} item={item} draft={draft} onNote={() => setNoteItem(item)} onOverride={() => setOverrideFor(item)} />
        ))}
      </Stack>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}

      {noteItem && (
        <NoteModal
          key={noteItem.id}
          item={noteItem}
          onClose={() => setNoteItem(null)}
          onSaved={() => {
            setNoteItem(null)
            detail.reload()
          }}
        />
      )}
      {overrideFor && (
        <OverrideModal
          key={overrideFor.id}
          item={overrideFor}
          onClose={() => setOverrideFor(null)}
          onSaved={() => {
            setOverrideFor(null)
            detail.reload()
          }}
        />
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={confirm === 'sign' ? T.signTitle : T.deleteTitle} centered>
        <Stack>
          <Text size="sm">{confirm === 'sign' ? T.signBody : T.deleteBody}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {DISCLOSURES_TEXT.editor.cancel}
            </Button>
            {confirm === 'sign' ? (
              <Button
                data-autofocus
                loading={busy === 'sign'}
                data-testid="sign-confirm"
                onClick={() =>
                  void run('sign', async () => {
                    const signed = await api.call('disclosures:sign', { id })
                    setConfirm(null)
                    detail.reload()
                    invalidate()
                    notifySuccess(T.signed(signed.certificateNo ?? ''))
                  })
                }
              >
                {T.signConfirm}
              </Button>
            ) : (
              <Button
                color="red"
                loading={busy === 'delete'}
                onClick={() =>
                  void run('delete', async () => {
                    await api.call('disclosures:delete', { id })
                    setConfirm(null)
                    invalidate()
                    notifySuccess(T.deleted)
                    navigate('/disclosures')
                  })
                }
              >
                {T.deleteConfirm}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
