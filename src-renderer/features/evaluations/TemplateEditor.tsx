import { Accordion, Alert, Badge, Button, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useState } from 'react'
import type { ChannelOutput } from '../../../src-main/contract/channels'
import { templateBodySchema, type TemplateBody, type TemplateRecord } from '../../../src-main/contract/evaluations'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { EVAL_TEXT } from './text'

const T = EVAL_TEXT.template
const LEVELS = ['1', '2', '3', '4', '5'] as const

/**
 * The indicator template as the centre edits it (Settings › 评估指标模板): wording, weights, anchor
 * sentences and grade thresholds. Saving creates a new version; evaluations keep the version they used.
 */
export function TemplateEditor() {
  const current = useCall('evaluations:template', { version: null })
  const versions = useCall('evaluations:templateVersions', {})
  if (!current.data) return <Loader />
  // Keyed by version: a saved edit remounts the form on the new version's content.
  return (
    <TemplateForm
      key={current.data.version}
      current={current.data}
      versions={versions.data ?? []}
      onSaved={() => {
        current.reload()
        versions.reload()
      }}
    />
  )
}

function TemplateForm({ current, versions, onSaved }: { current: TemplateRecord; versions: ChannelOutput<'evaluations:templateVersions'>; onSaved: () => void }) {
  const { navigate } = useRouter()
  const [body, setBody] = useState<TemplateBody>(() => structuredClone(current.body))
  const [saving, setSaving] = useState(false)

  const sum = body.dimensions.reduce((s, d) => s + d.indicators.reduce((t, i) => t + i.weight, 0), 0)
  const dirty = JSON.stringify(body) !== JSON.stringify(current.body)
  const check = templateBodySchema.safeParse(body)

  const edit = (fn: (draft: TemplateBody) => void) => {
    const next = structuredClone(body)
    fn(next)
    setBody(next)
  }

  const save = async () => {
    setSaving(true)
    try {
      const saved = await api.call('evaluations:saveTemplate', { body })
      notifySuccess(T.saved(saved.version))
      onSaved()
    } catch (error) {
      notifyError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Stack maw={1100}>
      <Group gap="sm">
        <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/evaluations')}>
          {T.back}
        </Button>
        <Title order={2}>{T.title}</Title>
        <Badge variant="light">{T.current(current.version, current.createdAt)}</Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {T.intro}
      </Text>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput label={T.name} value={body.name} onChange={(e) => edit((d) => void (d.name = e.currentTarget.value))} data-autofocus />
          <Textarea label={T.description} autosize minRows={2} value={body.description} onChange={(e) => edit((d) => void (d.description = e.currentTarget.value))} />
        </Stack>
      </Paper>

      <Group justify="space-between">
        <Text fw={600} c={sum === 100 ? 'teal.8' : 'red'} data-testid="weight-sum">
          {T.weightSum(sum)}
        </Text>
        {sum !== 100 ? <Text size="sm" c="red">{T.sumMustBe100}</Text> : null}
      </Group>

      <Accordion multiple variant="separated" defaultValue={[body.dimensions[0]!.id]}>
        {body.dimensions.map((dimension, di) => (
          <Accordion.Item key={dimension.id} value={dimension.id}>
            <Accordion.Control>
              <Group gap="sm">
                <Text fw={600}>{dimension.name}</Text>
                <Text size="sm" c="dimmed">
                  {T.dimensionWeight(dimension.indicators.reduce((s, i) => s + i.weight, 0))}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack>
                <TextInput label={T.dimension} value={dimension.name} onChange={(e) => edit((d) => void (d.dimensions[di]!.name = e.currentTarget.value))} w={300} />
                {dimension.indicators.map((indicator, ii) => (
                  <Paper key={indicator.id} withBorder p="sm" bg="gray.0">
                    <Group align="flex-end" wrap="nowrap">
                      <TextInput label={T.indicator} value={indicator.name} style={{ flex: 1 }} onChange={(e) => edit((d) => void (d.dimensions[di]!.indicators[ii]!.name = e.currentTarget.value))} />
                      <NumberInput
                        label={T.weight}
                        aria-label={`${indicator.name} ${T.weight}`}
                        min={0}
                        max={100}
                        allowDecimal={false}
                        w={100}
                        value={indicator.weight}
                        onChange={(v) => edit((d) => void (d.dimensions[di]!.indicators[ii]!.weight = typeof v === 'number' ? v : Number(v) || 0))}
                      />
                    </Group>
                    <Textarea label={T.indicatorDescription} mt="xs" autosize minRows={1} value={indicator.description} onChange={(e) => edit((d) => void (d.dimensions[di]!.indicators[ii]!.description = e.currentTarget.value))} />
                    <SimpleGrid cols={1} spacing={4} mt="xs">
                      {LEVELS.map((level) => (
                        <TextInput
                          key={level}
                          size="xs"
                          leftSection={<Text size="xs">{level}</Text>}
                          aria-label={`${indicator.name} ${T.anchor(Number(level))}`}
                          value={indicator.anchors[level]}
                          onChange={(e) => edit((d) => void (d.dimensions[di]!.indicators[ii]!.anchors[level] = e.currentTarget.value))}
                        />
                      ))}
                    </SimpleGrid>
                  </Paper>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>

      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {T.grades}
        </Title>
        <Table>
          <Table.Tbody>
            {body.grades.map((grade, gi) => (
              <Table.Tr key={grade.grade}>
                <Table.Td w={60}>
                  <Badge>{grade.grade}</Badge>
                </Table.Td>
                <Table.Td w={140}>
                  <NumberInput
                    aria-label={T.gradeMin(grade.grade)}
                    min={0}
                    max={100}
                    disabled={grade.grade === 'D'}
                    value={grade.min}
                    onChange={(v) => edit((d) => void (d.grades[gi]!.min = typeof v === 'number' ? v : Number(v) || 0))}
                  />
                </Table.Td>
                <Table.Td w={120}>
                  <TextInput aria-label={`${grade.grade} ${T.gradeLabel}`} value={grade.label} onChange={(e) => edit((d) => void (d.grades[gi]!.label = e.currentTarget.value))} />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={`${grade.grade} ${T.gradeHint}`} value={grade.hint} onChange={(e) => edit((d) => void (d.grades[gi]!.hint = e.currentTarget.value))} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {dirty && !check.success ? <Alert color="red">{check.error.issues.slice(0, 3).map((i) => i.message).join('；')}</Alert> : null}
      <Group>
        <Button onClick={() => void save()} disabled={!dirty || !check.success} loading={saving}>
          {T.save}
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => setBody(structuredClone(current.body))}>
          {T.reset}
        </Button>
      </Group>

      {versions.length ? (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {T.versions}
          </Title>
          <Stack gap={2}>
            {versions.map((v) => (
              <Text key={v.id} size="sm" c="dimmed">
                {T.versionRow(v.version, v.evaluations)} · {v.name}
                {v.createdAt ? ` · ${v.createdAt.slice(0, 10)}` : ''}
              </Text>
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  )
}
