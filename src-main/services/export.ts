import type { Kysely } from 'kysely'
import { ASSET_KIND_LABELS, REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, SERVICE_KIND_LABELS } from '../contract/labels'
import { SERVICE_IMPORT_FIELD_LABELS as L, type ServiceRow } from '../contract/services'
import { todayIso } from '../core/clock'
import type { AssetKind, DB } from '../db/schema'
import { sheet, writeWorkbook, type ColumnSpec } from '../spreadsheet'
import type { ImportJob } from './import'
import { countServices, iterateServices, type ParsedFilters } from './ledger'

// The filtered ledger as an .xlsx workbook: Chinese headers, fitted widths, frozen header, auto-filter,
// text never a formula (the shared kit). The headers are the import's own column names, so an exported
// ledger can be imported into another archive unchanged.

interface ExportRow extends ServiceRow {
  seq: number
  linkedResearchers: string
  linkedAssets: string
}

const COLUMNS: ColumnSpec<ExportRow>[] = [
  { header: '序号', kind: 'integer', width: 6, value: (r) => r.seq },
  { header: L.kind, width: 12, value: (r) => SERVICE_KIND_LABELS[r.kind] },
  { header: L.date, kind: 'date', width: 12, value: (r) => r.date },
  { header: L.channel, width: 10, value: (r) => (r.channel ? SERVICE_CHANNEL_LABELS[r.channel] : '') },
  { header: L.requesterName, width: 12, value: (r) => r.requesterName },
  { header: L.staffNo, width: 12, value: (r) => r.requesterStaffNo ?? '' },
  { header: L.requesterType, width: 12, value: (r) => (r.requesterType ? REQUESTER_TYPE_LABELS[r.requesterType] : '') },
  { header: L.college, width: 22, value: (r) => r.college },
  { header: L.topic, width: 18, value: (r) => r.topic },
  { header: L.tags, width: 16, value: (r) => r.tags.join('；') },
  { header: L.question, width: 40, value: (r) => r.question },
  { header: L.answer, width: 40, value: (r) => r.answer },
  { header: L.staff, width: 10, value: (r) => r.staff },
  { header: L.durationMin, kind: 'integer', width: 13, value: (r) => r.durationMin },
  { header: L.followUpDate, kind: 'date', width: 12, value: (r) => r.followUpDate },
  { header: L.followUpDone, width: 8, value: (r) => (r.followUpDate ? (r.followUpDone ? '是' : '否') : '') },
  { header: L.title, width: 30, value: (r) => r.title },
  { header: L.audience, width: 14, value: (r) => r.audience },
  { header: L.attendees, kind: 'integer', width: 8, value: (r) => r.attendees },
  { header: L.hours, kind: 'number', width: 8, value: (r) => r.hours },
  { header: L.organiser, width: 16, value: (r) => r.organiser },
  { header: L.reportKind, width: 14, value: (r) => r.reportKind },
  { header: L.deliveredDate, kind: 'date', width: 12, value: (r) => r.deliveredDate },
  { header: L.pages, kind: 'integer', width: 8, value: (r) => r.pages },
  { header: L.team, width: 18, value: (r) => r.team },
  { header: L.startDate, kind: 'date', width: 12, value: (r) => r.startDate },
  { header: L.endDate, kind: 'date', width: 12, value: (r) => r.endDate },
  { header: '关联科研人员', width: 24, value: (r) => r.linkedResearchers },
  { header: '关联知识产权', width: 36, value: (r) => r.linkedAssets },
]

/** The header row an export writes (tests and the import's round trip rely on it). */
export const EXPORT_HEADERS = COLUMNS.map((c) => c.header)

async function* withLinks(db: Kysely<DB>, filters: ParsedFilters): AsyncGenerator<ExportRow> {
  let seq = 0
  for await (const row of iterateServices(db, filters)) {
    const researchers = await db
      .selectFrom('service_link as l')
      .innerJoin('researcher as r', 'r.id', 'l.researcher_id')
      .select(['r.name', 'r.staff_no'])
      .where('l.service_id', '=', row.id)
      .orderBy('r.name')
      .execute()
    const assets = await db
      .selectFrom('service_link as l')
      .innerJoin('ip_asset as a', 'a.id', 'l.asset_id')
      .select(['a.kind', 'a.app_no', 'a.title'])
      .where('l.service_id', '=', row.id)
      .orderBy('a.app_no')
      .execute()
    seq++
    yield {
      ...row,
      seq,
      linkedResearchers: researchers.map((r) => `${r.name}（${r.staff_no}）`).join('；'),
      linkedAssets: assets.map((a) => `${ASSET_KIND_LABELS[a.kind as AssetKind] ?? a.kind} ${a.app_no} ${a.title}`).join('；'),
    }
  }
}

/** A file name that says what the export holds. */
export function exportFileName(filters: ParsedFilters): string {
  if (filters.from || filters.to) return `服务台账_${filters.from ?? '起'}_${filters.to ?? '今'}.xlsx`
  return `服务台账_${todayIso()}.xlsx`
}

export async function exportLedger(db: Kysely<DB>, filters: ParsedFilters, path: string, job?: ImportJob): Promise<{ rows: number }> {
  const total = await countServices(db, filters)
  let rows = 0
  job?.progress('写出台账', 0, total)
  await writeWorkbook(path, [sheet({ name: '服务台账', columns: COLUMNS, rows: withLinks(db, filters) })], {
    onRows: async (written) => {
      rows = written
      job?.progress('写出台账', written, total)
      await job?.checkpoint()
    },
  })
  return { rows }
}
