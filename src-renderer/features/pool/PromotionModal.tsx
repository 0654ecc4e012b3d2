import { Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import { PROMOTION_KIND_LABELS } from '../../../src-main/contract/labels'
import type { Promotion, PromotionKindCode } from '../../../src-main/contract/pool'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { todayIso } from '../../components/dates'
import { POOL_TEXT as T } from './text'

const KINDS: PromotionKindCode[] = ['roadshow', 'fair', 'matchmaking', 'other']

interface Values {
  kind: PromotionKindCode
  title: string
  heldOn: string
  place: string
  organiser: string
  audience: string
  attendees: number | string
  enterprises: string[]
  assetIds: string[]
  note: string
}

export type PromotionDraft = { promotion: Promotion } | { assetIds: number[] }

function initial(draft: PromotionDraft | null): Values {
  if (draft && 'promotion' in draft) {
    const p = draft.promotion
    return { ...p, attendees: p.attendees ?? '', assetIds: p.assetIds.map(String) }
  }
  return { kind: 'roadshow', title: '', heldOn: todayIso(), place: '', organiser: '', audience: '', attendees: '', enterprises: [], assetIds: (draft?.assetIds ?? []).map(String), note: '' }
}

/** Record (or edit) a 路演 / 推介会 / 对接会 with the enterprises met and the patents shown. */
export function PromotionModal({ draft, onClose, onSaved }: { draft: PromotionDraft | null; onClose: () => void; onSaved: (p: Promotion) => void }) {
  const pool = useCall('pool:list', { limit: 200 }, { enabled: draft !== null })
  const form = useForm<Values>({
    initialValues: initial(null),
    validate: { title: (v) => (v.trim() ? null : '请填写活动名称'), heldOn: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : '请填写日期') },
  })
  useEffect(() => {
    if (draft) form.setValues(initial(draft))
    // Reset when another activity (or a new one) opens the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft])
  const options = new Map((pool.data?.items ?? []).map((r) => [String(r.id), `${r.patentNo} ${r.title}`]))
  for (const id of form.values.assetIds) if (!options.has(id)) options.set(id, `#${id}`)

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await api.call('pool:savePromotion', {
        ...(draft && 'promotion' in draft ? { id: draft.promotion.id } : {}),
        kind: values.kind,
        title: values.title,
        heldOn: values.heldOn,
        place: values.place,
        organiser: values.organiser,
        audience: values.audience,
        attendees: values.attendees === '' ? null : Number(values.attendees),
        enterprises: values.enterprises,
        assetIds: values.assetIds.map(Number),
        note: values.note,
      })
      notifySuccess(T.promotions.saved)
      onSaved(saved)
    } catch (error) {
      notifyError(error)
    }
  })

  return (
    <Modal opened={draft !== null} onClose={onClose} title={draft && 'promotion' in draft ? T.promotions.edit : T.promotions.new} size="xl">
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={3}>
            <Select label={T.promotions.kind} data={KINDS.map((k) => ({ value: k, label: PROMOTION_KIND_LABELS[k] }))} allowDeselect={false} {...form.getInputProps('kind')} />
            <TextInput label={T.promotions.heldOn} type="date" required {...form.getInputProps('heldOn')} />
            <NumberInput label={T.promotions.attendees} min={0} {...form.getInputProps('attendees')} />
          </SimpleGrid>
          <TextInput label={T.promotions.titleField} required data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={3}>
            <TextInput label={T.promotions.place} {...form.getInputProps('place')} />
            <TextInput label={T.promotions.organiser} {...form.getInputProps('organiser')} />
            <TextInput label={T.promotions.audience} {...form.getInputProps('audience')} />
          </SimpleGrid>
          <TagsInput label={T.promotions.enterprises} description={T.promotions.enterprisesHint} {...form.getInputProps('enterprises')} />
          <MultiSelect
            label={T.promotions.patents}
            description={T.promotions.patentsHint}
            searchable
            data={[...options].map(([value, label]) => ({ value, label }))}
            {...form.getInputProps('assetIds')}
          />
          <Textarea label={T.promotions.note} autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {T.cancel}
            </Button>
            <Button type="submit">{T.save}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
