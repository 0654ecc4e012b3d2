import { Stack, TextInput } from '@mantine/core'
import { ProjectPicker, projectLabel } from '../../components/ProjectPicker'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.form

/**
 * The project behind the invention: picked from the archive's projects with the shared project picker
 * (its fiscal-funding flag comes along), or — for a project the archive does not hold — typed by name.
 */
export function ProjectInput({
  projectId,
  projectName,
  onChange,
  disabled,
}: {
  projectId: number | null
  projectName: string
  onChange: (next: { projectName: string; projectId: number | null; fiscalFunded?: boolean }) => void
  disabled?: boolean
}) {
  return (
    <Stack gap={4}>
      <ProjectPicker
        label={T.project}
        description={T.projectHint}
        value={projectId}
        disabled={disabled}
        data-testid="project-picker"
        onChange={(id, project) => {
          if (project) onChange({ projectId: id, projectName: projectLabel(project), fiscalFunded: project.fiscalFunded })
          else onChange({ projectId: null, projectName: '' })
        }}
      />
      {projectId === null ? (
        <TextInput
          size="xs"
          aria-label={T.projectFree}
          placeholder={T.projectFree}
          value={projectName}
          disabled={disabled}
          onChange={(e) => onChange({ projectId: null, projectName: e.currentTarget.value })}
        />
      ) : null}
    </Stack>
  )
}
