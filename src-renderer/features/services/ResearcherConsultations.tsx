import { Button, Group, Pagination, Paper, Stack, Text, Title } from '@mantine/core'
import { IconPencilPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { ServiceTable } from './ServiceTable'
import { SERVICES_TEXT } from './text'

const T = SERVICES_TEXT.researcher
const PAGE = 10

/**
 * A researcher's consultations and other services (as requester or linked), newest first, for the
 * researcher's page. Channel: 'services:forResearcher'. "新建咨询" opens the entry form with this
 * researcher as the requester.
 */
export function ResearcherConsultations({ researcherId }: { researcherId: number }) {
  const { navigate } = useRouter()
  const [page, setPage] = useState(1)
  const list = useCall('services:forResearcher', { researcherId, offset: (page - 1) * PAGE, limit: PAGE })
  const total = list.data?.total ?? 0
  return (
    <Paper withBorder p="md" data-testid="researcher-consultations">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>
            {T.title}
            {list.data ? `（${total}）` : ''}
          </Title>
          <Button size="xs" variant="light" leftSection={<IconPencilPlus size={14} />} onClick={() => navigate(`/services/new?researcher=${researcherId}`)}>
            {T.add}
          </Button>
        </Group>
        {list.error && <Text c="red">{list.error.message}</Text>}
        {list.data && total === 0 && (
          <Text size="sm" c="dimmed">
            {T.empty}
          </Text>
        )}
        {list.data && total > 0 && <ServiceTable rows={list.data.items} compact />}
        {total > PAGE && <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      </Stack>
    </Paper>
  )
}
