import { BarChart } from '@mantine/charts'
import { Paper, SimpleGrid, Title } from '@mantine/core'
import type { AnnualReport } from '../../../src-main/contract/reports'
import { REPORTS_TEXT as T } from './text'

// The same two charts as the Word report (reports/charts.ts draws them there): grants by kind over the
// three years, consultations by month. Colours match the document's.
const KIND_SERIES = [
  { name: 'invention', label: '发明', color: '#3b5bdb' },
  { name: 'utility', label: '实用新型', color: '#2f9e44' },
  { name: 'design', label: '外观设计', color: '#f08c00' },
]

export function ReportCharts({ report }: { report: AnnualReport }) {
  const grants = report.patents.grants.map((r) => ({ year: `${r.year}年`, ...r.counts }))
  const months = report.services.consultations.byMonth.map((count, i) => ({ month: `${i + 1}月`, count }))
  const years = report.patents.years
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Paper withBorder p="md" data-testid="chart-grants">
        <Title order={5} mb="sm">
          {T.charts.grants(years[0]!, years[years.length - 1]!)}
        </Title>
        <BarChart h={260} data={grants} dataKey="year" withLegend withBarValueLabel unit={` ${T.charts.count}`} series={KIND_SERIES} />
      </Paper>
      <Paper withBorder p="md" data-testid="chart-consultations">
        <Title order={5} mb="sm">
          {T.charts.consultations(report.year)}
        </Title>
        <BarChart h={260} data={months} dataKey="month" withBarValueLabel unit={` ${T.charts.times}`} series={[{ name: 'count', label: '咨询', color: '#3b5bdb' }]} />
      </Paper>
    </SimpleGrid>
  )
}
