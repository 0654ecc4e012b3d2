import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { FeeBand, FeeTable, FeeTableState } from '../../../src-main/contract/pool'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { PoolHeader } from './PoolHeader'
import { POOL_TEXT as T } from './text'

type KindKey = 'invention' | 'utility' | 'design'
const KINDS: KindKey[] = ['invention', 'utility', 'design']

function BandsEditor({ kind, bands, onChange }: { kind: KindKey; bands: FeeBand[]; onChange: (bands: FeeBand[]) => void }) {
  const set = (i: number, patch: Partial<FeeBand>) => onChange(bands.map((b, j) => (j === i ? { ...b, ...patch } : b)))
  return (
    <Paper withBorder p="sm">
      <Text fw={600} size="sm" mb="xs">
        {T.fees[kind]}
      </Text>
      <Table verticalSpacing={4} data-testid={`fees-${kind}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{T.fees.from}</Table.Th>
            <Table.Th>{T.fees.to}</Table.Th>
            <Table.Th>{T.fees.amount}</Table.Th>
            <Table.Th w={32} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bands.map((band, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <NumberInput size="xs" min={1} max={20} value={band.from} onChange={(v) => set(i, { from: Number(v) || 1 })} aria-label={`${T.fees[kind]} ${T.fees.from} ${i + 1}`} w={64} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" min={1} max={20} value={band.to} onChange={(v) => set(i, { to: Number(v) || 1 })} aria-label={`${T.fees[kind]} ${T.fees.to} ${i + 1}`} w={64} />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  min={0}
                  step={100}
                  thousandSeparator=","
                  value={band.yuan}
                  onChange={(v) => set(i, { yuan: Number(v) || 0 })}
                  aria-label={`${T.fees[kind]} 第${band.from}–${band.to}年 ${T.fees.amount}`}
                  w={104}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={T.fees.removeBand} disabled={bands.length <= 1} onClick={() => onChange(bands.filter((_, j) => j !== i))}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button
        size="xs"
        variant="subtle"
        leftSection={<IconPlus size={14} />}
        mt={4}
        onClick={() => {
          const last = bands[bands.length - 1]
          onChange([...bands, { from: (last?.to ?? 0) + 1, to: (last?.to ?? 0) + 1, yuan: last?.yuan ?? 0 }])
        }}
      >
        {T.fees.addBand}
      </Button>
    </Paper>
  )
}

/** The annuity fee table in force: edit and save into the archive, or go back to the shipped default. */
export function FeesPage() {
  const state = useCall('pool:fees', {})
  if (!state.data) return <PoolHeader />
  // A fresh editor (fresh local copy of the table) whenever another edition comes into force.
  return <FeesEditor key={`${state.data.origin}-${state.data.savedAt ?? ''}`} state={state.data} />
}

function FeesEditor({ state }: { state: FeeTableState }) {
  const { invalidate } = useArchiveVersion()
  const [table, setTable] = useState<FeeTable>(state.table)
  const [confirmReset, setConfirmReset] = useState(false)
  const dirty = JSON.stringify(table) !== JSON.stringify(state.table)
  const save = async () => {
    try {
      await api.call('pool:saveFees', { table })
      notifySuccess(T.fees.saved)
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }
  const reset = async () => {
    setConfirmReset(false)
    try {
      await api.call('pool:resetFees', { confirm: true })
      notifySuccess(T.fees.resetDone)
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <Stack>
      <PoolHeader />
      <Title order={3}>{T.fees.title}</Title>
      <Text size="sm" c="dimmed" maw={900}>
        {T.fees.intro}
      </Text>
      <Alert variant="light" color={state.origin === 'edited' ? 'indigo' : 'gray'} maw={900} data-testid="fees-origin">
        {T.fees.origin[state.origin]}
        {state.savedAt && state.savedBy ? T.fees.savedBy(state.savedAt, state.savedBy) : ''}
        <Text size="xs" c="dimmed" mt={4}>
          {T.fees.basis}：{table.basis}
        </Text>
      </Alert>
      <SimpleGrid cols={3} spacing="md">
        {KINDS.map((kind) => (
          <BandsEditor key={kind} kind={kind} bands={table[kind]} onChange={(bands) => setTable({ ...table, [kind]: bands })} />
        ))}
      </SimpleGrid>
      <Paper withBorder p="sm" maw={900}>
        <Text fw={600} size="sm" mb="xs">
          {T.fees.reduction}
        </Text>
        <Group align="flex-end">
          <Switch
            label={T.fees.reductionEnabled}
            checked={table.reduction.enabled}
            onChange={(e) => setTable({ ...table, reduction: { ...table.reduction, enabled: e.currentTarget.checked } })}
            mb={8}
          />
          <NumberInput label={T.fees.singlePercent} min={0} max={100} w={150} value={table.reduction.singlePercent} onChange={(v) => setTable({ ...table, reduction: { ...table.reduction, singlePercent: Number(v) || 0 } })} />
          <NumberInput label={T.fees.jointPercent} min={0} max={100} w={170} value={table.reduction.jointPercent} onChange={(v) => setTable({ ...table, reduction: { ...table.reduction, jointPercent: Number(v) || 0 } })} />
          <NumberInput label={T.fees.years} min={0} max={20} w={180} value={table.reduction.years} onChange={(v) => setTable({ ...table, reduction: { ...table.reduction, years: Number(v) || 0 } })} />
        </Group>
      </Paper>
      <Group>
        <Button onClick={() => void save()} disabled={!dirty}>
          {T.fees.save}
        </Button>
        <Button variant="default" onClick={() => setConfirmReset(true)} disabled={state.origin === 'default' && !dirty}>
          {T.fees.reset}
        </Button>
      </Group>
      <Modal opened={confirmReset} onClose={() => setConfirmReset(false)} title={T.fees.reset}>
        <Stack>
          <Text size="sm">{T.fees.confirmReset}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReset(false)}>
              {T.cancel}
            </Button>
            <Button onClick={() => void reset()} data-autofocus>
              {T.fees.reset}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
