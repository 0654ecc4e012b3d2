import { Button, Checkbox, Group, Modal, ScrollArea, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { assetPatchSchema, type AssetDetail, type AssetPatch, type AssetPatchField } from '../../../src-main/contract/archive'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../../../src-main/contract/labels'
import type { AssetKind, StatusGroup } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { notifyError, notifySuccess } from '../../components/errors'
import { ARCHIVE_TEXT } from './text'

const T = ARCHIVE_TEXT.detail
const L = T.fieldsLabels

interface Values {
  kind: AssetKind
  appNo: string
  title: string
  filingDate: string
  pubNo: string
  pubDate: string
  grantNo: string
  grantDate: string
  applicants: string
  currentOwner: string
  universityOwned: boolean
  ipcMain: string
  ipcAll: string
  statusGroup: StatusGroup
  statusEvent: string
  statusRaw: string
  statusDate: string
  expiryDate: string
  abstract: string
  college: string
}

function valuesOf(a: AssetDetail): Values {
  return {
    kind: a.kind,
    appNo: a.appNo,
    title: a.title,
    filingDate: a.filingDate ?? '',
    pubNo: a.pubNo ?? '',
    pubDate: a.pubDate ?? '',
    grantNo: a.grantNo ?? '',
    grantDate: a.grantDate ?? '',
    applicants: a.applicants,
    currentOwner: a.currentOwner,
    universityOwned: a.universityOwned,
    ipcMain: a.ipcMain ?? '',
    ipcAll: a.ipcAll,
    statusGroup: a.statusGroup,
    statusEvent: a.statusEvent,
    statusRaw: a.statusRaw,
    statusDate: a.statusDate ?? '',
    expiryDate: a.expiryDate ?? '',
    abstract: a.abstract,
    college: a.college,
  }
}

const NULLABLE: readonly AssetPatchField[] = ['filingDate', 'pubNo', 'pubDate', 'grantNo', 'grantDate', 'ipcMain', 'statusDate', 'expiryDate']

/** Only the fields the librarian changed, in the contract's shape ('' → null where a value may be absent). */
export function patchOf(before: Values, after: Values): AssetPatch {
  const patch: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof Values)[]) {
    if (after[key] === before[key]) continue
    const value = after[key]
    patch[key] = typeof value === 'string' && NULLABLE.includes(key) && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value
  }
  return patch as AssetPatch
}

export function AssetEditModal({ asset, opened, onClose, onSaved }: { asset: AssetDetail; opened: boolean; onClose: () => void; onSaved: (a: AssetDetail) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={T.editTitle} size="xl" centered scrollAreaComponent={ScrollArea.Autosize}>
      {opened && <EditForm asset={asset} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  )
}

function EditForm({ asset, onCancel, onSaved }: { asset: AssetDetail; onCancel: () => void; onSaved: (a: AssetDetail) => void }) {
  const [saving, setSaving] = useState(false)
  const start = valuesOf(asset)
  const form = useForm<Values>({
    initialValues: start,
    validate: (values) => {
      const parsed = assetPatchSchema.safeParse(patchOf(start, values))
      if (parsed.success) return {}
      return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'title'), i.message]))
    },
  })
  const submit = form.onSubmit(async (values) => {
    const patch = patchOf(start, values)
    if (!Object.keys(patch).length) {
      onCancel()
      return
    }
    setSaving(true)
    try {
      const saved = await api.call('archive:update', { id: asset.id, patch })
      notifySuccess(T.saved)
      onSaved(saved)
    } catch (error) {
      notifyError(error)
    } finally {
      setSaving(false)
    }
  })
  const manual = new Set(asset.manualFields)
  const hint = (column: string) => (manual.has(column) ? T.manual : undefined)
  const date = (field: keyof Values, column: string) => <TextInput label={L[field as AssetPatchField]} placeholder={T.datePlaceholder} description={hint(column)} {...form.getInputProps(field)} />

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {T.manualHint}
        </Text>
        <TextInput label={L.title} data-autofocus required description={hint('title')} {...form.getInputProps('title')} />
        <SimpleGrid cols={3} spacing="sm">
          <Select label={L.kind} data={Object.entries(ASSET_KIND_LABELS).map(([value, label]) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('kind')} />
          <TextInput label={L.appNo} description={hint('app_no')} {...form.getInputProps('appNo')} />
          {date('filingDate', 'filing_date')}
          <TextInput label={L.pubNo} description={hint('pub_no')} {...form.getInputProps('pubNo')} />
          {date('pubDate', 'pub_date')}
          <span />
          <TextInput label={L.grantNo} description={hint('grant_no')} {...form.getInputProps('grantNo')} />
          {date('grantDate', 'grant_date')}
          {date('expiryDate', 'expiry_date')}
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={L.applicants} description={hint('applicants')} {...form.getInputProps('applicants')} />
          <TextInput label={L.currentOwner} description={hint('current_owner')} {...form.getInputProps('currentOwner')} />
          <TextInput label={L.ipcMain} description={hint('ipc_main')} {...form.getInputProps('ipcMain')} />
          <TextInput label={L.ipcAll} description={hint('ipc_all')} {...form.getInputProps('ipcAll')} />
          <TextInput label={L.college} description={hint('college')} {...form.getInputProps('college')} />
          <Checkbox mt="lg" label={L.universityOwned} {...form.getInputProps('universityOwned', { type: 'checkbox' })} />
        </SimpleGrid>
        <SimpleGrid cols={3} spacing="sm">
          <Select label={L.statusGroup} data={Object.entries(STATUS_GROUP_LABELS).map(([value, label]) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('statusGroup')} />
          <TextInput label={L.statusEvent} description={hint('status_event')} {...form.getInputProps('statusEvent')} />
          {date('statusDate', 'status_date')}
        </SimpleGrid>
        <TextInput label={L.statusRaw} description={hint('status_raw')} {...form.getInputProps('statusRaw')} />
        <Textarea label={L.abstract} autosize minRows={3} maxRows={10} {...form.getInputProps('abstract')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {T.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {T.save}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
