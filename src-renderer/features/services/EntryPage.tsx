import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Kbd,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, SERVICE_KIND_LABELS } from '../../../src-main/contract/labels'
import type { ServiceKindCode, ServiceOptions, ServiceRecord } from '../../../src-main/contract/services'
import { api } from '../../api/client'
import { useArchiveVersion } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { useRouter } from '../../app/router'
import { IsoDateInput } from './fields'
import { emptyValues, hasContent, restoreDraft, toSaveInput, validateEntry, valuesFromRecord, type EntryValues } from './form'
import { AssetLinks, RequesterInput, ResearcherLinks } from './pickers'
import { ServicesHeader } from './ServicesHeader'
import { SERVICES_TEXT } from './text'

const T = SERVICES_TEXT.entry
const KIND_DATA = Object.entries(SERVICE_KIND_LABELS).map(([value, label]) => ({ value, label }))
const CHANNEL_DATA = Object.entries(SERVICE_CHANNEL_LABELS).map(([value, label]) => ({ value, label }))
const REQUESTER_DATA = Object.entries(REQUESTER_TYPE_LABELS).map(([value, label]) => ({ value, label }))
const DRAFT_DELAY_MS = 600

function queryParams(): URLSearchParams {
  const hash = window.location.hash
  const q = hash.indexOf('?')
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '')
}

function timeOf(iso: string): string {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

interface Loaded {
  options: ServiceOptions
  record: ServiceRecord | null
  initial: EntryValues
  draftAt: string | null
}

/** Load what the form starts from: defaults, the record being edited, and a draft left behind. */
async function loadEntry(id: number | null): Promise<Loaded> {
  const options = await api.call('services:options', {})
  const record = id === null ? null : await api.call('services:get', { id })
  const params = queryParams()
  const kindParam = params.get('kind')
  const kind = kindParam && kindParam in SERVICE_KIND_LABELS ? (kindParam as ServiceKindCode) : 'consultation'
  let base = record ? valuesFromRecord(record) : emptyValues(options, kind)
  const researcherParam = Number(params.get('researcher'))
  if (!record && Number.isInteger(researcherParam) && researcherParam > 0) {
    const r = await api.call('researchers:get', { id: researcherParam }).catch(() => null)
    if (r) base = { ...base, requesterName: r.name, requesterResearcherId: r.id, requesterStaffNo: r.staffNo, college: r.college, requesterType: 'teacher' }
  }
  const draft = await api.call('services:draftGet', { slot: id === null ? 'new' : `edit-${id}` })
  const restored = draft ? restoreDraft(draft.payload, base) : null
  return { options, record, initial: restored ?? base, draftAt: restored && draft ? draft.updatedAt : null }
}

export function EntryPage({ id = null }: { id?: number | null }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    loadEntry(id).then(
      (l) => live && setLoaded(l),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
    }
  }, [id])
  return (
    <Stack>
      <ServicesHeader active="entry" />
      {loadError && <Alert color="red">{loadError}</Alert>}
      {/* Keyed by record so switching records starts a fresh form. */}
      {loaded && <EntryForm key={id ?? 'new'} id={id} loaded={loaded} />}
    </Stack>
  )
}

