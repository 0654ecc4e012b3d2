import { ScrollArea, Table, Tabs, Text } from '@mantine/core'
import type { CellKind, SheetTable } from '../../../src-main/contract/reports'
import { REPORTS_TEXT as T } from './text'

/** A cell as the exported files show it: counts with separators, 万元 with two decimals, shares in %. */
export function formatCell(value: string | number | null, kind: CellKind, header: string): string {
  if (value === null || value === '') return kind === 'text' ? '' : '—'
  if (typeof value === 'string') return value
  if (header === '年度') return String(value)
  switch (kind) {
    case 'money':
      return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    case 'percent':
      return `${(value * 100).toFixed(1)}%`
    case 'integer':
    case 'number':
      return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
    case 'text':
    case 'date':
      return String(value)
    default: {
      const unreachable: never = kind
      return String(unreachable)
    }
  }
}

function SheetTableView({ table }: { table: SheetTable }) {
  if (!table.rows.length) return <Text c="dimmed">{T.emptyTable}</Text>
  const numeric = table.columns.map((c) => c.kind !== 'text' && c.kind !== 'date')
  return (
    <>
      <ScrollArea.Autosize mah={520} type="auto">
        <Table striped withTableBorder withColumnBorders stickyHeader fz="sm" data-testid={`sheet-${table.name}`}>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((c) => (
                <Table.Th key={c.header} style={{ whiteSpace: 'nowrap', textAlign: 'center' }}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, r) => (
              <Table.Tr key={r} fw={row.includes('合计') || row.includes('合计（去重）') ? 600 : undefined}>
                {table.columns.map((c, i) => (
                  <Table.Td key={c.header} style={{ textAlign: numeric[i] && typeof row[i] === 'number' ? 'right' : 'left', whiteSpace: i === 0 ? 'nowrap' : undefined }}>
                    {formatCell(row[i] ?? null, table.cellKinds?.[`${r},${i}`] ?? c.kind, c.header)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {table.note && (
        <Text size="xs" c="dimmed" mt={6}>
          {table.note}
        </Text>
      )}
    </>
  )
}

/** The workbook's sheets, one tab each, exactly as they will be exported. */
export function SheetPreview({ sheets }: { sheets: SheetTable[] }) {
  return (
    <Tabs defaultValue={sheets[0]?.name} keepMounted={false}>
      <Tabs.List>
        {sheets.map((s) => (
          <Tabs.Tab key={s.name} value={s.name}>
            {s.name}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {sheets.map((s) => (
        <Tabs.Panel key={s.name} value={s.name} pt="sm">
          <SheetTableView table={s} />
        </Tabs.Panel>
      ))}
    </Tabs>
  )
}
