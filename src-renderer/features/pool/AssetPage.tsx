import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconArrowLeft } from '@tabler/icons-react'
import { useEffect, useState, type ReactNode } from 'react'
import { ASSET_KIND_LABELS, INTEREST_STAGE_LABELS, PROMOTION_KIND_LABELS } from '../../../src-main/contract/labels'
import type { AssetDetail, Interest, InterestStageCode } from '../../../src-main/contract/pool'
import { api } from '../../api/client'
import { useArchiveVersion, useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { AddToPoolModal } from './AddToPoolModal'
import { GradeBadge, gradeLabel, StateBadge } from './badges'
import { GradeModal, type GradeTarget } from './GradeModal'
import { AnnuityCell } from './InventoryPage'
import { POOL_TEXT as T } from './text'

const STAGES: InterestStageCode[] = ['contacted', 'negotiating', 'intent', 'signed', 'dropped']

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  )
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Paper>
  )
}

function EntryEditor({ detail, onChanged }: { detail: AssetDetail; onChanged: () => void }) {
  const entry = detail.entry!
  const form = useForm({ initialValues: { prospects: entry.prospects, targetIndustries: entry.targetIndustries, applicationField: entry.applicationField, openLicenceCandidate: entry.openLicenceCandidate } })
  const [removing, setRemoving] = useState(false)
  const [reason, setReason] = useState('')
  const save = form.onSubmit(async (values) => {
    try {
      await api.call('pool:update', { assetId: detail.row.id, ...values })
      notifySuccess(T.detail.entrySaved)
      form.resetDirty()
      onChanged()
    } catch (error) {
      notifyError(error)
    }
  })
  const remove = async () => {
    try {
      await api.call('pool:remove', { assetId: detail.row.id, reason })
      notifySuccess(T.detail.removed)
      setRemoving(false)
      onChanged()
    } catch (error) {
      notifyError(error)
    }
  }
  return (
    <form onSubmit={save}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {T.detail.addedOn(entry.addedOn)}
        </Text>
        <Textarea label={T.add.prospects} autosize minRows={2} {...form.getInputProps('prospects')} />
        <SimpleGrid cols={2}>
          <TagsInput label={T.add.industries} {...form.getInputProps('targetIndustries')} />
          <TextInput label={T.add.field} {...form.getInputProps('applicationField')} />
        </SimpleGrid>
        <Checkbox label={T.add.candidate} {...form.getInputProps('openLicenceCandidate', { type: 'checkbox' })} />
        <Group justify="space-between">
          <Button variant="subtle" color="red" onClick={() => setRemoving(true)}>
            {T.detail.remove}
          </Button>
          <Button type="submit" disabled={!form.isDirty()}>
            {T.detail.saveEntry}
          </Button>
        </Group>
      </Stack>
      <Modal opened={removing} onClose={() => setRemoving(false)} title={T.detail.remove}>
        <Stack>
          <TextInput label={T.detail.removeReason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus required />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(false)}>
              {T.cancel}
            </Button>
            <Button color="red" disabled={!reason.trim()} onClick={() => void remove()}>
              {T.detail.remove}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  )
}

