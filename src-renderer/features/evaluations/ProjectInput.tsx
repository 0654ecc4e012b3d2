import { Autocomplete, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { ProjectHit } from '../../../src-main/contract/evaluations'
import { PROJECT_LEVEL_LABELS } from '../../../src-main/contract/labels'
import type { ProjectLevel } from '../../../src-main/db/schema'
import { api } from '../../api/client'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.form

export function projectLabel(hit: Pick<ProjectHit, 'name' | 'projectNo'>): string {
  return `${hit.name}（${hit.projectNo}）`
}

/** The project as typed, or picked from the archive's projects (then its fiscal-funding flag comes along). */
export function ProjectInput({
  value,
  onChange,
  disabled,
}: {
  value: string
  onChange: (next: { projectName: string; projectId: number | null; fiscalFunded?: boolean }) => void
  disabled?: boolean
}) {
  const [found, setFound] = useState<{ query: string; hits: ProjectHit[] }>({ query: '', hits: [] })
  // Once picked, the text is the option's label; search by the name part.
  const query = value.trim().replace(/（[^（）]*）$/, '')
  const hits = found.query === query ? found.hits : []
  useEffect(() => {
    if (query.length < 2) return
    let live = true
    const timer = setTimeout(() => {
      api.call('evaluations:findProjects', { query, limit: 8 }).then(
        (rows) => live && setFound({ query, hits: rows }),
        () => live && setFound({ query, hits: [] }),
      )
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query])
  return (
    <Autocomplete
      label={T.project}
      description={T.projectHint}
      value={value}
      disabled={disabled}
      data={hits.map(projectLabel)}
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const hit = hits.find((h) => projectLabel(h) === option.value)
        return (
          <Text size="sm">
            {option.value}
            <Text span size="xs" c="dimmed">
              {hit ? ` · ${PROJECT_LEVEL_LABELS[hit.level as ProjectLevel] ?? hit.level}${hit.fiscalFunded ? ' · 财政资助' : ''}` : ''}
            </Text>
          </Text>
        )
      }}
      onChange={(text) => {
        // Picking an option sets the text to its label: then the project (and its funding flag) is known.
        const hit = hits.find((h) => projectLabel(h) === text)
        onChange(hit ? { projectName: text, projectId: hit.id, fiscalFunded: hit.fiscalFunded } : { projectName: text, projectId: null })
      }}
    />
  )
}
