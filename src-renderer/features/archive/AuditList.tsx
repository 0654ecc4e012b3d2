import { Table, Text } from '@mantine/core'
import type { AuditEntry } from '../../../src-main/contract/archive'
import { CONVERSION_KIND_LABELS, LINK_STATE_LABELS, STATUS_GROUP_LABELS } from '../../../src-main/contract/labels'
import { ARCHIVE_TEXT } from './text'
import { formatTime } from './ui'

// The audit trail of one asset, in words: which field changed from what to what, which link was settled.

const COLUMN_LABELS: Record<string, string> = {
  kind: '类型',
  app_no: '申请号',
  title: '名称',
  filing_date: '申请日',
  pub_no: '公开号',
  pub_date: '公开日',
  grant_no: '授权公告号',
  grant_date: '授权公告日',
  applicants: '申请人',
  current_owner: '当前权利人',
  university_owned: '学校为权利人',
  ipc_main: '主分类号',
  ipc_all: 'IPC',
  status_group: '法律状态',
  status_event: '法律状态事件',
  status_raw: '法律状态原文',
  status_date: '法律状态日期',
  expiry_date: '届满日',
  abstract: '摘要',
  college: '学院',
  disciplines: '学科',
  projects: '项目',
  kindOfConversion: '方式',
  counterparty: '对方',
  contractDate: '合同日期',
  startDate: '起始日期',
  endDate: '终止日期',
  contractAmountYuan: '合同金额（元）',
  receivedAmountYuan: '到账金额（元）',
  recorded: '备案',
  stage: '阶段',
  note: '备注',
}

const ACTION_LABELS: Record<string, string> = {
  update: '修改',
  create: '新增',
  delete: '删除',
  link: '发明人关联',
  disciplines: '学科',
  projects: '资助项目',
  import: '导入',
}

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (key === 'status_group' && typeof value === 'string') return STATUS_GROUP_LABELS[value as keyof typeof STATUS_GROUP_LABELS] ?? value
  if (key === 'university_owned' || key === 'recorded') return value === 1 || value === true ? '是' : '否'
  if (key === 'kind' && typeof value === 'string' && value in CONVERSION_KIND_LABELS) return CONVERSION_KIND_LABELS[value as keyof typeof CONVERSION_KIND_LABELS]
  if (Array.isArray(value)) return value.length ? value.join('、') : '（无）'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

export function describeAudit(e: AuditEntry): string {
  const before = asRecord(e.before)
  const after = asRecord(e.after)
  if (e.action === 'link') {
    const rank = after.rank ?? before.rank
    const state = (s: unknown) => (typeof s === 'string' ? (LINK_STATE_LABELS[s as keyof typeof LINK_STATE_LABELS] ?? s) : '')
    return `第 ${String(rank)} 发明人 ${String(after.name ?? before.name ?? '')}：${state(before.state)} → ${state(after.state)}`
  }
  if (e.entity === 'conversion') {
    const kind = after.kind ?? before.kind
    const label = typeof kind === 'string' ? (CONVERSION_KIND_LABELS[kind as keyof typeof CONVERSION_KIND_LABELS] ?? kind) : ''
    if (e.action === 'create') return `登记转化运用：${label} ${show('counterparty', after.counterparty)}`
    if (e.action === 'delete') return `删除转化运用：${label} ${show('counterparty', before.counterparty)}`
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'assetId' && k !== 'manual')
  return keys.map((k) => `${COLUMN_LABELS[k] ?? k}：${show(k, before[k])} → ${show(k, after[k])}`).join('；')
}

export function AuditList({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) {
    return (
      <Text size="sm" c="dimmed">
        {ARCHIVE_TEXT.detail.noAudit}
      </Text>
    )
  }
  return (
    <Table fz="sm" verticalSpacing={4} data-testid="asset-audit">
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td w={140} style={{ whiteSpace: 'nowrap' }}>
              {formatTime(e.at)}
            </Table.Td>
            <Table.Td w={100}>{e.operator}</Table.Td>
            <Table.Td w={90}>{e.entity === 'conversion' ? '转化运用' : (ACTION_LABELS[e.action] ?? e.action)}</Table.Td>
            <Table.Td>{describeAudit(e)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