function InterestModal({ detail, interest, onClose, onSaved }: { detail: AssetDetail; interest: Interest | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const form = useForm({
    initialValues: { enterprise: '', contactPerson: '', contact: '', stage: 'contacted' as InterestStageCode, promotionId: null as string | null, notedOn: '', note: '' },
    validate: { enterprise: (v) => (v.trim() ? null : '请填写企业名称') },
  })
  useEffect(() => {
    if (interest === 'new') form.setValues({ enterprise: '', contactPerson: '', contact: '', stage: 'contacted', promotionId: null, notedOn: '', note: '' })
    else if (interest) form.setValues({ ...interest, promotionId: interest.promotionId === null ? null : String(interest.promotionId) })
    // Reset when another record opens the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [interest])
  const submit = form.onSubmit(async (values) => {
    try {
      await api.call('pool:saveInterest', {
        ...(interest && interest !== 'new' ? { id: interest.id } : {}),
        assetId: detail.row.id,
        enterprise: values.enterprise,
        contactPerson: values.contactPerson,
        contact: values.contact,
        stage: values.stage,
        promotionId: values.promotionId ? Number(values.promotionId) : null,
        notedOn: values.notedOn || undefined,
        note: values.note,
      })
      notifySuccess(T.detail.interestSaved)
      onSaved()
    } catch (error) {
      notifyError(error)
    }
  })
  return (
    <Modal opened={interest !== null} onClose={onClose} title={T.detail.addInterest} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={T.detail.enterprise} required data-autofocus {...form.getInputProps('enterprise')} />
          <SimpleGrid cols={2}>
            <TextInput label={T.detail.contactPerson} {...form.getInputProps('contactPerson')} />
            <TextInput label={T.detail.contact} {...form.getInputProps('contact')} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <Select label={T.detail.stage} allowDeselect={false} data={STAGES.map((s) => ({ value: s, label: INTEREST_STAGE_LABELS[s] }))} {...form.getInputProps('stage')} />
            <Select
              label={T.detail.promotion}
              clearable
              data={detail.promotions.map((p) => ({ value: String(p.id), label: `${p.heldOn} ${p.title}` }))}
              {...form.getInputProps('promotionId')}
            />
            <TextInput label={T.detail.notedOn} description={T.todayIfEmpty} type="date" {...form.getInputProps('notedOn')} />
          </SimpleGrid>
          <Textarea label={T.promotions.note} autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {T.cancel}
            </Button>
            <Button type="submit">{T.save}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function OpenLicenceModal({ assetId, opened, onClose, onSaved }: { assetId: number; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const L = T.detail.openLicence
  const form = useForm({
    initialValues: { publishedOn: '', endDate: '', feeTerms: '', amountYuan: '' as number | string, note: '' },
    validate: { feeTerms: (v) => (v.trim() ? null : '请填写许可使用费的支付方式和标准') },
  })
  const submit = form.onSubmit(async (values) => {
    try {
      await api.call('pool:publishOpenLicence', {
        assetId,
        publishedOn: values.publishedOn || undefined,
        endDate: values.endDate || null,
        feeTerms: values.feeTerms,
        amountYuan: values.amountYuan === '' ? null : Number(values.amountYuan),
        note: values.note,
      })
      notifySuccess(L.done)
      form.reset()
      onSaved()
    } catch (error) {
      notifyError(error)
    }
  })
  return (
    <Modal opened={opened} onClose={onClose} title={L.title} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={L.publishedOn} description={T.todayIfEmpty} type="date" data-autofocus {...form.getInputProps('publishedOn')} />
            <TextInput label={L.endDate} description={L.endDateHint} type="date" {...form.getInputProps('endDate')} />
          </SimpleGrid>
          <TextInput label={L.feeTerms} description={L.feeTermsHint} required {...form.getInputProps('feeTerms')} />
          <NumberInput label={L.amount} min={0} thousandSeparator="," {...form.getInputProps('amountYuan')} />
          <Textarea label={L.note} autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {T.cancel}
            </Button>
            <Button type="submit">{L.submit}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

export function AssetPage({ id }: { id: number }) {
  const { navigate } = useRouter()
  const { invalidate } = useArchiveVersion()
  const detail = useCall('pool:asset', { id })
  const [gradeTarget, setGradeTarget] = useState<GradeTarget | null>(null)
  const [adding, setAdding] = useState<number[] | null>(null)
  const [interest, setInterest] = useState<Interest | 'new' | null>(null)
  const [openLicence, setOpenLicence] = useState(false)
  const changed = () => {
    setGradeTarget(null)
    setAdding(null)
    setInterest(null)
    setOpenLicence(false)
    invalidate()
  }
  if (detail.error) return <Alert color="red">{detail.error.message}</Alert>
  const d = detail.data
  if (!d) return <Text c="dimmed">{T.loading}</Text>
  const row = d.row
  return (
    <Stack>
      <Anchor size="sm" onClick={() => navigate('/pool')}>
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {T.detail.back}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{row.title}</Title>
          <Group gap="xs" mt={4}>
            <Text ff="monospace" size="sm">
              {row.patentNo}
            </Text>
            <Badge variant="light">{ASSET_KIND_LABELS[row.kind]}</Badge>
            <StateBadge state={row.state} />
            <GradeBadge grade={row.grade} />
            {row.inPool && <Badge variant="dot">{T.inventory.inPool}</Badge>}
          </Group>
        </div>
      </Group>
      {!row.inForce && <Alert color="yellow">{T.detail.notInForce}</Alert>}

      <Section title={T.detail.facts}>
        <SimpleGrid cols={4} spacing="md">
          <Fact label={T.detail.appNo}>{row.appNo}</Fact>
          <Fact label={T.detail.filing}>{row.filingDate ?? T.none}</Fact>
          <Fact label={T.detail.grant}>{row.grantDate ?? T.none}</Fact>
          <Fact label={T.detail.expiry}>
            {row.expiryDate ?? T.none}（{row.remainingText}）
          </Fact>
          <Fact label={T.columns.college}>{row.college || T.none}</Fact>
          <Fact label={T.columns.disciplines}>{row.disciplines || T.none}</Fact>
          <Fact label={T.detail.ipc}>
            {row.ipcMain ?? T.none}
            {row.ipcClassTitle ? `（${row.ipcClassTitle}）` : ''}
          </Fact>
          <Fact label={T.detail.fiscalFunded}>{row.fiscalFunded ? T.yes : T.no}</Fact>
          <Fact label={T.detail.inventors}>{row.inventors || T.none}</Fact>
          <Fact label={T.detail.applicants}>{d.applicants || T.none}</Fact>
          <Fact label={T.detail.projects}>{d.projects.length ? d.projects.map((p) => `${p.projectNo} ${p.name}${p.fiscalFunded ? '（财政资助）' : ''}`).join('；') : T.detail.noProjects}</Fact>
          <Fact label={T.detail.annuities}>{row.annuities.length ? <AnnuityCell row={row} /> : T.detail.noAnnuities}</Fact>
        </SimpleGrid>
      </Section>

      <SimpleGrid cols={2} spacing="md">
        <Section
          title={T.detail.gradeSection}
          action={
            row.inForce ? (
              <Button size="xs" onClick={() => setGradeTarget({ kind: 'ids', ids: [row.id] })}>
                {row.grade ? T.detail.regrade : T.detail.gradeNow}
              </Button>
            ) : null
          }
        >
          {!d.gradeHistory.length ? (
            <Text size="sm" c="dimmed">
              {T.detail.noGrade}
            </Text>
          ) : (
            <Table verticalSpacing={4} data-testid="grade-history">
              <Table.Tbody>
                {d.gradeHistory.map((g, i) => (
                  <Table.Tr key={g.id} opacity={i === 0 ? 1 : 0.65}>
                    <Table.Td w={110}>
                      <Text size="sm" fw={i === 0 ? 600 : 400}>
                        {gradeLabel(g.grade)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{g.reason}</Text>
                      {g.total !== null && (
                        <Text size="xs" c="dimmed">
                          {T.grade.points(g.total, Object.keys(g.scores).length, Object.keys(g.scores).length)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td w={170}>
                      <Text size="xs" c="dimmed">
                        {T.detail.gradedBy(g.gradedOn, g.operator)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>

        <Section
          title={T.detail.poolSection}
          action={
            !d.entry && row.inForce && row.grade ? (
              <Button size="xs" onClick={() => setAdding([row.id])}>
                {T.detail.addToPool}
              </Button>
            ) : null
          }
        >
          {d.entry ? (
            <EntryEditor key={`${d.entry.id}-${d.entry.prospects}`} detail={d} onChanged={changed} />
          ) : (
            <Text size="sm" c="dimmed">
              {T.detail.notInPool}
            </Text>
          )}
        </Section>
      </SimpleGrid>

      <Section
        title={T.detail.interestSection}
        action={
          <Button size="xs" variant="default" onClick={() => setInterest('new')}>
            {T.detail.addInterest}
          </Button>
        }
      >
        {!d.interests.length ? (
          <Text size="sm" c="dimmed">
            {T.detail.noInterest}
          </Text>
        ) : (
          <Table verticalSpacing={4} highlightOnHover data-testid="interests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.detail.enterprise}</Table.Th>
                <Table.Th>{T.detail.contactPerson}</Table.Th>
                <Table.Th>{T.detail.contact}</Table.Th>
                <Table.Th>{T.detail.stage}</Table.Th>
                <Table.Th>{T.detail.promotion}</Table.Th>
                <Table.Th>{T.detail.notedOn}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.interests.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Anchor size="sm" onClick={() => setInterest(i)}>
                      {i.enterprise}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{i.contactPerson || T.none}</Table.Td>
                  <Table.Td>{i.contact || T.none}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={i.stage === 'dropped' ? 'gray' : i.stage === 'signed' ? 'teal' : 'blue'}>
                      {INTEREST_STAGE_LABELS[i.stage]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{i.promotionTitle ?? T.none}</Table.Td>
                  <Table.Td>{i.notedOn}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <SimpleGrid cols={2} spacing="md">
        <Section title={T.detail.promotionsSection}>
          {!d.promotions.length ? (
            <Text size="sm" c="dimmed">
              {T.detail.noPromotions}
            </Text>
          ) : (
            <Stack gap={4}>
              {d.promotions.map((p) => (
                <Text key={p.id} size="sm">
                  {p.heldOn} · {PROMOTION_KIND_LABELS[p.kind]} · {p.title}
                </Text>
              ))}
            </Stack>
          )}
        </Section>
        <Section
          title={T.detail.conversionsSection}
          action={
            row.inForce && row.state !== 'transferred' && row.state !== 'equity' ? (
              <Button size="xs" variant="default" onClick={() => setOpenLicence(true)}>
                {T.detail.publishOpenLicence}
              </Button>
            ) : null
          }
        >
          {!d.conversions.length ? (
            <Text size="sm" c="dimmed">
              {T.detail.noConversions}
            </Text>
          ) : (
            <Stack gap={6} data-testid="conversions">
              {d.conversions.map((c) => (
                <Group key={c.id} gap="xs" wrap="nowrap" align="flex-start">
                  <Badge variant={c.inEffect ? 'light' : 'outline'} color={c.inEffect ? 'teal' : 'gray'}>
                    {T.detail.kinds[c.kind]}
                    {c.stage ? ` · ${T.detail.stages[c.stage]}` : ''}
                  </Badge>
                  <div>
                    <Text size="sm">
                      {[c.startDate ?? c.contractDate ?? '', c.endDate ? `至 ${c.endDate}` : '', c.counterparty].filter(Boolean).join(' ') || T.none}
                      {c.contractAmountYuan !== null ? ` · ${T.yuan(c.contractAmountYuan)}` : ''}
                    </Text>
                    {c.note && (
                      <Text size="xs" c="dimmed">
                        {c.note}
                      </Text>
                    )}
                  </div>
                </Group>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>

      <Section title={T.detail.abstract}>
        <Text size="sm">{d.abstract || T.none}</Text>
      </Section>

      <GradeModal target={gradeTarget} initialGrade={row.grade?.grade} onClose={() => setGradeTarget(null)} onDone={changed} />
      <AddToPoolModal ids={adding} onClose={() => setAdding(null)} onDone={changed} />
      <InterestModal detail={d} interest={interest} onClose={() => setInterest(null)} onSaved={changed} />
      <OpenLicenceModal assetId={row.id} opened={openLicence} onClose={() => setOpenLicence(false)} onSaved={changed} />
    </Stack>
  )
}
