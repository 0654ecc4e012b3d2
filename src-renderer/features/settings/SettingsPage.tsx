import { Alert, Button, Group, Loader, NumberInput, Paper, Stack, Switch, TagsInput, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import type { Settings } from '../../../src-main/contract/settings'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { SETTINGS_TEXT as T } from './text'

/** /settings: shown once the stored settings are in, so nothing typed can be overwritten by their arrival. */
export function SettingsPage() {
  const current = useCall('settings:get', {})
  if (current.error && !current.data) {
    return (
      <Alert color="red" title={T.loadFailed} maw={720}>
        {current.error.message}
      </Alert>
    )
  }
  if (!current.data) {
    return (
      <Group gap="xs" c="dimmed">
        <Loader size="sm" />
        {T.loading}
      </Group>
    )
  }
  return <SettingsForm stored={current.data} />
}

function SettingsForm({ stored }: { stored: Settings }) {
  const { invalidate } = useArchiveVersion()
  const form = useForm<Settings>({ initialValues: stored })
  useEffect(() => {
    // Settings read again (after a save, or another archive opened): take them, unless the librarian is
    // in the middle of changing them.
    if (!form.isDirty()) {
      form.setValues(stored)
      form.resetDirty(stored)
    }
    // Only when fresh settings arrive; the form object is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored])

  const save = form.onSubmit(async (values) => {
    try {
      await api.call('settings:update', values)
      form.resetDirty(values)
      notifySuccess(T.saved)
      invalidate()
    } catch (error) {
      notifyError(error)
    }
  })

  return (
    <form onSubmit={save}>
      <Stack maw={720}>
        <Title order={2}>{T.title}</Title>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{T.university}</Title>
            <TextInput label={T.universityName} description={T.universityNameHint} {...form.getInputProps('universityName')} data-autofocus />
            <TagsInput label={T.aliases} description={T.aliasesHint} {...form.getInputProps('universityAliases')} />
            <TextInput label={T.centreName} {...form.getInputProps('centreName')} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{T.operator}</Title>
            <TextInput label={T.operatorName} description={T.operatorHint} {...form.getInputProps('operatorName')} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{T.backups}</Title>
            <NumberInput label={T.keepLast} min={1} max={100} {...form.getInputProps('backupKeepLast')} />
            <Switch label={T.keepMonthly} {...form.getInputProps('backupKeepMonthly', { type: 'checkbox' })} />
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" disabled={!form.isDirty()}>
            {T.save}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
