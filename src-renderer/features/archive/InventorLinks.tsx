import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import type { InventorLink, ResearcherSummary } from '../../../src-main/contract/archive'
import { api } from '../../api/client'
import { notifyError, notifySuccess } from '../../components/errors'
import { ResearcherPicker } from '../../components/ResearcherPicker'
import { ARCHIVE_TEXT } from './text'
import { LinkStateBadge, RouteLink } from './ui'

const T = ARCHIVE_TEXT.links

/** One researcher in a link cell: name (to the researcher page), college, title, 工号. */
export function ResearcherLine({ r }: { r: ResearcherSummary }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <span style={{ whiteSpace: 'nowrap' }}>
        <RouteLink to={`/archive/researchers/${r.id}`} size="sm">
          {r.name}
        </RouteLink>
      </span>
      <Text size="xs" c="dimmed">
        {[r.college, r.title, `工号 ${r.staffNo}`].filter(Boolean).join(' · ')}
      </Text>
    </Group>
  )
}

/** One candidate of an ambiguous link with its own "确认是此人" button. */
export function CandidateLine({ assetId, rank, candidate, onChanged }: { assetId: number; rank: number; candidate: ResearcherSummary; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await api.call('links:set', { assetId, rank, action: 'confirm', researcherId: candidate.id })
      notifySuccess(T.done)
      onChanged()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Group gap={6} wrap="nowrap" justify="space-between">
      <ResearcherLine r={candidate} />
      {/* Never squeezed by a long candidate line: the label stays whole. */}
      <Button size="compact-xs" variant="light" color="teal" loading={busy} onClick={confirm} style={{ flexShrink: 0 }} aria-label={`${T.confirmThis}：${candidate.name}（${candidate.college}）`}>
        {T.confirmThis}
      </Button>
    </Group>
  )
}

/** Confirm / choose namesake / reassign / external for one link; `onChanged` after a successful change. */
export function LinkActions({ assetId, link, onChanged, compact }: { assetId: number; link: InventorLink | { rank: number; rawName: string; linkState: InventorLink['linkState']; researcherId: number | null; candidates: ResearcherSummary[] }; onChanged: () => void; compact?: boolean }) {
  const [busy, setBusy] = useState(false)
  const [reassign, setReassign] = useState(false)
  const [chosen, setChosen] = useState<number | null>(null)
  const act = async (action: 'confirm' | 'assign' | 'external', researcherId?: number) => {
    setBusy(true)
    try {
      await api.call('links:set', { assetId, rank: link.rank, action, ...(researcherId ? { researcherId } : {}) })
      notifySuccess(T.done)
      onChanged()
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }
  const size = compact ? 'compact-xs' : 'xs'
  return (
    <>
      <Group gap={4} wrap="wrap">
        {link.linkState === 'suggested' && link.researcherId !== null && (
          <Button size={size} variant="light" color="teal" loading={busy} onClick={() => act('confirm')}>
            {T.confirm}
          </Button>
        )}
        <Button size={size} variant="subtle" loading={busy} onClick={() => setReassign(true)}>
          {T.assign}
        </Button>
        {link.linkState !== 'external' && (
          <Button size={size} variant="subtle" color="gray" loading={busy} onClick={() => act('external')}>
            {T.external}
          </Button>
        )}
      </Group>
      <Modal opened={reassign} onClose={() => setReassign(false)} title={`${T.assign}：${link.rawName}`} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (chosen) {
              setReassign(false)
              void act('assign', chosen)
            }
          }}
        >
          <Stack>
            <ResearcherPicker label={T.chooseOther} value={chosen} onChange={(id) => setChosen(id)} data-autofocus />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReassign(false)}>
                {ARCHIVE_TEXT.common.cancel}
              </Button>
              <Button type="submit" disabled={!chosen}>
                {ARCHIVE_TEXT.common.confirm}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

/** The inventors of an asset in rank order, each with its link state and actions. */
export function InventorLinks({ assetId, links, onChanged }: { assetId: number; links: InventorLink[]; onChanged: () => void }) {
  return (
    <Table fz="sm" verticalSpacing={6} data-testid="inventor-links">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>{ARCHIVE_TEXT.links.state}</Table.Th>
          <Table.Th w={140}>{ARCHIVE_TEXT.links.inventor}</Table.Th>
          <Table.Th>{ARCHIVE_TEXT.links.researcherCol}</Table.Th>
          <Table.Th w={220} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {links.map((l) => (
          <Table.Tr key={l.rank} data-testid={`inventor-${l.rank}`}>
            <Table.Td>
              <LinkStateBadge state={l.linkState} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={l.rank === 1 ? 600 : 400}>
                {l.rank}. {l.rawName}
              </Text>
              {l.rank === 1 && (
                <Text size="xs" c="dimmed">
                  {T.rank(1)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {l.researcher && <ResearcherLine r={l.researcher} />}
              {l.linkState === 'ambiguous' && (
                <Stack gap={4}>
                  {l.candidates.map((c) => (
                    <CandidateLine key={c.id} assetId={assetId} rank={l.rank} candidate={c} onChanged={onChanged} />
                  ))}
                </Stack>
              )}
              {!l.researcher && l.linkState !== 'ambiguous' && (
                <Text size="sm" c="dimmed">
                  {ARCHIVE_TEXT.common.none}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <LinkActions assetId={assetId} link={l} onChanged={onChanged} compact />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
