import { ActionIcon, Anchor, Badge, Button, Group, Modal, Pagination, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { PROMOTION_KIND_LABELS } from '../../../src-main/contract/labels'
import type { Promotion } from '../../../src-main/contract/pool'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { PoolHeader } from './PoolHeader'
import { PromotionModal, type PromotionDraft } from './PromotionModal'
import { POOL_TEXT as T } from './text'

const PAGE = 50
const KIND_COLORS = { roadshow: 'indigo', fair: 'teal', matchmaking: 'orange', other: 'gray' } as const

export function PromotionsPage() {
  const { invalidate } = useArchiveVersion()
  const [year, setYear] = useState<number | null>(null)
  const [page, setPage] = useState(1)
  const [draft, setDraft] = useState<PromotionDraft | null>(null)
  const [deleting, setDeleting] = useState<Promotion | null>(null)
  const list = useCall('pool:promotions', { ...(year ? { year } : {}), offset: (page - 1) * PAGE, limit: PAGE })
  const thisYear = new Date().getFullYear()
  const rows = list.data?.items ?? []
  const total = list.data?.total ?? 0

  const remove = async () => {
    if (!deleting) return
    try {
      await api.call('pool:deletePromotion', { id: deleting.id })
      notifySuccess(T.promotions.deleted)
      setDeleting(null)
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }

  return (
    <Stack>
      <PoolHeader
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDraft({ assetIds: [] })}>
            {T.promotions.new}
          </Button>
        }
      />
      <Group>
        <Select
          aria-label={T.promotions.year}
          placeholder={T.promotions.allYears}
          clearable
          data={Array.from({ length: 6 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: `${y} 年` }))}
          value={year ? String(year) : null}
          onChange={(v) => {
            setYear(v ? Number(v) : null)
            setPage(1)
          }}
          w={140}
        />
        <Text size="sm" c="dimmed">
          {T.total(total)}
        </Text>
      </Group>
      {list.data && !rows.length ? (
        <Paper withBorder p="xl" data-testid="promotions-empty">
          <Text c="dimmed">{T.promotions.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" data-testid="promotions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{T.promotions.heldOn}</Table.Th>
                <Table.Th w={90}>{T.promotions.kind}</Table.Th>
                <Table.Th>{T.promotions.titleField}</Table.Th>
                <Table.Th w={160}>{T.promotions.place}</Table.Th>
                <Table.Th w={160}>{T.promotions.audience}</Table.Th>
                <Table.Th w={80}>{T.promotions.attendees}</Table.Th>
                <Table.Th w={110}>{T.promotions.enterprises}</Table.Th>
                <Table.Th w={100}>{T.promotions.patents}</Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id} data-testid="promotion-row">
                  <Table.Td>{p.heldOn}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={KIND_COLORS[p.kind]}>
                      {PROMOTION_KIND_LABELS[p.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor size="sm" onClick={() => setDraft({ promotion: p })}>
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.place || T.none}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.audience || T.none}</Text>
                  </Table.Td>
                  <Table.Td>{p.attendees ?? T.none}</Table.Td>
                  <Table.Td>
                    <Tooltip label={p.enterprises.join('、')} disabled={!p.enterprises.length} multiline maw={320} withinPortal>
                      <Text size="sm">{T.promotions.enterprisesCount(p.enterprises.length)}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{T.promotions.patentsCount(p.assetIds.length)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`${T.promotions.delete} ${p.title}`} onClick={() => setDeleting(p)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      <PromotionModal
        draft={draft}
        onClose={() => setDraft(null)}
        onSaved={() => {
          setDraft(null)
          invalidate()
        }}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={T.promotions.delete}>
        <Stack>
          <Text size="sm">{T.promotions.confirmDelete}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {T.cancel}
            </Button>
            <Button color="red" onClick={() => void remove()} data-autofocus>
              {T.promotions.delete}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
