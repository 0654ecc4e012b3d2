import { Group, Input, Pill, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { EvaluationInventor } from '../../../src-main/contract/evaluations'
import { ResearcherPicker } from '../../components/ResearcherPicker'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.form

/**
 * Inventors in order: the university's researchers, picked with the shared researcher picker (name,
 * 工号 or pinyin initials; Enter takes the highlighted one), and external inventors typed by name
 * (Enter adds). Each pill can be removed; the order is the order added.
 */
export function InventorsInput({ value, onChange, disabled }: { value: EvaluationInventor[]; onChange: (next: EvaluationInventor[]) => void; disabled?: boolean }) {
  // The picker holds one choice; after each pick it is remounted empty for the next inventor.
  const [pickerKey, setPickerKey] = useState(0)
  const [external, setExternal] = useState('')

  const add = (inventor: EvaluationInventor) => {
    const duplicate = value.some((v) => (inventor.researcherId !== null ? v.researcherId === inventor.researcherId : v.researcherId === null && v.name === inventor.name))
    if (!duplicate) onChange([...value, inventor])
  }

  return (
    <Input.Wrapper label={T.inventors} description={T.inventorsHint}>
      <Stack gap={6} mt={4}>
        <Pill.Group data-testid="inventor-pills">
          {value.length ? (
            value.map((inventor, index) => (
              <Pill
                key={`${inventor.researcherId ?? 'x'}-${inventor.name}-${index}`}
                withRemoveButton={!disabled}
                removeButtonProps={{ 'aria-label': `删除发明人 ${inventor.name}` }}
                onRemove={() => onChange(value.filter((_, i) => i !== index))}
                data-testid="inventor-pill"
              >
                {index + 1}. {inventor.name}
                {inventor.external ? `（${T.external}${inventor.college ? `，${inventor.college}` : ''}）` : inventor.college ? `（${inventor.college}）` : ''}
              </Pill>
            ))
          ) : (
            <Text size="xs" c="dimmed">
              {T.noInventors}
            </Text>
          )}
        </Pill.Group>
        {!disabled ? (
          <Group grow align="flex-start" gap="sm">
            <ResearcherPicker
              key={pickerKey}
              value={null}
              aria-label={T.researcherPicker}
              placeholder={T.researcherPlaceholder}
              data-testid="inventor-researcher"
              onChange={(_id, researcher) => {
                if (!researcher) return
                add({ name: researcher.name, researcherId: researcher.id, college: researcher.college, external: false })
                setPickerKey((k) => k + 1)
              }}
              autoFocus={pickerKey > 0}
            />
            <TextInput
              aria-label={T.externalInventor}
              placeholder={T.externalPlaceholder}
              value={external}
              onChange={(e) => setExternal(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return
                e.preventDefault()
                const name = external.trim()
                if (!name) return
                add({ name, researcherId: null, college: '', external: true })
                setExternal('')
              }}
            />
          </Group>
        ) : null}
      </Stack>
    </Input.Wrapper>
  )
}
