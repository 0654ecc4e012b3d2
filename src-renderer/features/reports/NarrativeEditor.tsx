import { Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import type { Narrative } from '../../../src-main/contract/reports'
import { api } from '../../api/client'
import { notifyError } from '../../components/errors'
import { REPORTS_TEXT as T } from './text'

type Field = 'highlights' | 'problems' | 'plans'
const FIELDS: Field[] = ['highlights', 'problems', 'plans']
const AUTOSAVE_MS = 800

export interface NarrativeHandle {
  /** Save what is typed now (before an export reads it). */
  flush(): Promise<void>
}

function timeOf(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : ''
}

/**
 * Section 六 of the year's report. The text lives in this component while typing and is saved a moment
 * after the last keystroke (and before an export), per year. What the server returns does not replace
 * what is typed, so a save never moves the cursor or eats a trailing space.
 */
export function NarrativeEditor({ year, initial, ref }: { year: number; initial: Narrative; ref?: Ref<NarrativeHandle> }) {
  const [text, setText] = useState<Record<Field, string>>({ highlights: initial.highlights, problems: initial.problems, plans: initial.plans })
  const [savedAt, setSavedAt] = useState<string | null>(initial.updatedAt)
  const [state, setState] = useState<'idle' | 'dirty' | 'saving'>('idle')
  const latest = useRef(text)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const inflight = useRef<Promise<void> | null>(null)

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    await inflight.current
    const value = latest.current
    setState('saving')
    const run = api
      .call('reports:saveNarrative', { year, ...value })
      .then((saved) => {
        setSavedAt(saved.updatedAt)
        setState(latest.current === value ? 'idle' : 'dirty')
      })
      .catch((error: unknown) => {
        setState('dirty')
        notifyError(error, '年度报告文字未保存')
      })
    inflight.current = run
    await run
  }, [year])

  useImperativeHandle(ref, () => ({ flush: async () => (timer.current || state === 'dirty' ? save() : inflight.current ?? Promise.resolve()) }), [save, state])

  // Leaving the page (or the year) saves what was typed.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current)
        void api.call('reports:saveNarrative', { year, ...latest.current }).catch(() => {})
      }
    },
    [year],
  )

  const change = (field: Field, value: string) => {
    const next = { ...latest.current, [field]: value }
    latest.current = next
    setText(next)
    setState('dirty')
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS)
  }

  const status = state === 'saving' ? T.narrative.saving : state === 'dirty' ? T.narrative.unsaved : savedAt ? T.narrative.saved(timeOf(savedAt)) : T.narrative.never
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{T.narrative.title}</Title>
        <Text size="sm" c={state === 'dirty' ? 'orange' : 'dimmed'} data-testid="narrative-status">
          {status}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {T.narrative.hint}
      </Text>
      <Stack>
        {FIELDS.map((field) => (
          <Textarea
            key={field}
            label={T.narrative[field]}
            placeholder={T.narrative.placeholder[field]}
            autosize
            minRows={3}
            maxRows={14}
            maxLength={20_000}
            value={text[field]}
            onChange={(event) => change(field, event.currentTarget.value)}
            onBlur={() => {
              if (timer.current) void save()
            }}
          />
        ))}
      </Stack>
    </Paper>
  )
}
