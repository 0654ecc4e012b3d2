import { Alert, Anchor, Badge, Box, Button, Grid, Group, Loader, Paper, Progress, Radio, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconArrowLeft, IconLock } from '@tabler/icons-react'
import { useEffect, useMemo } from 'react'
import {
  EDITABLE_FIELDS,
  EVALUATION_ROUTES,
  evaluationNumber,
  type EvaluationFields,
  type EvaluationRoute,
  type TemplateDimension,
  type TemplateRecord,
  type TransitionAction,
} from '../../../src-main/contract/evaluations'
import { EVALUATION_ROUTE_LABELS } from '../../../src-main/contract/labels'
import { indicatorPoints, routeSuggestedByGrade, scoreEvaluation, type ScoreResult } from '../../../src-main/evaluations/scoring'
import { api } from '../../api/client'
import { useArchiveVersion } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { InventorsInput } from './InventorsInput'
import { ProjectInput } from './ProjectInput'
import { ReviewersEditor } from './ReviewersEditor'
import { ScoreInput } from './ScoreInput'
import { SimilarPanel, useSimilar } from './SimilarPanel'
import { timeOfDay } from './dates'
import { EVAL_TEXT } from './text'
import { useEvaluationDraft, type SaveState } from './useEvaluationDraft'
import { WorkflowPanel } from './WorkflowPanel'

const T = EVAL_TEXT.form
const S = EVAL_TEXT.side
const W = EVAL_TEXT.workflow

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

function SaveIndicator({ state, savedAt }: { state: SaveState; savedAt: Date | null }) {
  const text = state === 'saving' ? S.saving : state === 'pending' ? S.unsaved : state === 'error' ? S.saveFailed : savedAt ? S.saved(timeOfDay(savedAt)) : S.shortcuts
  return (
    <Text size="xs" c={state === 'error' ? 'red' : 'dimmed'} data-testid="save-state" data-state={state}>
      {text}
    </Text>
  )
}

function TotalCard({ result, template }: { result: ScoreResult; template: TemplateRecord }) {
  const shown = result.total ?? result.points
  return (
    <Paper withBorder p="md" data-testid="total-card">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="xs" c="dimmed">
            {S.total}
          </Text>
          <Text fz={36} fw={700} lh={1} data-testid="live-total">
            {fmt(shown)}
          </Text>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Text size="xs" c="dimmed">
            {S.grade}
          </Text>
          {result.gradeInfo ? (
            <Badge size="xl" variant="filled" color={result.grade === 'A' ? 'teal' : result.grade === 'B' ? 'indigo' : result.grade === 'C' ? 'orange' : 'red'} data-testid="live-grade">
              {result.gradeInfo.grade} · {result.gradeInfo.label}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed" data-testid="live-grade">
              {S.incomplete}
            </Text>
          )}
        </div>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {S.ofScored(result.scored, result.count)} · {T.template(template.version)}
      </Text>
      {result.gradeInfo?.hint ? (
        <Text size="xs" mt={4}>
          {result.gradeInfo.hint}
        </Text>
      ) : null}
      <Stack gap={6} mt="sm">
        {result.dimensions.map((d) => (
          <div key={d.id}>
            <Group justify="space-between" gap={4}>
              <Text size="xs">{d.name}</Text>
              <Text size="xs" c="dimmed">
                {fmt(d.points)} / {d.weight}
              </Text>
            </Group>
            <Progress value={d.weight ? (d.points / d.weight) * 100 : 0} size="sm" />
          </div>
        ))}
      </Stack>
    </Paper>
  )
}

