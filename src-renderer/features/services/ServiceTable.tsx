import { Badge, Table, Text, Tooltip } from '@mantine/core'
import type { ReactNode } from 'react'
import { REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, SERVICE_KIND_LABELS } from '../../../src-main/contract/labels'
import type { ServiceRow } from '../../../src-main/contract/services'
import { useRouter } from '../../app/router'
import { SERVICES_TEXT } from './text'

const C = SERVICES_TEXT.ledger.columns

const KIND_COLOURS: Record<ServiceRow['kind'], string> = { consultation: 'indigo', training: 'teal', report: 'grape', navigation: 'orange', warning: 'red' }

export function kindBadge(kind: ServiceRow['kind']) {
  return (
    <Badge variant="light" color={KIND_COLOURS[kind]} size="sm">
      {SERVICE_KIND_LABELS[kind]}
    </Badge>
  )
}

/** Who asked (consultations) or what it was (trainings, reports, projects). */
export function whoOrWhat(row: ServiceRow): string {
  if (row.kind === 'consultation') return row.requesterName || '—'
  if (row.kind === 'report') return [row.title, row.requesterName].filter(Boolean).join(' · ')
  return row.title || '—'
}

export function summaryOf(row: ServiceRow): string {
  const text =
    row.kind === 'consultation'
      ? row.question
      : row.kind === 'training'
        ? [row.audience, row.attendees !== null ? `${row.attendees} 人` : '', row.hours !== null ? `${row.hours} 学时` : ''].filter(Boolean).join(' · ')
        : row.kind === 'report'
          ? [row.deliveredDate ? `交付 ${row.deliveredDate}` : '', row.pages !== null ? `${row.pages} 页` : ''].filter(Boolean).join(' · ')
          : [row.team, [row.startDate, row.endDate].filter(Boolean).join(' 至 ')].filter(Boolean).join(' · ')
  return text.length > 48 ? `${text.slice(0, 48)}…` : text
}

function followUpCell(row: ServiceRow): ReactNode {
  if (!row.followUpDate) return null
  return row.followUpDone ? (
    <Badge size="sm" variant="light" color="gray">
      {SERVICES_TEXT.ledger.followUpDone}
    </Badge>
  ) : (
    <Badge size="sm" variant="light" color="yellow">
      {SERVICES_TEXT.ledger.followUpOpen(row.followUpDate)}
    </Badge>
  )
}

/** Ledger rows; a click (or Enter on a focused row) opens the record. */
export function ServiceTable({ rows, extra, compact }: { rows: ServiceRow[]; extra?: (row: ServiceRow) => ReactNode; compact?: boolean }) {
  const { navigate } = useRouter()
  return (
    <Table striped highlightOnHover verticalSpacing="xs" data-testid="service-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>{C.date}</Table.Th>
          <Table.Th w={100}>{C.kind}</Table.Th>
          <Table.Th>{C.who}</Table.Th>
          {!compact && <Table.Th w={80}>{C.type}</Table.Th>}
          {!compact && <Table.Th>{C.college}</Table.Th>}
          <Table.Th w={80}>{C.channel}</Table.Th>
          <Table.Th>{C.topic}</Table.Th>
          <Table.Th>{C.summary}</Table.Th>
          {!compact && <Table.Th w={80}>{C.staff}</Table.Th>}
          <Table.Th>{C.followUp}</Table.Th>
          {extra && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.id}
            tabIndex={0}
            style={{ cursor: 'pointer' }}
            onClick={() => navigate(`/services/${row.id}`)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && event.target === event.currentTarget) navigate(`/services/${row.id}`)
            }}
          >
            <Table.Td>{row.date}</Table.Td>
            <Table.Td>{kindBadge(row.kind)}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {whoOrWhat(row)}
              </Text>
              {row.requesterStaffNo && (
                <Text size="xs" c="dimmed">
                  {row.requesterStaffNo}
                </Text>
              )}
            </Table.Td>
            {!compact && <Table.Td>{row.requesterType ? REQUESTER_TYPE_LABELS[row.requesterType] : ''}</Table.Td>}
            {!compact && <Table.Td>{row.college}</Table.Td>}
            <Table.Td>{row.channel ? SERVICE_CHANNEL_LABELS[row.channel] : ''}</Table.Td>
            <Table.Td>{row.kind === 'report' ? row.reportKind : row.topic}</Table.Td>
            <Table.Td>
              <Tooltip label={row.question} disabled={row.kind !== 'consultation' || row.question.length <= 48} multiline w={360}>
                <Text size="sm">{summaryOf(row)}</Text>
              </Tooltip>
            </Table.Td>
            {!compact && <Table.Td>{row.staff}</Table.Td>}
            <Table.Td>{followUpCell(row)}</Table.Td>
            {extra && <Table.Td onClick={(event) => event.stopPropagation()}>{extra(row)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
