import { Combobox, Group, Pill, PillsInput, Text, useCombobox } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { EvaluationInventor, ResearcherHit } from '../../../src-main/contract/evaluations'
import { api } from '../../api/client'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.form

/**
 * Inventors in order: the university's researchers (found by name, pinyin initials or staff number)
 * and external inventors (typed names). Enter takes the highlighted researcher, or adds the typed name
 * as an external inventor when nothing is highlighted; Backspace in an empty box removes the last one.
 *
 * The researcher search goes through this area's own channel until the archive's shared researcher
 * picker lands (src-renderer/components/ResearcherPicker.tsx).
 */
export function InventorsInput({ value, onChange, disabled }: { value: EvaluationInventor[]; onChange: (next: EvaluationInventor[]) => void; disabled?: boolean }) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() })
  const [search, setSearch] = useState('')
  // Hits are kept with the query they answer, so a stale answer is never shown for newer typing.
  const [found, setFound] = useState<{ query: string; hits: ResearcherHit[] }>({ query: '', hits: [] })
  const typed = search.trim()
  const hits = found.query === typed ? found.hits : []

  useEffect(() => {
    if (!typed) return
    let live = true
    const timer = setTimeout(() => {
      api.call('evaluations:findResearchers', { query: typed, limit: 8 }).then(
        (rows) => live && setFound({ query: typed, hits: rows }),
        () => live && setFound({ query: typed, hits: [] }),
      )
    }, 120)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [typed])

  useEffect(() => {
    // Highlight the best match so Enter takes it; with no match Enter adds an external inventor.
    if (hits.length) combobox.selectFirstOption()
    else combobox.resetSelectedOption()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [found])

  const add = (inventor: EvaluationInventor) => {
    const duplicate = value.some((v) => (inventor.researcherId !== null ? v.researcherId === inventor.researcherId : v.researcherId === null && v.name === inventor.name))
    if (!duplicate) onChange([...value, inventor])
    setSearch('')
  }

  const onOptionSubmit = (key: string) => {
    if (key.startsWith('r:')) {
      const hit = hits.find((h) => `r:${h.id}` === key)
      if (hit) add({ name: hit.name, researcherId: hit.id, college: hit.college, external: false })
    } else if (search.trim()) {
      add({ name: search.trim(), researcherId: null, college: '', external: true })
    }
    combobox.closeDropdown()
  }

  const pills = value.map((inventor, index) => (
    <Pill
      key={`${inventor.researcherId ?? 'x'}-${inventor.name}-${index}`}
      withRemoveButton={!disabled}
      onRemove={() => onChange(value.filter((_, i) => i !== index))}
      data-testid="inventor-pill"
    >
      {index + 1}. {inventor.name}
      {inventor.external ? `（${T.external}）` : inventor.college ? `（${inventor.college}）` : ''}
    </Pill>
  ))

  return (
    <Combobox store={combobox} onOptionSubmit={onOptionSubmit} withinPortal={false}>
      <Combobox.DropdownTarget>
        <PillsInput label={T.inventors} description={T.inventorsHint} disabled={disabled} onClick={() => combobox.openDropdown()}>
          <Pill.Group>
            {pills}
            <Combobox.EventsTarget>
              <PillsInput.Field
                aria-label={T.inventors}
                placeholder={value.length ? '' : T.inventorsPlaceholder}
                value={search}
                disabled={disabled}
                onFocus={() => combobox.openDropdown()}
                onBlur={() => combobox.closeDropdown()}
                onChange={(event) => {
                  combobox.openDropdown()
                  combobox.updateSelectedOptionIndex()
                  setSearch(event.currentTarget.value)
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Backspace' && search.length === 0 && value.length) {
                    event.preventDefault()
                    onChange(value.slice(0, -1))
                  }
                  // Enter with nothing highlighted: add the typed name as an external inventor.
                  if (event.key === 'Enter' && typed && combobox.getSelectedOptionIndex() === -1) {
                    event.preventDefault()
                    add({ name: typed, researcherId: null, college: '', external: true })
                  }
                }}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>
      <Combobox.Dropdown hidden={!typed}>
        <Combobox.Options>
          {hits.map((hit) => (
            <Combobox.Option value={`r:${hit.id}`} key={hit.id}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={500}>
                  {hit.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {hit.college} · {hit.staffNo}
                  {hit.title ? ` · ${hit.title}` : ''}
                  {hit.active ? '' : ' · 已离职'}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
          {typed ? (
            <Combobox.Option value="external">
              <Text size="sm" c="dimmed">
                {T.addExternal(typed)}
              </Text>
            </Combobox.Option>
          ) : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  )
}
