import { Anchor, Stack, Text, Title } from '@mantine/core'
import { useCall } from '../../api/hooks'
import { ResearcherConsultations } from './ResearcherConsultations'
import { ServicesHeader } from './ServicesHeader'
import { SERVICES_TEXT } from './text'

/** /services/researcher/:id — one researcher's service records (also reachable from the researcher's page). */
export function ResearcherServicesPage({ researcherId }: { researcherId: number }) {
  const researcher = useCall('researchers:get', { id: researcherId })
  return (
    <Stack>
      <ServicesHeader active="ledger" />
      {researcher.error && <Text c="red">{researcher.error.message}</Text>}
      {researcher.data && (
        <Stack gap={2}>
          <Title order={3}>{SERVICES_TEXT.researcher.pageTitle(researcher.data.name)}</Title>
          <Text size="sm" c="dimmed">
            {researcher.data.staffNo} · {researcher.data.college}{' '}
            <Anchor href={`#/archive/researchers/${researcherId}`} size="sm">
              查看科研人员档案
            </Anchor>
          </Text>
        </Stack>
      )}
      <ResearcherConsultations researcherId={researcherId} />
    </Stack>
  )
}
