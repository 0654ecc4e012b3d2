import { BarChart, DonutChart } from '@mantine/charts'
import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { SERVICE_KIND_LABELS } from '../../../src-main/contract/labels'
import type { CountItem, ServiceStats } from '../../../src-main/contract/services'
import { useCall } from '../../api/hooks'
import { IsoDateInput } from './fields'
import { ServicesHeader } from './ServicesHeader'
import { SERVICES_TEXT } from './text'

const T = SERVICES_TEXT.stats
const COLOURS = ['indigo.6', 'teal.6', 'grape.6', 'orange.6', 'red.6', 'cyan.6', 'lime.6', 'pink.6', 'yellow.6', 'gray.5']
const KIND_COLOURS = { consultation: 'indigo.6', training: 'teal.6', report: 'grape.6', navigation: 'orange.6', warning: 'red.6' } as const

function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function presets(today: string) {
  const year = Number(today.slice(0, 4))
  const monthStart = `${today.slice(0, 7)}-01`
  const yearAgo = `${year - 1}-${monthStart.slice(5)}`
  const [y, m] = [Number(yearAgo.slice(0, 4)), Number(yearAgo.slice(5, 7))]
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return {
    thisYear: { from: `${year}-01-01`, to: `${year}-12-31` },
    lastYear: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    last12: { from: next, to: today },
  }
}

function Figure({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {typeof value === 'number' ? value.toLocaleString('zh-CN') : value}
      </Text>
    </Paper>
  )
}

function Donut({ title, items }: { title: string; items: CountItem[] }) {
  const data = items.filter((i) => i.count > 0).map((i, n) => ({ name: i.label, value: i.count, color: COLOURS[n % COLOURS.length]! }))
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="sm">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {T.none}
        </Text>
      ) : (
        <Group wrap="nowrap" align="center">
          <DonutChart data={data} size={150} thickness={26} withLabelsLine={false} chartLabel={data.reduce((s, d) => s + d.value, 0)} />
          <Stack gap={4}>
            {items.map((i) => {
              const colour = data.find((d) => d.name === i.label)?.color ?? 'gray.3'
              return (
                <Group key={i.key || '_blank'} gap={6} wrap="nowrap">
                  <span style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${colour.replace('.', '-')})` }} />
                  <Text size="sm" c={i.count ? undefined : 'dimmed'}>
                    {i.label}
                  </Text>
                  <Text size="sm" fw={600}>
                    {i.count}
                  </Text>
                </Group>
              )
            })}
          </Stack>
        </Group>
      )}
    </Paper>
  )
}

function Ranking({ title, items }: { title: string; items: CountItem[] }) {
  const top = items.slice(0, 12)
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="sm">
        {title}
      </Title>
      {top.length === 0 ? (
        <Text size="sm" c="dimmed">
          {T.none}
        </Text>
      ) : (
        <BarChart
          h={Math.max(120, top.length * 30)}
          data={top.map((i) => ({ label: i.label, count: i.count }))}
          dataKey="label"
          orientation="vertical"
          series={[{ name: 'count', label: '次数', color: 'indigo.6' }]}
          yAxisProps={{ width: 150 }}
          gridAxis="x"
          withBarValueLabel
        />
      )}
    </Paper>
  )
}

function Charts({ stats }: { stats: ServiceStats }) {
  const t = stats.totals
  const months = stats.byMonth.map((m) => ({ ...m, month: m.month.replace('-', '年') + '月' }))
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        <Figure label={T.totals.consultation} value={t.consultation} testId="stats-consultations" />
        <Figure label={T.totals.training} value={t.training} />
        <Figure label={T.totals.report} value={t.report} />
        <Figure label={T.totals.projects} value={t.navigation + t.warning} />
        <Figure label={T.totals.minutes} value={(t.consultationMinutes / 60).toFixed(1)} />
        <Figure label={T.totals.followUpsOpen} value={t.followUpsOpen} />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {T.byMonth}
        </Title>
        <BarChart
          h={260}
          data={months}
          dataKey="month"
          type="stacked"
          withLegend
          series={(Object.keys(KIND_COLOURS) as (keyof typeof KIND_COLOURS)[]).map((k) => ({ name: k, label: SERVICE_KIND_LABELS[k], color: KIND_COLOURS[k] }))}
        />
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Donut title={T.byChannel} items={stats.byChannel} />
        <Donut title={T.byRequesterType} items={stats.byRequesterType} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Ranking title={T.byTopic} items={stats.byTopic} />
        <Ranking title={T.byCollege} items={stats.byCollege} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {T.trainings}
          </Title>
          <SimpleGrid cols={3}>
            <Figure label={T.sessions} value={stats.trainings.sessions} />
            <Figure label={T.attendees} value={stats.trainings.attendees} />
            <Figure label={T.hours} value={stats.trainings.hours} />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {T.reports}
          </Title>
          {stats.reportsByKind.length === 0 ? (
            <Text size="sm" c="dimmed">
              {T.none}
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{T.reportKind}</Table.Th>
                  <Table.Th>{T.count}</Table.Th>
                  <Table.Th>{T.pages}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stats.reportsByKind.map((r) => (
                  <Table.Tr key={r.kind}>
                    <Table.Td>{r.kind}</Table.Td>
                    <Table.Td>{r.count}</Table.Td>
                    <Table.Td>{r.pages}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {T.projects}
          </Title>
          {stats.projects.length === 0 ? (
            <Text size="sm" c="dimmed">
              {T.none}
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {stats.projects.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{SERVICE_KIND_LABELS[p.kind]}</Table.Td>
                    <Table.Td>{p.title}</Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {p.startDate ?? ''} – {p.endDate ?? T.ongoing}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  )
}

/** Statistics for any date range: the same module the annual report reads (src-main/services/stats.ts). */
export function StatsPage() {
  const today = localToday()
  const p = presets(today)
  const [range, setRange] = useState(p.thisYear)
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to) && range.from <= range.to
  const stats = useCall('services:stats', range, { enabled: valid })
  return (
    <Stack>
      <ServicesHeader active="stats" />
      <Group align="flex-end">
        <IsoDateInput label={T.from} value={range.from} onChange={(v) => setRange((r) => ({ ...r, from: v ?? '' }))} testId="stats-from" />
        <IsoDateInput label={T.to} value={range.to} onChange={(v) => setRange((r) => ({ ...r, to: v ?? '' }))} testId="stats-to" />
        {(Object.keys(p) as (keyof typeof p)[]).map((key) => (
          <Button key={key} variant={range.from === p[key].from && range.to === p[key].to ? 'filled' : 'default'} onClick={() => setRange(p[key])}>
            {T.presets[key]}
          </Button>
        ))}
      </Group>
      {stats.error && <Text c="red">{stats.error.message}</Text>}
      {stats.data && <Charts stats={stats.data} />}
    </Stack>
  )
}
