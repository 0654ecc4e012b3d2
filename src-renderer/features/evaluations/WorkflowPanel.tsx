import { Badge, Button, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconFileTypeDocx, IconLink, IconTrash } from '@tabler/icons-react'
import { Fragment, useState } from 'react'
import { EVALUATION_ROUTES, EVALUATION_STATUSES, type Evaluation, type EvaluationRoute, type LinkSuggestion, type TransitionAction } from '../../../src-main/contract/evaluations'
import { EVALUATION_ROUTE_LABELS, EVALUATION_STATUS_LABELS } from '../../../src-main/contract/labels'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { notifyError, notifySuccess } from '../../components/errors'
import { todayIso } from '../../components/dates'
import { EVAL_TEXT } from './text'

const W = EVAL_TEXT.workflow
const F = EVAL_TEXT.filing
const S = EVAL_TEXT.side

export const STATUS_COLORS: Record<Evaluation['status'], string> = { draft: 'gray', submitted: 'orange', reviewed: 'blue', decided: 'teal' }

function DecideModal({ opened, onClose, evaluation, onDecide }: { opened: boolean; onClose: () => void; evaluation: Evaluation; onDecide: (v: { decision: EvaluationRoute; decisionDate: string; decisionNote: string }) => Promise<void> }) {
  const form = useForm({
    initialValues: { decision: evaluation.recommendation ?? 'invention', decisionDate: todayIso(), decisionNote: '' },
    validate: { decisionDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : '请填写决定日期') },
  })
  const [busy, setBusy] = useState(false)
  return (
    <Modal opened={opened} onClose={onClose} title={W.decide} size="lg" centered>
      <form
        onSubmit={form.onSubmit(async (values) => {
          setBusy(true)
          try {
            await onDecide({ decision: values.decision as EvaluationRoute, decisionDate: values.decisionDate, decisionNote: values.decisionNote })
            onClose()
          } finally {
            setBusy(false)
          }
        })}
      >
        <Stack>
          <Radio.Group label={W.decision} {...form.getInputProps('decision')}>
            <SimpleGrid cols={4} mt="xs" spacing="xs">
              {EVALUATION_ROUTES.map((r, i) => (
                <Radio key={r} value={r} label={EVALUATION_ROUTE_LABELS[r]} data-autofocus={form.values.decision === r || (i === 0 && !form.values.decision) || undefined} />
              ))}
            </SimpleGrid>
          </Radio.Group>
          <TextInput label={W.decisionDate} type="date" w={180} {...form.getInputProps('decisionDate')} />
          <Textarea label={W.decisionNote} placeholder={W.decisionNotePlaceholder} autosize minRows={2} {...form.getInputProps('decisionNote')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {W.cancel}
            </Button>
            <Button type="submit" loading={busy}>
              {W.confirmDecide}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function FilingSection({ evaluation, onChanged }: { evaluation: Evaluation; onChanged: (e: Evaluation) => void }) {
  const [appNo, setAppNo] = useState('')
  const [busy, setBusy] = useState(false)
  const suggestions = useCall('evaluations:linkSuggestions', { evaluationId: evaluation.id, limit: 5 }, { enabled: evaluation.status === 'decided' && !evaluation.filedAppNo })
  const link = async (number: string) => {
    setBusy(true)
    try {
      const next = await api.call('evaluations:linkFiling', { id: evaluation.id, appNo: number })
      notifySuccess(F.linked(next.filedAppNo ?? number))
      setAppNo('')
      onChanged(next)
    } catch (error) {
      notifyError(error)
    } finally {
      setBusy(false)
    }
  }
  const dismiss = async (s: LinkSuggestion) => {
    try {
      await api.call('evaluations:dismissSuggestion', { evaluationId: s.evaluationId, assetId: s.asset.id })
      suggestions.reload()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <Stack gap="xs" data-testid="filing-section">
      <Text size="sm" fw={600}>
        {F.title}
      </Text>
      {evaluation.status !== 'decided' ? (
        <Text size="xs" c="dimmed">
          {F.afterDecision}
        </Text>
      ) : evaluation.filedAppNo ? (
        <Stack gap={4}>
          <Text size="sm">{F.linked(evaluation.filedAppNo)}</Text>
          {evaluation.filedAsset ? (
            <Text size="xs" c="dimmed">
              {evaluation.filedAsset.title} · {evaluation.filedAsset.filingDate ?? '—'}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {F.notInArchive}
            </Text>
          )}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={async () => {
                try {
                  onChanged(await api.call('evaluations:unlinkFiling', { id: evaluation.id }))
                } catch (error) {
                  notifyError(error)
                }
              }}
            >
              {F.unlink}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            {F.hint}
          </Text>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              if (appNo.trim()) void link(appNo.trim())
            }}
          >
            <Group gap="xs" wrap="nowrap">
              <TextInput aria-label={F.appNo} placeholder="202310397744.0" value={appNo} onChange={(e) => setAppNo(e.currentTarget.value)} style={{ flex: 1 }} size="xs" />
              <Button type="submit" size="xs" loading={busy} leftSection={<IconLink size={14} />}>
                {F.link}
              </Button>
            </Group>
          </form>
          {suggestions.data?.map((s) => (
            <Paper key={s.asset.id} withBorder p="xs" bg="yellow.0" data-testid="filing-suggestion">
              <Text size="sm">{s.asset.title}</Text>
              <Text size="xs" c="dimmed">
                {s.asset.appNo} · {EVAL_TEXT.suggestions.filedOn(s.asset.filingDate)} · {EVAL_TEXT.suggestions.shared(s.sharedInventors)}
              </Text>
              <Group gap="xs" mt={4}>
                <Button size="compact-xs" onClick={() => void link(s.asset.appNo)}>
                  {EVAL_TEXT.suggestions.accept}
                </Button>
                <Button size="compact-xs" variant="default" onClick={() => void dismiss(s)}>
                  {EVAL_TEXT.suggestions.dismiss}
                </Button>
              </Group>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  )
}

export function WorkflowPanel({
  evaluation,
  onTransition,
  onChanged,
  onExport,
  onDelete,
}: {
  evaluation: Evaluation
  onTransition: (action: TransitionAction, extra?: { decision: EvaluationRoute; decisionDate: string; decisionNote: string }) => Promise<void>
  onChanged: (e: Evaluation) => void
  onExport: () => Promise<void>
  onDelete: () => Promise<void>
}) {
  const [deciding, setDeciding] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const step = async (action: TransitionAction) => {
    setBusy(action)
    try {
      await onTransition(action)
    } finally {
      setBusy(null)
    }
  }
  const active = EVALUATION_STATUSES.indexOf(evaluation.status)
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{W.title}</Title>
        <Badge color={STATUS_COLORS[evaluation.status]} data-testid="evaluation-status">
          {EVALUATION_STATUS_LABELS[evaluation.status]}
        </Badge>
      </Group>
      <Group gap={6} mb="md" data-testid="workflow-steps">
        {EVALUATION_STATUSES.map((s, i) => (
          <Fragment key={s}>
            {i > 0 ? (
              <Text size="xs" c="dimmed">
                →
              </Text>
            ) : null}
            <Text size="sm" fw={i === active ? 700 : 400} c={i < active ? 'teal.7' : i === active ? 'indigo.7' : 'dimmed'}>
              {EVALUATION_STATUS_LABELS[s]}
            </Text>
          </Fragment>
        ))}
      </Group>
      {evaluation.status === 'decided' && evaluation.decision ? (
        <Text size="sm" mb="xs" data-testid="decision-text">
          {W.decidedAs(EVALUATION_ROUTE_LABELS[evaluation.decision], evaluation.decisionDate ?? '')}
        </Text>
      ) : null}
      <Group gap="xs">
        {evaluation.status === 'draft' ? (
          <Button onClick={() => void step('submit')} loading={busy === 'submit'}>
            {W.submit}
          </Button>
        ) : null}
        {evaluation.status === 'submitted' ? (
          <>
            <Button onClick={() => void step('review')} loading={busy === 'review'}>
              {W.review}
            </Button>
            <Button variant="default" onClick={() => void step('return')} loading={busy === 'return'}>
              {W.return}
            </Button>
          </>
        ) : null}
        {evaluation.status === 'reviewed' ? <Button onClick={() => setDeciding(true)}>{W.decide}</Button> : null}
        {evaluation.status === 'decided' ? (
          <Button variant="default" size="xs" onClick={() => void step('reopen')} loading={busy === 'reopen'}>
            {W.reopen}
          </Button>
        ) : null}
      </Group>
      <Stack gap="xs" mt="md">
        <Button
          variant="light"
          leftSection={<IconFileTypeDocx size={16} />}
          loading={busy === 'export'}
          onClick={async () => {
            setBusy('export')
            try {
              await onExport()
            } finally {
              setBusy(null)
            }
          }}
        >
          {S.exportReport}
        </Button>
        {evaluation.status === 'draft' ? (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={14} />}
            onClick={() => {
              if (window.confirm(S.deleteConfirm)) void onDelete()
            }}
          >
            {S.delete}
          </Button>
        ) : null}
      </Stack>
      <Paper mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <FilingSection evaluation={evaluation} onChanged={onChanged} />
      </Paper>
      {deciding ? (
        <DecideModal
          opened
          onClose={() => setDeciding(false)}
          evaluation={evaluation}
          onDecide={async (v) => {
            await onTransition('decide', v)
          }}
        />
      ) : null}
    </Paper>
  )
}