function DimensionScores({
  dimension,
  result,
  fields,
  disabled,
  onScores,
}: {
  dimension: TemplateDimension
  result: ScoreResult['dimensions'][number]
  fields: EvaluationFields
  disabled: boolean
  onScores: (next: EvaluationFields['scores']) => void
}) {
  const set = (id: string, patch: Partial<{ score: number | null; comment: string }>) => {
    const current = fields.scores[id] ?? { score: null, comment: '' }
    onScores({ ...fields.scores, [id]: { ...current, ...patch } })
  }
  return (
    <Paper withBorder p="md" data-testid={`dimension-${dimension.id}`}>
      <Group justify="space-between" mb={4}>
        <Title order={4}>{dimension.name}</Title>
        <Text size="sm" c="dimmed">
          {fmt(result.points)} / {result.weight} · {S.ofScored(result.scored, result.count)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {dimension.description}
      </Text>
      {dimension.indicators.map((indicator) => {
        const entry = fields.scores[indicator.id]
        const score = entry?.score ?? null
        const points = indicatorPoints(indicator.weight, score)
        return (
          <Box key={indicator.id} py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Box style={{ flex: 1 }}>
                <Text size="sm" fw={500}>
                  {indicator.name}
                  <Text span size="xs" c="dimmed" ml={6}>
                    权重 {indicator.weight}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed">
                  {indicator.description}
                </Text>
              </Box>
              <ScoreInput indicator={indicator} value={score} disabled={disabled || indicator.weight === 0} onChange={(s) => set(indicator.id, { score: s })} />
              <Text size="sm" w={52} ta="right" c={points === null ? 'dimmed' : undefined}>
                {points === null ? '—' : T.points(fmt(points))}
              </Text>
            </Group>
            <Text size="xs" mt={4} c={score ? 'indigo.8' : 'dimmed'}>
              {score ? `${score} 分：${indicator.anchors[String(score) as '1' | '2' | '3' | '4' | '5']}` : T.notScored}
            </Text>
            <TextInput
              size="xs"
              mt={4}
              placeholder={T.comment}
              aria-label={`${indicator.name} ${T.comment}`}
              value={entry?.comment ?? ''}
              disabled={disabled}
              onChange={(e) => set(indicator.id, { comment: e.currentTarget.value })}
            />
          </Box>
        )
      })}
    </Paper>
  )
}

export function EvaluationFormPage({ id }: { id: number }) {
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const draft = useEvaluationDraft(id)
  const { template, evaluation, fields, update, flush, replace } = draft
  const similar = useSimilar(fields?.title ?? '', fields?.priorArtSummary ?? '')
  const result = useMemo(() => (template && fields ? scoreEvaluation(template.body, fields.scores) : null), [template, fields])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault()
        void flush()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [flush])

  if (draft.loadError) {
    return (
      <Stack>
        <Anchor onClick={() => navigate('/evaluations')}>{T.back}</Anchor>
        <Alert color="red">{draft.loadError.message}</Alert>
      </Stack>
    )
  }
  if (!template || !evaluation || !fields || !result) return <Loader />

  const editable = new Set(EDITABLE_FIELDS[evaluation.status])
  const locked = (key: keyof EvaluationFields) => !editable.has(key)
  const suggested = routeSuggestedByGrade(result.grade)

  const transition = async (action: TransitionAction, extra?: { decision: EvaluationRoute; decisionDate: string; decisionNote: string }) => {
    try {
      await flush()
      const next = await api.call('evaluations:transition', { id, action, ...extra })
      replace(next)
      invalidate()
      notifySuccess(W.done(W[action]))
    } catch (error) {
      notifyError(error)
    }
  }
  const exportReport = async () => {
    try {
      await flush()
      const file = await api.call('evaluations:exportReport', { id })
      await api.deliverFile(file.ref, file.name)
    } catch (error) {
      notifyError(error)
    }
  }
  const remove = async () => {
    try {
      await api.call('evaluations:delete', { id })
      notifySuccess(S.deleted)
      invalidate()
      navigate('/evaluations')
    } catch (error) {
      notifyError(error)
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/evaluations')}>
            {T.back}
          </Button>
          <Title order={2}>
            {T.heading}
            <Text span c="dimmed" fz="md" ml="sm">
              {evaluationNumber(evaluation)}
            </Text>
          </Title>
        </Group>
        <SaveIndicator state={draft.saveState} savedAt={draft.savedAt} />
      </Group>
      {evaluation.status !== 'draft' ? (
        <Alert icon={<IconLock size={16} />} color="gray" py="xs">
          {evaluation.status === 'submitted' ? T.frozen : T.readOnly}
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={8}>
          <Stack>
            <Paper withBorder p="md">
              <Title order={4} mb="sm">
                {T.basics}
              </Title>
              <Stack gap="sm">
                <TextInput label={T.titleLabel} placeholder={T.titlePlaceholder} value={fields.title} disabled={locked('title')} data-autofocus autoFocus={evaluation.status === 'draft'} onChange={(e) => update({ title: e.currentTarget.value })} />
                <InventorsInput value={fields.inventors} disabled={locked('inventors')} onChange={(inventors) => update({ inventors })} />
                <Group align="flex-start" grow>
                  <ProjectInput
                    projectId={fields.projectId}
                    projectName={fields.projectName}
                    disabled={locked('projectName')}
                    onChange={(p) => update({ projectName: p.projectName, projectId: p.projectId, ...(p.fiscalFunded === undefined ? {} : { fiscalFunded: p.fiscalFunded }) })}
                  />
                  <Stack gap={4} style={{ flexGrow: 0 }}>
                    <Text size="sm" fw={500}>
                      {T.fiscal}
                    </Text>
                    <SegmentedControl
                      aria-label={T.fiscal}
                      disabled={locked('fiscalFunded')}
                      value={fields.fiscalFunded === null ? 'unknown' : fields.fiscalFunded ? 'yes' : 'no'}
                      onChange={(v) => update({ fiscalFunded: v === 'unknown' ? null : v === 'yes' })}
                      data={[
                        { value: 'yes', label: T.fiscalOptions.yes },
                        { value: 'no', label: T.fiscalOptions.no },
                        { value: 'unknown', label: T.fiscalOptions.unknown },
                      ]}
                    />
                  </Stack>
                </Group>
                <Group grow align="flex-start">
                  <TextInput label={T.techField} placeholder={T.techFieldPlaceholder} value={fields.techField} disabled={locked('techField')} onChange={(e) => update({ techField: e.currentTarget.value })} />
                  <Stack gap={4}>
                    <TextInput label={T.ipc} placeholder="H01M 50/403" value={fields.ipcSuggested ?? ''} disabled={locked('ipcSuggested')} onChange={(e) => update({ ipcSuggested: e.currentTarget.value || null })} />
                    {similar.result?.ipc.length && !locked('ipcSuggested') ? (
                      <Group gap={4} data-testid="ipc-suggestions">
                        <Text size="xs" c="dimmed">
                          {T.ipcSuggest}
                        </Text>
                        {similar.result.ipc.map((s) => (
                          <Button key={s.code} size="compact-xs" variant="light" onClick={() => update({ ipcSuggested: s.code })} title={`${s.count} 项相近成果，如 ${s.example}`}>
                            {s.code}（{s.count}）
                          </Button>
                        ))}
                      </Group>
                    ) : null}
                  </Stack>
                </Group>
                <Group grow>
                  <TextInput label={T.disclosureDate} type="date" value={fields.disclosureDate ?? ''} disabled={locked('disclosureDate')} onChange={(e) => update({ disclosureDate: e.currentTarget.value || null })} />
                  <TextInput
                    label={T.evaluatedOn}
                    type="date"
                    value={fields.evaluatedOn}
                    disabled={locked('evaluatedOn')}
                    onChange={(e) => {
                      if (e.currentTarget.value) update({ evaluatedOn: e.currentTarget.value })
                    }}
                  />
                </Group>
                <Textarea label={T.priorArt} placeholder={T.priorArtPlaceholder} autosize minRows={3} maxRows={12} value={fields.priorArtSummary} disabled={locked('priorArtSummary')} onChange={(e) => update({ priorArtSummary: e.currentTarget.value })} />
              </Stack>
            </Paper>

            <Group justify="space-between" mt="xs">
              <Title order={3}>{T.scoring}</Title>
              <Text size="xs" c="dimmed">
                {T.scoringHint}
              </Text>
            </Group>
            {template.body.dimensions.map((dimension, i) => (
              <DimensionScores key={dimension.id} dimension={dimension} result={result.dimensions[i]!} fields={fields} disabled={locked('scores')} onScores={(scores) => update({ scores })} />
            ))}

            <Paper withBorder p="md">
              <Radio.Group
                label={<Title order={4}>{T.recommendation}</Title>}
                description={suggested ? T.suggestedByGrade(EVALUATION_ROUTE_LABELS[suggested]) : undefined}
                value={fields.recommendation ?? ''}
                onChange={(v) => update({ recommendation: v as EvaluationRoute })}
              >
                <SimpleGrid cols={4} mt="sm" spacing="xs">
                  {EVALUATION_ROUTES.map((r) => (
                    <Radio key={r} value={r} label={EVALUATION_ROUTE_LABELS[r]} disabled={locked('recommendation')} />
                  ))}
                </SimpleGrid>
              </Radio.Group>
            </Paper>

            <ReviewersEditor value={fields.reviewers} disabled={locked('reviewers')} onChange={(reviewers) => update({ reviewers })} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack style={{ position: 'sticky', top: 68, maxHeight: 'calc(100vh - 110px)', overflowY: 'auto' }} pb="md">
            <TotalCard result={result} template={template} />
            <WorkflowPanel evaluation={evaluation} onTransition={transition} onChanged={(e) => replace(e)} onExport={exportReport} onDelete={remove} />
            <SimilarPanel title={fields.title} result={similar.result} loading={similar.loading} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
