import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { conversionSaveInput, type ConversionRecord } from '../../../src-main/contract/archive'
import { CONVERSION_KIND_LABELS } from '../../../src-main/contract/labels'
import type { ConversionKind } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { AssetPicker } from '../../components/AssetPicker'
import { notifyError, notifySuccess } from '../../components/errors'
import { ARCHIVE_TEXT } from './text'
import { wanToYuan } from './ui'

const T = ARCHIVE_TEXT.conversions
const DATE = /^\d{4}-\d{2}-\d{2}$/

interface Values {
  assetId: number | null
  kind: ConversionKind
  stage: 'published' | 'implemented' | null
  counterparty: string
  contractDate: string
  startDate: string
  endDate: string
  /** 万元 */
  contractAmount: number | string
  /** 万元 */
  receivedAmount: number | string
  recorded: boolean
  note: string
}

function initial(existing: ConversionRecord | null, assetId: number | null): Values {
  return {
    assetId: existing?.assetId ?? assetId,
    kind: existing?.kind ?? 'transfer',
    stage: existing?.stage ?? null,
    counterparty: existing?.counterparty ?? '',
    contractDate: existing?.contractDate ?? '',
    startDate: existing?.startDate ?? '',
    endDate: existing?.endDate ?? '',
    contractAmount: existing?.contractAmountYuan !== null && existing?.contractAmountYuan !== undefined ? existing.contractAmountYuan / 10_000 : '',
    receivedAmount: existing?.receivedAmountYuan !== null && existing?.receivedAmountYuan !== undefined ? existing.receivedAmountYuan / 10_000 : '',
    recorded: existing?.recorded ?? false,
    note: existing?.note ?? '',
  }
}

const dateRule = (v: string) => (v === '' || DATE.test(v) ? null : '日期格式应为 YYYY-MM-DD')

/**
 * Add or edit one conversion (转化运用). Amounts are typed in 万元 with two decimals and sent in 元.
 * `assetId` fixes the asset (detail page); without it the form asks for one (conversions list).
 */
export function ConversionFormModal({
  opened,
  onClose,
  onSaved,
  existing,
  assetId,
}: {
  opened: boolean
  onClose: () => void
  onSaved: (saved: ConversionRecord) => void
  existing: ConversionRecord | null
  assetId: number | null
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={existing ? T.edit : T.add} size="lg" centered>
      {opened && <ConversionForm key={existing?.id ?? 'new'} existing={existing} assetId={assetId} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  )
}

function ConversionForm({ existing, assetId, onCancel, onSaved }: { existing: ConversionRecord | null; assetId: number | null; onCancel: () => void; onSaved: (saved: ConversionRecord) => void }) {
  const [saving, setSaving] = useState(false)
  const form = useForm<Values>({
    initialValues: initial(existing, assetId),
    validate: {
      assetId: (v) => (v ? null : '请选择知识产权'),
      contractDate: dateRule,
      startDate: dateRule,
      endDate: (v, values) => dateRule(v) ?? (v && values.startDate && v < values.startDate ? '终止日期早于起始日期' : null),
      contractAmount: (v) => (v === '' || Number(v) >= 0 ? null : '金额不能为负'),
      receivedAmount: (v) => (v === '' || Number(v) >= 0 ? null : '金额不能为负'),
    },
  })
  const submit = form.onSubmit(async (v) => {
    const input = {
      ...(existing ? { id: existing.id } : {}),
      assetId: v.assetId!,
      kind: v.kind,
      stage: v.kind === 'open_license' ? (v.stage ?? 'published') : null,
      counterparty: v.counterparty.trim(),
      contractDate: v.contractDate || null,
      startDate: v.startDate || null,
      endDate: v.endDate || null,
      contractAmountYuan: wanToYuan(v.contractAmount),
      receivedAmountYuan: wanToYuan(v.receivedAmount),
      recorded: v.recorded,
      note: v.note,
    }
    const parsed = conversionSaveInput.safeParse(input)
    if (!parsed.success) {
      notifyError(new Error(parsed.error.issues.map((i) => i.message).join('；')))
      return
    }
    setSaving(true)
    try {
      const saved = await api.call('conversions:save', input)
      notifySuccess(T.saved)
      onSaved(saved)
    } catch (error) {
      notifyError(error)
    } finally {
      setSaving(false)
    }
  })
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {assetId === null && !existing && (
          <AssetPicker label={T.chooseAsset} required value={form.values.assetId} onChange={(id) => form.setFieldValue('assetId', id)} error={form.errors.assetId} data-autofocus />
        )}
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={T.kind}
            data={Object.entries(CONVERSION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
            data-autofocus={assetId !== null || existing ? true : undefined}
          />
          {form.values.kind === 'open_license' ? (
            <Select
              label={T.stage}
              data={[
                { value: 'published', label: '声明发布' },
                { value: 'implemented', label: '达成实施' },
              ]}
              value={form.values.stage ?? 'published'}
              onChange={(v) => form.setFieldValue('stage', (v as Values['stage']) ?? 'published')}
              allowDeselect={false}
            />
          ) : (
            <div />
          )}
        </SimpleGrid>
        <TextInput label={T.counterparty} {...form.getInputProps('counterparty')} />
        <SimpleGrid cols={3} spacing="sm">
          <TextInput label={T.contractDate} placeholder="YYYY-MM-DD" {...form.getInputProps('contractDate')} />
          <TextInput label={T.startDate} placeholder="YYYY-MM-DD" {...form.getInputProps('startDate')} />
          <TextInput label={T.endDate} placeholder="YYYY-MM-DD" {...form.getInputProps('endDate')} />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput label={T.contractAmount} min={0} decimalScale={2} fixedDecimalScale thousandSeparator="," hideControls {...form.getInputProps('contractAmount')} />
          <NumberInput label={T.receivedAmount} min={0} decimalScale={2} fixedDecimalScale thousandSeparator="," hideControls {...form.getInputProps('receivedAmount')} />
        </SimpleGrid>
        <Checkbox label={T.recorded} {...form.getInputProps('recorded', { type: 'checkbox' })} />
        <Textarea label={T.note} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {ARCHIVE_TEXT.common.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {T.save}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
