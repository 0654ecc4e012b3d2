import { ActionIcon, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { REVIEWER_STANCES, type EvaluationReviewer, type ReviewerStance } from '../../../src-main/contract/evaluations'
import { REVIEWER_STANCE_LABELS } from '../../../src-main/contract/labels'
import { todayIso } from '../../components/dates'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.form
const NONE = 'none'

export function ReviewersEditor({ value, onChange, disabled }: { value: EvaluationReviewer[]; onChange: (next: EvaluationReviewer[]) => void; disabled?: boolean }) {
  const [focusIndex, setFocusIndex] = useState<number | null>(null)
  const set = (index: number, patch: Partial<EvaluationReviewer>) => onChange(value.map((r, i) => (i === index ? { ...r, ...patch } : r)))
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{T.reviewers}</Title>
        {!disabled ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setFocusIndex(value.length)
              onChange([...value, { name: '', role: '', stance: null, opinion: '', date: todayIso() }])
            }}
          >
            {T.addReviewer}
          </Button>
        ) : null}
      </Group>
      {!value.length ? (
        <Text size="sm" c="dimmed">
          {T.noReviewers}
        </Text>
      ) : (
        <Stack gap="md">
          {value.map((reviewer, index) => (
            <Paper key={index} withBorder p="sm" bg="gray.0" data-testid="reviewer-row">
              <Group align="flex-end" gap="sm" wrap="nowrap">
                <TextInput
                  label={T.reviewerName}
                  value={reviewer.name}
                  disabled={disabled}
                  autoFocus={focusIndex === index}
                  onChange={(e) => set(index, { name: e.currentTarget.value })}
                  w={130}
                />
                <TextInput label={T.reviewerRole} placeholder={T.reviewerRolePlaceholder} value={reviewer.role} disabled={disabled} onChange={(e) => set(index, { role: e.currentTarget.value })} w={170} />
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {T.stance}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    disabled={disabled}
                    aria-label={`${T.stance}（${reviewer.name || index + 1}）`}
                    value={reviewer.stance ?? NONE}
                    onChange={(v) => set(index, { stance: v === NONE ? null : (v as ReviewerStance) })}
                    data={[{ value: NONE, label: '—' }, ...REVIEWER_STANCES.map((s) => ({ value: s, label: REVIEWER_STANCE_LABELS[s] }))]}
                  />
                </Stack>
                <TextInput
                  label={T.reviewDate}
                  type="date"
                  value={reviewer.date ?? ''}
                  disabled={disabled}
                  onChange={(e) => set(index, { date: e.currentTarget.value || null })}
                  w={150}
                />
                {!disabled ? (
                  <Tooltip label={T.removeReviewer}>
                    <ActionIcon variant="subtle" color="red" aria-label={`${T.removeReviewer} ${reviewer.name}`} onClick={() => onChange(value.filter((_, i) => i !== index))} mb={4}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
              <Textarea label={T.opinion} mt="xs" autosize minRows={1} maxRows={6} value={reviewer.opinion} disabled={disabled} onChange={(e) => set(index, { opinion: e.currentTarget.value })} />
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
