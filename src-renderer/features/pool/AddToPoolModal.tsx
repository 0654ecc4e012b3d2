import { Button, Checkbox, Group, Modal, Stack, TagsInput, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import { api } from '../../api/client'
import { notifyError, notifySuccess } from '../../components/errors'
import { POOL_TEXT as T } from './text'

interface Values {
  prospects: string
  targetIndustries: string[]
  applicationField: string
  openLicenceCandidate: boolean
}

/** Put graded patents into the pool with their industrialisation note and target industries. */
export function AddToPoolModal({ ids, onClose, onDone }: { ids: number[] | null; onClose: () => void; onDone: () => void }) {
  const form = useForm<Values>({ initialValues: { prospects: '', targetIndustries: [], applicationField: '', openLicenceCandidate: false } })
  useEffect(() => {
    if (ids) form.reset()
    // Reset when a new selection opens the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids])
  const submit = form.onSubmit(async (values) => {
    if (!ids) return
    try {
      const result = await api.call('pool:add', { assetIds: ids, ...values })
      notifySuccess(T.add.done(result.added, result.alreadyIn))
      onDone()
    } catch (error) {
      notifyError(error)
    }
  })
  return (
    <Modal opened={ids !== null} onClose={onClose} title={T.add.title(ids?.length ?? 0)} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Textarea label={T.add.prospects} description={T.add.prospectsHint} autosize minRows={3} data-autofocus {...form.getInputProps('prospects')} />
          <TagsInput label={T.add.industries} description={T.add.industriesHint} {...form.getInputProps('targetIndustries')} />
          <TextInput label={T.add.field} description={T.add.fieldHint} {...form.getInputProps('applicationField')} />
          <Checkbox label={T.add.candidate} {...form.getInputProps('openLicenceCandidate', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {T.cancel}
            </Button>
            <Button type="submit">{T.add.submit}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
