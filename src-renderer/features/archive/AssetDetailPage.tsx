import { Alert, Anchor, Badge, Button, Group, Modal, MultiSelect, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconArrowLeft, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import type { AssetDetail, ConversionRecord } from '../../../src-main/contract/archive'
import { CONVERSION_KIND_LABELS, PROJECT_LEVEL_LABELS, STATUS_GROUP_LABELS } from '../../../src-main/contract/labels'
import { api } from '../../api/client'
import { useCall } from '../../api/hooks'
import { useRouter } from '../../app/router'
import { notifyError, notifySuccess } from '../../components/errors'
import { ProjectPicker } from '../../components/ProjectPicker'
import { AssetEditModal } from './AssetEditModal'
import { AuditList } from './AuditList'
import { ConversionFormModal } from './ConversionForm'
import { InventorLinks } from './InventorLinks'
import { ARCHIVE_TEXT } from './text'
import { todayIso } from '../../components/dates'
import { ArchiveHeader, formatTime, KindBadge, RouteLink, StatusBadge, TextWithDates, yuanToWan } from './ui'

const T = ARCHIVE_TEXT.detail
const L = T.fieldsLabels
const NONE = ARCHIVE_TEXT.common.none

function Field({ label, children, manual }: { label: string; children: ReactNode; manual?: boolean }) {
  return (
    <Stack gap={0}>
      <Group gap={4}>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        {manual && (
          <Badge size="xs" variant="dot" color="orange">
            {T.manual}
          </Badge>
        )}
      </Group>
      <Text size="sm" style={{ wordBreak: 'break-all' }}>
        {children === null || children === undefined || children === '' ? NONE : children}
      </Text>
    </Stack>
  )
}

function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Paper>
  )
}

/** /archive/assets/:id — every field, inventors and their links, projects, disciplines, conversions, history. */
export function AssetDetailPage({ id }: { id: number }) {
  const detail = useCall('archive:get', { id })
  const [local, setLocal] = useState<AssetDetail | null>(null)
  const asset = local && local.id === id && detail.data && local.updatedAt >= detail.data.updatedAt ? local : detail.data
  const refresh = () => {
    setLocal(null)
    detail.reload()
  }
  if (detail.error && !asset) {
    return (
      <Stack>
        <ArchiveHeader title={T.fields} />
        <Alert color="red">{detail.error.message}</Alert>
      </Stack>
    )
  }
  if (!asset) return <Text c="dimmed">{ARCHIVE_TEXT.common.loading}</Text>
  return <Detail asset={asset} onSaved={setLocal} refresh={refresh} />
}

