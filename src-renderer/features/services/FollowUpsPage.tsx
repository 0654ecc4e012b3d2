import { Badge, Button, Group, Pagination, Paper, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { ServiceRow } from '../../../src-main/contract/services'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { EmptyNotice } from './EmptyNotice'
import { ServicesHeader } from './ServicesHeader'
import { ServiceTable } from './ServiceTable'
import { SERVICES_TEXT } from './text'

const T = SERVICES_TEXT.followUps
const PAGE = 50

function daysFromToday(iso: string, today: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

/** Follow-ups not yet done, most overdue first; one click marks one done. */
export function FollowUpsPage() {
  const [within, setWithin] = useState('14')
  const [page, setPage] = useState(1)
  const { invalidate } = useArchiveVersion()
  const list = useCall('services:followUps', { withinDays: Number(within), offset: (page - 1) * PAGE, limit: PAGE })
  const options = useCall('services:options', {})
  const today = options.data?.today ?? new Date().toISOString().slice(0, 10)

  const markDone = async (row: ServiceRow) => {
    try {
      await api.call('services:followUpDone', { id: row.id, done: true })
      notifySuccess(T.marked)
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }

  const total = list.data?.total ?? 0
  return (
    <Stack>
      <ServicesHeader active="followUps" />
      <Group>
        <Select label={T.within} data={[...T.withinOptions]} value={within} onChange={(v) => {
            setWithin(v ?? '14')
            setPage(1)
          }} allowDeselect={false} w={160} />
      </Group>
      {list.data && total === 0 && <EmptyNotice title={T.empty} body={T.emptyHint} />}
      {list.data && total > 0 && (
        <Paper withBorder>
          <ServiceTable
            rows={list.data.items}
            compact
            extra={(row) => {
              const days = row.followUpDate ? daysFromToday(row.followUpDate, today) : 0
              return (
                <Group gap="xs" wrap="nowrap">
                  <Badge color={days < 0 ? 'red' : 'yellow'} variant="light">
                    {days < 0 ? T.overdue(-days) : T.dueIn(days)}
                  </Badge>
                  <Button size="xs" variant="light" onClick={() => void markDone(row)}>
                    {T.markDone}
                  </Button>
                </Group>
              )
            }}
          />
        </Paper>
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      {list.data && total > 0 && (
        <Text size="xs" c="dimmed">
          {SERVICES_TEXT.ledger.total(total)}
        </Text>
      )}
    </Stack>
  )
}
