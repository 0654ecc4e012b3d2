import { Badge, Button, Checkbox, Group, Modal, MultiSelect, Pagination, Paper, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFileSpreadsheet, IconFileTypeDocx, IconPresentation, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { POOL_GRADE_LABELS } from '../../../src-main/contract/labels'
import { POOL_GRADES, type PoolGradeCode } from '../../../src-main/contract/pool'
import { api } from '../../api/client'
import { useArchiveVersion, useCall, useJob } from '../../api/hooks'
import { JobProgressModal } from '../../components/JobProgressModal'
import { notifyError, notifySuccess } from '../../components/errors'
import { GradeBadge, StateBadge } from './badges'
import { PatentCell } from './InventoryPage'
import { PoolHeader } from './PoolHeader'
import { PromotionModal, type PromotionDraft } from './PromotionModal'
import { POOL_TEXT as T } from './text'

const PAGE = 50

export function PoolListPage() {
  const { invalidate } = useArchiveVersion()
  const [q, setQ] = useState('')
  const [debouncedQ] = useDebouncedValue(q, 250)
  const [grades, setGrades] = useState<PoolGradeCode[]>([])
  const [college, setCollege] = useState<string | null>(null)
  const [candidateOnly, setCandidateOnly] = useState(false)
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [brochureOpen, setBrochureOpen] = useState(false)
  const [brochureTitle, setBrochureTitle] = useState<string>(T.pool.brochureDefault)
  const [promotion, setPromotion] = useState<PromotionDraft | null>(null)
  const facets = useCall('pool:facets', {})
  const list = useCall('pool:list', {
    ...(debouncedQ.trim() ? { q: debouncedQ.trim() } : {}),
    ...(grades.length ? { grades } : {}),
    ...(college ? { college } : {}),
    ...(candidateOnly ? { openLicenceCandidate: true } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  })
  const exportJob = useJob()
  const brochureJob = useJob()
  const rows = list.data?.items ?? []
  const total = list.data?.total ?? 0
  const filtered = q.trim() !== '' || grades.length > 0 || college !== null || candidateOnly
  const reset = () => {
    setPage(1)
    setSelected(new Set())
  }
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id))

  const exportXlsx = async () => {
    try {
      const file = await exportJob.run('pool:exportXlsx', grades.length ? { grades } : {})
      notifySuccess(T.pool.exported(file.count))
      await api.deliverFile(file.ref, file.name)
    } catch (error) {
      notifyError(error)
    }
  }
  const exportBrochure = async () => {
    setBrochureOpen(false)
    try {
      const file = await brochureJob.run('pool:exportBrochure', { assetIds: [...selected], title: brochureTitle })
      notifySuccess(T.pool.exported(file.count))
      await api.deliverFile(file.ref, file.name)
    } catch (error) {
      notifyError(error)
    }
  }

  return (
    <Stack>
      <PoolHeader
        actions={
          <Tooltip label={T.pool.exportHint} withinPortal>
            <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportXlsx()} disabled={!total && !filtered}>
              {T.pool.exportXlsx}
            </Button>
          </Tooltip>
        }
      />
      <Group gap="xs" align="flex-end">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={T.filters.q}
          aria-label={T.filters.q}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value)
            reset()
          }}
          w={220}
        />
        <MultiSelect
          aria-label={T.filters.grades}
          placeholder={grades.length ? undefined : T.filters.grades}
          data={POOL_GRADES.map((g) => ({ value: g, label: `${g} ${POOL_GRADE_LABELS[g]}` }))}
          value={grades}
          onChange={(v) => {
            setGrades(v as PoolGradeCode[])
            reset()
          }}
          w={220}
        />
        <Select
          aria-label={T.filters.college}
          placeholder={T.filters.college}
          searchable
          clearable
          data={facets.data?.colleges ?? []}
          value={college}
          onChange={(v) => {
            setCollege(v)
            reset()
          }}
          w={180}
        />
        <Checkbox
          label={T.pool.candidateOnly}
          checked={candidateOnly}
          onChange={(e) => {
            setCandidateOnly(e.currentTarget.checked)
            reset()
          }}
          mb={8}
        />
      </Group>
      <Group justify="space-between">
        <Group gap="xs">
          <Text size="sm" fw={500} data-testid="pool-total">
            {T.total(total)}
          </Text>
          {selected.size > 0 && (
            <Text size="sm" c="dimmed">
              {T.selected(selected.size)}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconPresentation size={14} />} disabled={!selected.size} onClick={() => setPromotion({ assetIds: [...selected] })}>
            {T.pool.recordPromotion(selected.size)}
          </Button>
          <Button size="xs" leftSection={<IconFileTypeDocx size={14} />} disabled={!selected.size} onClick={() => setBrochureOpen(true)}>
            {T.pool.exportBrochure(selected.size)}
          </Button>
        </Group>
      </Group>
      {list.data && !rows.length ? (
        <Paper withBorder p="xl" data-testid="pool-empty">
          <Text c="dimmed">{filtered ? T.pool.noMatch : T.pool.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" data-testid="pool-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={T.inventory.selectPage}
                    checked={allOnPage}
                    onChange={() =>
                      setSelected((s) => {
                        const next = new Set(s)
                        for (const r of rows) {
                          if (allOnPage) next.delete(r.id)
                          else next.add(r.id)
                        }
                        return next
                      })
                    }
                  />
                </Table.Th>
                <Table.Th>{T.columns.patent}</Table.Th>
                <Table.Th w={110}>{T.columns.grade}</Table.Th>
                <Table.Th w={140}>{T.columns.college}</Table.Th>
                <Table.Th w={100}>{T.columns.state}</Table.Th>
                <Table.Th w={160}>{T.columns.industries}</Table.Th>
                <Table.Th w={240}>{T.columns.prospects}</Table.Th>
                <Table.Th w={180}>{T.columns.enterprises}</Table.Th>
                <Table.Th w={100}>{T.columns.addedOn}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="pool-row" bg={selected.has(row.id) ? 'indigo.0' : undefined}>
                  <Table.Td>
                    <Checkbox aria-label={`选择 ${row.patentNo}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                  </Table.Td>
                  <Table.Td>
                    <PatentCell row={row} />
                    {!row.inForce && (
                      <Badge size="xs" color="red" variant="light">
                        {T.detail.notInForce}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <GradeBadge grade={row.grade} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.college || T.none}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={row.state} />
                    {row.entry.openLicenceCandidate && (
                      <Badge size="xs" variant="dot" color="cyan">
                        {T.columns.candidate}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{row.entry.targetIndustries.join('、') || T.none}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" lineClamp={2}>
                      {row.entry.prospects || T.none}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" lineClamp={2}>
                      {row.enterprises || T.none}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.entry.addedOn}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}

      <Modal opened={brochureOpen} onClose={() => setBrochureOpen(false)} title={T.pool.exportBrochure(selected.size)}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void exportBrochure()
          }}
        >
          <Stack>
            <TextInput label={T.pool.brochureTitle} value={brochureTitle} onChange={(e) => setBrochureTitle(e.currentTarget.value)} data-autofocus />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setBrochureOpen(false)}>
                {T.cancel}
              </Button>
              <Button type="submit">{T.pool.exportBrochure(selected.size)}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <PromotionModal
        draft={promotion}
        onClose={() => setPromotion(null)}
        onSaved={() => {
          setPromotion(null)
          setSelected(new Set())
          invalidate()
        }}
      />
      <JobProgressModal title={T.pool.exportJob} running={exportJob.running} progress={exportJob.progress} onCancel={exportJob.cancel} />
      <JobProgressModal title={T.pool.brochureJob} running={brochureJob.running} progress={brochureJob.progress} onCancel={brochureJob.cancel} />
    </Stack>
  )
}
