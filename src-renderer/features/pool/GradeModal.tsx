import { Accordion, Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import { POOL_GRADE_LABELS } from '../../../src-main/contract/labels'
import { POOL_GRADES, type InventoryFilters, type PoolGradeCode } from '../../../src-main/contract/pool'
import { scorePool } from '../../../src-main/pool/scoring'
import { api } from '../../api/client'
import { useCall, useJob } from '../../api/hooks'
import { JobProgressModal } from '../../components/JobProgressModal'
import { notifyError, notifySuccess } from '../../components/errors'
import { todayIso } from '../../components/dates'
import { POOL_TEXT as T } from './text'

export type GradeTarget = { kind: 'ids'; ids: number[] } | { kind: 'filters'; filters: InventoryFilters; total: number }

interface Values {
  grade: PoolGradeCode
  reason: string
  gradedOn: string
  scores: Record<string, string>
}

/** Grade the chosen patents, or every patent the inventory filter selects (one batch). */
export function GradeModal({ target, initialGrade, onClose, onDone }: { target: GradeTarget | null; initialGrade?: PoolGradeCode; onClose: () => void; onDone: () => void }) {
  const template = useCall('pool:indicators', {})
  const job = useJob()
  const form = useForm<Values>({
    initialValues: { grade: initialGrade ?? 'B', reason: '', gradedOn: '', scores: {} },
    validate: { reason: (v) => (v.trim() ? null : '请填写分级理由') },
  })
  useEffect(() => {
    if (target) form.setValues({ grade: initialGrade ?? 'B', reason: '', gradedOn: '', scores: {} })
    // Reset only when a new target opens the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target])

  const count = target ? (target.kind === 'ids' ? target.ids.length : target.total) : 0
  const scores = Object.fromEntries(Object.entries(form.values.scores).filter(([, v]) => v).map(([k, v]) => [k, Number(v)]))
  const score = template.data ? scorePool(template.data, scores) : null
  const gradeInfo = template.data?.grades.find((g) => g.grade === form.values.grade)

  const submit = form.onSubmit(async (values) => {
    if (!target) return
    const decision = { grade: values.grade, reason: values.reason, gradedOn: values.gradedOn || undefined, scores }
    try {
      const result =
        target.kind === 'ids'
          ? await api.call('pool:grade', { assetIds: target.ids, ...decision })
          : await job.run('pool:gradeSelection', { filters: target.filters, ...decision })
      notifySuccess(T.grade.done(result.graded))
      onDone()
    } catch (error) {
      notifyError(error)
    }
  })

  return (
    <>
      <Modal opened={target !== null && !job.running} onClose={onClose} title={T.grade.title(count)} size="lg">
        <form onSubmit={submit}>
          <Stack>
            {target?.kind === 'filters' && (
              <Alert color="yellow" variant="light">
                {T.grade.confirmAll(target.total)}
              </Alert>
            )}
            <div>
              <Text size="sm" fw={500} mb={4}>
                {T.grade.grade}
              </Text>
              <SegmentedControl
                fullWidth
                aria-label={T.grade.grade}
                data={POOL_GRADES.map((g) => ({ value: g, label: `${g} ${POOL_GRADE_LABELS[g]}` }))}
                {...form.getInputProps('grade')}
              />
              {gradeInfo && (
                <Text size="xs" c="dimmed" mt={4}>
                  {gradeInfo.hint}
                </Text>
              )}
            </div>
            <Textarea label={T.grade.reason} description={T.grade.reasonHint} autosize minRows={2} data-autofocus required {...form.getInputProps('reason')} />
            <TextInput label={T.grade.gradedOn} description={T.todayIfEmpty} type="date" w={200} max={todayIso()} {...form.getInputProps('gradedOn')} />
            {template.data && (
              <Accordion variant="contained">
                <Accordion.Item value="scores">
                  <Accordion.Control>
                    <Group justify="space-between" pr="sm">
                      <Text size="sm">{T.grade.scores}</Text>
                      {score && score.scored > 0 && (
                        <Text size="xs" c="dimmed">
                          {T.grade.points(score.points, score.scored, score.count)}
                          {score.suggested ? ` · ${T.grade.suggested(score.suggested, POOL_GRADE_LABELS[score.suggested])}` : ''}
                        </Text>
                      )}
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Text size="xs" c="dimmed" mb="sm">
                      {T.grade.scoresHint}
                    </Text>
                    <Stack gap="sm">
                      {template.data.dimensions.map((dimension) =>
                        dimension.indicators.map((indicator) => (
                          <Group key={indicator.id} justify="space-between" wrap="nowrap">
                            <Tooltip label={indicator.description} multiline maw={320} withinPortal>
                              <Text size="sm">
                                {dimension.name} · {indicator.name}（{indicator.weight}）
                              </Text>
                            </Tooltip>
                            <SegmentedControl
                              size="xs"
                              aria-label={indicator.name}
                              value={form.values.scores[indicator.id] ?? ''}
                              onChange={(v) => form.setFieldValue(`scores.${indicator.id}`, v)}
                              data={[
                                { value: '', label: '—' },
                                ...(['1', '2', '3', '4', '5'] as const).map((s) => ({
                                  value: s,
                                  label: (
                                    <Tooltip label={indicator.anchors[s]} withinPortal maw={280} multiline>
                                      <span>{s}</span>
                                    </Tooltip>
                                  ),
                                })),
                              ]}
                            />
                          </Group>
                        )),
                      )}
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              </Accordion>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {T.cancel}
              </Button>
              <Button type="submit">{T.grade.submit}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <JobProgressModal title={T.grade.job} running={job.running} progress={job.progress} onCancel={job.cancel} />
    </>
  )
}