function Detail({ asset, onSaved, refresh }: { asset: AssetDetail; onSaved: (a: AssetDetail) => void; refresh: () => void }) {
  const { navigate } = useRouter()
  const [editing, setEditing] = useState(false)
  const [conversion, setConversion] = useState<ConversionRecord | 'new' | null>(null)
  const [editingDisciplines, setEditingDisciplines] = useState(false)
  const manual = new Set(asset.manualFields)

  const removeConversion = async (c: ConversionRecord) => {
    if (!window.confirm(ARCHIVE_TEXT.conversions.deleteConfirm)) return
    try {
      await api.call('conversions:delete', { id: c.id })
      notifySuccess(ARCHIVE_TEXT.conversions.deleted)
      refresh()
    } catch (error) {
      notifyError(error)
    }
  }
  const setProjects = async (projectIds: number[]) => {
    try {
      onSaved(await api.call('archive:setProjects', { id: asset.id, projectIds }))
    } catch (error) {
      notifyError(error)
    }
  }

  return (
    <Stack gap="sm" data-testid="asset-detail">
      <ArchiveHeader
        title={
          <Group gap="xs" component="span">
            <span data-testid="asset-title">{asset.title}</span>
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/archive')}>
              {T.back}
            </Button>
            <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              {T.edit}
            </Button>
          </>
        }
      />
      <Group gap="xs">
        <KindBadge kind={asset.kind} />
        <StatusBadge group={asset.statusGroup} event={asset.statusEvent} />
        <Text ff="monospace" size="sm">
          {asset.appNo}
        </Text>
        {asset.universityOwned ? (
          <Badge variant="light" color="indigo" size="sm">
            学校为权利人
          </Badge>
        ) : (
          <Badge variant="light" color="gray" size="sm">
            非学校权利
          </Badge>
        )}
      </Group>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <Section title={T.fields} testId="asset-fields">
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
            <Field label={L.appNo} manual={manual.has('app_no')}>
              {asset.appNo}
            </Field>
            <Field label={L.filingDate} manual={manual.has('filing_date')}>
              {asset.filingDate}
            </Field>
            <Field label={L.pubNo} manual={manual.has('pub_no')}>
              {asset.pubNo}
            </Field>
            <Field label={L.pubDate} manual={manual.has('pub_date')}>
              {asset.pubDate}
            </Field>
            <Field label={L.grantNo} manual={manual.has('grant_no')}>
              {asset.grantNo}
            </Field>
            <Field label={L.grantDate} manual={manual.has('grant_date')}>
              {asset.grantDate}
            </Field>
            <Field label={L.applicants} manual={manual.has('applicants')}>
              {asset.applicants}
            </Field>
            <Field label={L.currentOwner} manual={manual.has('current_owner')}>
              {asset.currentOwner}
            </Field>
            <Field label={L.ipcMain} manual={manual.has('ipc_main')}>
              {asset.ipcMain}
            </Field>
            <Field label={L.ipcAll} manual={manual.has('ipc_all')}>
              {asset.ipcAll}
            </Field>
            <Field label={L.college} manual={manual.has('college')}>
              {asset.college}
            </Field>
            <Field label={L.universityOwned} manual={manual.has('university_owned')}>
              {asset.universityOwned ? T.yes : T.no}
            </Field>
          </SimpleGrid>
        </Section>
        <Section title={T.status} testId="asset-status">
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
            <Field label={T.statusGroup} manual={manual.has('status_group')}>
              {STATUS_GROUP_LABELS[asset.statusGroup]}
              {asset.statusRecoverable ? `（${T.recoverable}）` : ''}
            </Field>
            <Field label={T.statusEvent} manual={manual.has('status_event')}>
              {asset.statusEvent}
            </Field>
            <Field label={T.statusRaw} manual={manual.has('status_raw')}>
              {asset.statusRaw}
            </Field>
            <Field label={T.statusDate} manual={manual.has('status_date')}>
              {asset.statusDate}
            </Field>
            <Field label={T.expiry} manual={manual.has('expiry_date')}>
              {asset.expiryDate}
            </Field>
            <Field label={T.nextAnnuity}>{asset.nextAnnuity ? <TextWithDates text={T.annuityLine(asset.nextAnnuity.year, asset.nextAnnuity.dueDate, asset.nextAnnuity.graceEnd, asset.nextAnnuity.dueDate < todayIso())} /> : T.noAnnuity}</Field>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm">
            {T.abstract}
          </Text>
          <Text size="sm" lineClamp={8}>
            {asset.abstract || NONE}
          </Text>
        </Section>
      </SimpleGrid>

      <Section title={`${T.inventors}（${asset.inventorLinks.length}）`} testId="asset-inventors">
        {asset.inventorLinks.length ? <InventorLinks assetId={asset.id} links={asset.inventorLinks} onChanged={refresh} /> : <Text c="dimmed">{NONE}</Text>}
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <Section title={T.projects} testId="asset-projects">
          <Stack gap="xs">
            {asset.projects.length === 0 && (
              <Text size="sm" c="dimmed">
                {T.noProjects}
              </Text>
            )}
            {asset.projects.map((p) => (
              <Group key={p.id} justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  <RouteLink to={`/archive/projects/${p.id}`} size="sm">
                    {p.projectNo} {p.name}
                  </RouteLink>
                  <Badge size="xs" variant="light">
                    {PROJECT_LEVEL_LABELS[p.level]}
                  </Badge>
                  {p.fiscalFunded && (
                    <Badge size="xs" variant="light" color="teal">
                      {ARCHIVE_TEXT.projects.fiscalYes}
                    </Badge>
                  )}
                </Group>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setProjects(asset.projects.filter((x) => x.id !== p.id).map((x) => x.id))}>
                  移除
                </Button>
              </Group>
            ))}
            <ProjectPicker
              key={asset.projects.map((p) => p.id).join(',')}
              size="xs"
              placeholder={T.addProject}
              aria-label={T.addProject}
              value={null}
              onChange={(pid) => pid && !asset.projects.some((p) => p.id === pid) && setProjects([...asset.projects.map((p) => p.id), pid])}
            />
          </Stack>
        </Section>
        <Section
          title={T.disciplines}
          testId="asset-disciplines"
          actions={
            <Group gap={4}>
              {manual.has('disciplines') && (
                <Button size="compact-xs" variant="subtle" onClick={() => api.call('archive:setDisciplines', { id: asset.id, codes: null }).then(onSaved, notifyError)}>
                  {T.resetDisciplines}
                </Button>
              )}
              <Button size="compact-xs" variant="light" onClick={() => setEditingDisciplines(true)}>
                {T.editDisciplines}
              </Button>
            </Group>
          }
        >
          <Group gap={6}>
            {asset.disciplines.map((d) => (
              <Badge key={d.code} variant="light" color={d.source === 'manual' ? 'orange' : 'indigo'}>
                {d.code} {d.name}
              </Badge>
            ))}
            {!asset.disciplines.length && (
              <Text size="sm" c="dimmed">
                {NONE}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            {manual.has('disciplines') ? T.disciplinesManual : T.disciplinesDerived}
          </Text>
        </Section>
      </SimpleGrid>

      <Section
        title={T.conversions}
        testId="asset-conversions"
        actions={
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setConversion('new')}>
            {T.addConversion}
          </Button>
        }
      >
        {asset.conversions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {T.noConversions}
          </Text>
        ) : (
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{ARCHIVE_TEXT.conversions.kind}</Table.Th>
                <Table.Th>{ARCHIVE_TEXT.conversions.counterparty}</Table.Th>
                <Table.Th>{ARCHIVE_TEXT.conversions.contractDate}</Table.Th>
                <Table.Th ta="right">{ARCHIVE_TEXT.conversions.contractAmount}</Table.Th>
                <Table.Th ta="right">{ARCHIVE_TEXT.conversions.receivedAmount}</Table.Th>
                <Table.Th>{ARCHIVE_TEXT.conversions.recordedShort}</Table.Th>
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {asset.conversions.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {CONVERSION_KIND_LABELS[c.kind]}
                    {c.stage ? `（${c.stage === 'published' ? '声明发布' : '达成实施'}）` : ''}
                  </Table.Td>
                  <Table.Td>{c.counterparty || NONE}</Table.Td>
                  <Table.Td>{c.contractDate ?? NONE}</Table.Td>
                  <Table.Td ta="right">{yuanToWan(c.contractAmountYuan)}</Table.Td>
                  <Table.Td ta="right">{yuanToWan(c.receivedAmountYuan)}</Table.Td>
                  <Table.Td>{c.recorded ? '是' : '否'}</Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label={ARCHIVE_TEXT.conversions.edit}>
                        <Button size="compact-xs" variant="subtle" onClick={() => setConversion(c)} aria-label={ARCHIVE_TEXT.conversions.edit}>
                          <IconPencil size={14} />
                        </Button>
                      </Tooltip>
                      <Tooltip label={ARCHIVE_TEXT.conversions.delete}>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => removeConversion(c)} aria-label={ARCHIVE_TEXT.conversions.delete}>
                          <IconTrash size={14} />
                        </Button>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <Section title={T.imports} testId="asset-imports">
          {asset.imports.length === 0 ? (
            <Text size="sm" c="dimmed">
              {T.noImports}
            </Text>
          ) : (
            <Stack gap={4}>
              {asset.imports.map((i) => (
                <Text size="sm" key={`${i.batchId}-${i.sheet ?? ''}-${i.rowNumber ?? 0}`}>
                  {formatTime(i.finishedAt)} · {T.importRow(i.fileName, i.rowNumber, i.sheet)}
                  {i.outcome ? `（${{ inserted: '新增', updated: '更新', unchanged: '无变化', rejected: '拒绝' }[i.outcome] ?? i.outcome}）` : ''} · {i.operator}
                </Text>
              ))}
            </Stack>
          )}
        </Section>
        <Section title={T.audit}>
          <AuditList entries={asset.audit} />
        </Section>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        创建于 {formatTime(asset.createdAt)}，最后修改 {formatTime(asset.updatedAt)} ·{' '}
        <Anchor size="xs" onClick={refresh}>
          刷新
        </Anchor>
      </Text>

      <AssetEditModal
        asset={asset}
        opened={editing}
        onClose={() => setEditing(false)}
        onSaved={(a) => {
          setEditing(false)
          onSaved(a)
        }}
      />
      <ConversionFormModal
        opened={conversion !== null}
        onClose={() => setConversion(null)}
        existing={conversion === 'new' ? null : conversion}
        assetId={asset.id}
        onSaved={() => {
          setConversion(null)
          refresh()
        }}
      />
      <DisciplinesModal
        key={`${String(editingDisciplines)}-${asset.updatedAt}`}
        asset={asset}
        opened={editingDisciplines}
        onClose={() => setEditingDisciplines(false)}
        onSaved={(a) => {
          setEditingDisciplines(false)
          onSaved(a)
        }}
      />
    </Stack>
  )
}

function DisciplinesModal({ asset, opened, onClose, onSaved }: { asset: AssetDetail; opened: boolean; onClose: () => void; onSaved: (a: AssetDetail) => void }) {
  const catalogue = useCall('archive:disciplines', {}, { enabled: opened })
  const [codes, setCodes] = useState<string[]>(asset.disciplines.map((d) => d.code))
  return (
    <Modal opened={opened} onClose={onClose} title={T.editDisciplines} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          api.call('archive:setDisciplines', { id: asset.id, codes }).then(onSaved, notifyError)
        }}
      >
        <Stack>
          <MultiSelect
            label={T.disciplines}
            data-autofocus
            searchable
            data={(catalogue.data ?? []).filter((d) => d.level !== 'category').map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))}
            value={codes}
            onChange={setCodes}
            maxValues={20}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {ARCHIVE_TEXT.common.cancel}
            </Button>
            <Button type="submit">{ARCHIVE_TEXT.common.save}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