function EntryForm({ id, loaded }: { id: number | null; loaded: Loaded }) {
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const slot = id === null ? ('new' as const) : (`edit-${id}` as const)
  const [options, setOptions] = useState(loaded.options)
  const [draftAt, setDraftAt] = useState(loaded.draftAt)
  const [saving, setSaving] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const requesterRef = useRef<HTMLDivElement>(null)
  const form = useForm<EntryValues>({ mode: 'controlled', initialValues: loaded.initial, validate: validateEntry, validateInputOnBlur: false })
  const v = form.values

  // Keep what was typed in the archive a moment after each change: a crash, a reload or a closed
  // window loses nothing (see migration 0008 for why the archive and not the browser).
  const valuesKey = JSON.stringify(v)
  const lastSaved = useRef(JSON.stringify(loaded.initial))
  // The draft write in flight: a save waits for it, so a late draft cannot outlive the saved record.
  const draftWrite = useRef<Promise<unknown>>(Promise.resolve())
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => {
    if (valuesKey === lastSaved.current) return
    const timer = setTimeout(() => {
      const values = JSON.parse(valuesKey) as EntryValues
      const write =
        id === null && !hasContent(values) ? api.call('services:draftDiscard', { slot }) : api.call('services:draftSave', { slot, payload: valuesKey })
      draftWrite.current = write.catch(() => {})
      lastSaved.current = valuesKey
    }, DRAFT_DELAY_MS)
    draftTimer.current = timer
    return () => clearTimeout(timer)
  }, [valuesKey, id, slot])

  const focusRequester = () => requesterRef.current?.querySelector('input')?.focus()

  const save = async (values: EntryValues) => {
    setSaving(true)
    try {
      clearTimeout(draftTimer.current)
      await draftWrite.current
      const saved = await api.call('services:save', toSaveInput(values, { ...(id === null ? {} : { id }), draftSlot: slot }))
      notifySuccess(id === null ? `${T.saved(saved.id)} ${T.savedNext}` : T.saved(saved.id))
      invalidate()
      setDraftAt(null)
      if (id === null) {
        // Ready for the next walk-in: same kind, same channel, today, the operator.
        const nextOptions = { ...options, lastChannel: values.channel ?? options.lastChannel }
        setOptions(nextOptions)
        const fresh = emptyValues(nextOptions, values.kind)
        lastSaved.current = JSON.stringify(fresh)
        form.setValues(fresh)
        form.resetDirty(fresh)
        form.clearErrors()
        setTimeout(focusRequester, 0)
      } else {
        lastSaved.current = valuesKey
        navigate('/services')
      }
    } catch (error) {
      notifyError(error)
      // Not saved: keep what was typed as the draft.
      draftWrite.current = api.call('services:draftSave', { slot, payload: JSON.stringify(values) }).catch(() => {})
    } finally {
      setSaving(false)
    }
  }
  const submit = (event?: FormEvent<HTMLFormElement>) => form.onSubmit(save, () => notifyError(new Error(T.fixErrors), T.fixErrors))(event)

  const discardDraft = async () => {
    await api.call('services:draftDiscard', { slot })
    const base = loaded.record ? valuesFromRecord(loaded.record) : emptyValues(options, v.kind)
    lastSaved.current = JSON.stringify(base)
    form.setValues(base)
    form.resetDirty(base)
    setDraftAt(null)
    focusRequester()
  }

  const remove = async () => {
    if (id === null) return
    try {
      await api.call('services:delete', { id })
      notifySuccess(T.deleted)
      invalidate()
      navigate('/services')
    } catch (error) {
      notifyError(error)
    }
  }

  const kind = v.kind
  const requesterLabel = kind === 'report' ? T.requesterReport : kind === 'navigation' || kind === 'warning' ? T.requesterProject : T.requester
  const err = (path: keyof EntryValues) => form.errors[path]

  return (
    <form
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          submit()
        }
      }}
      aria-label={id === null ? T.newTitle : T.editTitle(id)}
    >
      <Stack maw={1100}>
        <Group justify="space-between">
          <Title order={3}>{id === null ? T.newTitle : T.editTitle(id)}</Title>
          <SegmentedControl
            data={KIND_DATA}
            value={kind}
            aria-label={T.kind}
            onChange={(value) => {
              form.setFieldValue('kind', value as ServiceKindCode)
              if (value === 'training') form.setFieldValue('channel', 'event')
            }}
          />
        </Group>
        {draftAt && (
          <Alert color="yellow" data-testid="draft-restored">
            <Group justify="space-between">
              <Text size="sm">{T.draftRestored(timeOf(draftAt))}</Text>
              <Button size="xs" variant="default" onClick={() => void discardDraft()}>
                {T.draftDiscard}
              </Button>
            </Group>
          </Alert>
        )}

        <Paper withBorder p="md">
          <Stack gap="sm">
            {kind !== 'training' && (
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <div ref={requesterRef}>
                  <RequesterInput
                    label={requesterLabel}
                    name={v.requesterName}
                    researcherId={v.requesterResearcherId}
                    staffNo={v.requesterStaffNo}
                    error={err('requesterName')}
                    autoFocus
                    onType={(name) => {
                      form.setFieldValue('requesterName', name)
                      if (v.requesterResearcherId !== null) {
                        form.setFieldValue('requesterResearcherId', null)
                        form.setFieldValue('requesterStaffNo', '')
                      }
                    }}
                    onPick={(r) => {
                      form.setValues({ requesterName: r.name, requesterResearcherId: r.id, requesterStaffNo: r.staffNo, college: r.college, requesterType: 'teacher' })
                      form.clearFieldError('requesterName')
                      form.clearFieldError('requesterType')
                    }}
                  />
                </div>
                <Select
                  label={T.requesterType}
                  data={REQUESTER_DATA}
                  value={v.requesterType}
                  onChange={(value) => form.setFieldValue('requesterType', value as EntryValues['requesterType'])}
                  error={err('requesterType')}
                  searchable
                  selectFirstOptionOnChange
                  clearable
                />
                <Autocomplete label={T.college} data={options.colleges} limit={12} {...form.getInputProps('college')} />
              </SimpleGrid>
            )}
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <IsoDateInput label={T.date} value={v.date} onChange={(value) => form.setFieldValue('date', value ?? '')} error={err('date')} testId="entry-date" />
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {kind === 'consultation' ? T.channel : T.channelOther}
                </Text>
                <SegmentedControl
                  fullWidth
                  data={CHANNEL_DATA}
                  value={v.channel ?? ''}
                  onChange={(value) => form.setFieldValue('channel', value as EntryValues['channel'])}
                  aria-label={kind === 'consultation' ? T.channel : T.channelOther}
                />
                {err('channel') && (
                  <Text size="xs" c="red">
                    {err('channel')}
                  </Text>
                )}
              </div>
              <Autocomplete label={T.staff} data={options.staff} {...form.getInputProps('staff')} />
            </SimpleGrid>

            {kind === 'consultation' && (
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Select
                  label={T.topic}
                  data={options.topics}
                  searchable
                  selectFirstOptionOnChange
                  clearable
                  value={v.topic || null}
                  onChange={(value) => form.setFieldValue('topic', value ?? '')}
                  error={err('topic')}
                />
                <TagsInput label={T.tags} description={T.tagsHint} data={options.tags} {...form.getInputProps('tags')} />
                <NumberInput label={T.duration} min={0} max={1440} allowDecimal={false} {...form.getInputProps('durationMin')} />
              </SimpleGrid>
            )}

            {kind !== 'consultation' && (
              <TextInput label={T.title[kind]} {...form.getInputProps('title')} autoFocus={kind === 'training'} />
            )}
            {kind === 'training' && (
              <SimpleGrid cols={{ base: 1, md: 4 }}>
                <TextInput label={T.audience} {...form.getInputProps('audience')} />
                <NumberInput label={T.attendees} min={0} allowDecimal={false} {...form.getInputProps('attendees')} />
                <NumberInput label={T.hours} min={0} decimalScale={1} {...form.getInputProps('hours')} />
                <TextInput label={T.organiser} {...form.getInputProps('organiser')} />
              </SimpleGrid>
            )}
            {kind === 'training' && <Autocomplete label={T.college} data={options.colleges} limit={12} {...form.getInputProps('college')} />}
            {kind === 'report' && (
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Select
                  label={T.reportKind}
                  data={options.reportKinds}
                  searchable
                  selectFirstOptionOnChange
                  value={v.reportKind || null}
                  onChange={(value) => form.setFieldValue('reportKind', value ?? '')}
                  error={err('reportKind')}
                />
                <IsoDateInput label={T.deliveredDate} value={v.deliveredDate} onChange={(value) => form.setFieldValue('deliveredDate', value)} error={err('deliveredDate')} clearable />
                <NumberInput label={T.pages} min={0} allowDecimal={false} {...form.getInputProps('pages')} />
              </SimpleGrid>
            )}
            {(kind === 'navigation' || kind === 'warning') && (
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <TextInput label={T.team} {...form.getInputProps('team')} />
                <IsoDateInput label={T.startDate} value={v.startDate} onChange={(value) => form.setFieldValue('startDate', value)} error={err('startDate')} clearable />
                <IsoDateInput label={T.endDate} value={v.endDate} onChange={(value) => form.setFieldValue('endDate', value)} error={err('endDate')} clearable />
              </SimpleGrid>
            )}

            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Textarea label={kind === 'consultation' ? T.question : T.content} autosize minRows={3} maxRows={10} {...form.getInputProps('question')} />
              <Textarea label={kind === 'consultation' ? T.answer : T.conclusion} autosize minRows={3} maxRows={10} {...form.getInputProps('answer')} />
            </SimpleGrid>

            {kind === 'consultation' && (
              <Group align="flex-end">
                <IsoDateInput label={T.followUpDate} value={v.followUpDate} onChange={(value) => form.setFieldValue('followUpDate', value)} error={err('followUpDate')} clearable placeholder="" />
                {id !== null && v.followUpDate && <Checkbox label={T.followUpDone} {...form.getInputProps('followUpDone', { type: 'checkbox' })} mb={8} />}
              </Group>
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={500}>{T.links}</Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <ResearcherLinks value={v.researchers} onChange={(value) => form.setFieldValue('researchers', value)} error={err('researchers')} />
              <AssetLinks value={v.assets} onChange={(value) => form.setFieldValue('assets', value)} error={err('assets')} />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Group justify="space-between">
          <Group>
            <Button type="submit" loading={saving}>
              {T.save}
            </Button>
            <Text size="xs" c="dimmed">
              <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> {T.saveHint.replace('Ctrl+Enter ', '')}
            </Text>
          </Group>
          <Group>
            {id !== null && (
              <Button color="red" variant="light" onClick={() => setConfirmDelete(true)}>
                {T.delete}
              </Button>
            )}
            <Button variant="default" onClick={() => navigate('/services')}>
              {T.back}
            </Button>
          </Group>
        </Group>
      </Stack>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={T.delete} centered>
        <Stack>
          <Text size="sm">{T.deleteConfirm}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {T.cancel}
            </Button>
            <Button color="red" onClick={() => void remove()} data-autofocus>
              {T.delete}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  )
}
