import { Alert, Anchor, Group, Paper, Select, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { gradeLabel } from './badges'
import { PoolHeader } from './PoolHeader'
import { POOL_TEXT as T } from './text'

export function BudgetPage() {
  const { navigate } = useRouter()
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear + 1)
  const budget = useCall('pool:budget', { year })
  const b = budget.data
  return (
    <Stack>
      <PoolHeader />
      <Group align="flex-end">
        <Select
          label={T.budget.year}
          data={[thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: String(y), label: `${y} 年` }))}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={140}
        />
        {b && (
          <Text size="sm" c="dimmed" mb={6}>
            {T.budget.intro(b.year, b.from, b.to)}
          </Text>
        )}
      </Group>
      {b && (
        <>
          <Paper withBorder maw={760}>
            <Table verticalSpacing="xs" data-testid="budget-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{T.budget.grade}</Table.Th>
                  <Table.Th ta="right">{T.budget.patents}</Table.Th>
                  <Table.Th ta="right">{T.budget.due}</Table.Th>
                  <Table.Th ta="right">{T.budget.amount}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.rows.map((r) => (
                  <Table.Tr key={r.grade}>
                    <Table.Td>{r.grade === 'none' ? T.filters.ungraded : gradeLabel(r.grade)}</Table.Td>
                    <Table.Td ta="right">{r.patents.toLocaleString('zh-CN')}</Table.Td>
                    <Table.Td ta="right">{r.due.toLocaleString('zh-CN')}</Table.Td>
                    <Table.Td ta="right">{T.yuan(r.yuan)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr fw={700}>
                  <Table.Td>{T.budget.total}</Table.Td>
                  <Table.Td ta="right">{b.rows.reduce((s, r) => s + r.patents, 0).toLocaleString('zh-CN')}</Table.Td>
                  <Table.Td ta="right">{b.rows.reduce((s, r) => s + r.due, 0).toLocaleString('zh-CN')}</Table.Td>
                  <Table.Td ta="right" data-testid="budget-total">
                    {T.yuan(b.totalYuan)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
          <Alert color="orange" variant="light" maw={760} data-testid="budget-drop-d">
            {T.budget.dropD(b.dropD.patents, T.yuan(b.dropD.yuanInYear), T.wan(b.dropD.yuanRemainingTerm))}
          </Alert>
          {b.excluded.transferred + b.excluded.equity > 0 && (
            <Text size="sm" c="dimmed">
              {T.budget.excluded(b.excluded.transferred, b.excluded.equity)}
            </Text>
          )}
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {T.budget.table(b.feeTableName, b.reductionApplied)}
            </Text>
            <Anchor size="sm" onClick={() => navigate('/pool/fees')}>
              {T.budget.editFees}
            </Anchor>
          </Group>
        </>
      )}
    </Stack>
  )
}
