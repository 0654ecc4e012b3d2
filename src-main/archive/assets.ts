import { sql, type Kysely } from 'kysely'
import {
  assetPatchSchema,
  type AssetDetail,
  type AssetPatch,
  type AssetPatchField,
  type AuditEntry,
  type InventorLink,
} from '../contract/archive'
import { ASSET_FIELD_LABELS, ASSET_KIND_LABELS, PATENT_KINDS } from '../contract/labels'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso, todayIso } from '../core/clock'
import type { AssetKind, DB, IpAssetTable } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { checkNumber, kindMismatchMessage } from '../domain/cn-number'
import { openAnnuities, anniversary, computeExpiryDate, parseIsoDate } from '../domain/term'
import { getOperator } from '../settings/service'
import { listConversions } from './conversions'
import { deriveAssetDisciplines } from './disciplines'
import { addManualFields, readManualFields, removeManualFields } from './manual-fields'
import { projectsByIds } from './projects'
import { researchersByIds } from './researchers'
import { hasColumn, hasTable } from './schema-probe'
import { assetRowsByIds } from './search'

// One asset in full (the detail page) and the librarian's edits to it. Every edit runs in one
// transaction with its audit entry; edited columns join ip_asset.manual_fields so a re-import of the same
// number keeps the librarian's value.

/** Contract field → ip_asset column. */
export const PATCH_COLUMNS = {
  kind: 'kind',
  appNo: 'app_no',
  title: 'title',
  filingDate: 'filing_date',
  pubNo: 'pub_no',
  pubDate: 'pub_date',
  grantNo: 'grant_no',
  grantDate: 'grant_date',
  applicants: 'applicants',
  currentOwner: 'current_owner',
  universityOwned: 'university_owned',
  ipcMain: 'ipc_main',
  ipcAll: 'ipc_all',
  statusGroup: 'status_group',
  statusEvent: 'status_event',
  statusRaw: 'status_raw',
  statusDate: 'status_date',
  expiryDate: 'expiry_date',
  abstract: 'abstract',
  college: 'college',
} as const satisfies Record<AssetPatchField, keyof IpAssetTable>

const FIELD_LABELS = ASSET_FIELD_LABELS

function notFound(id: number): AppError {
  return new AppError('not_found', `档案中没有编号为 ${id} 的知识产权：可能已被删除。请返回列表重新检索。`)
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function parseIds(json: string): number[] {
  const v = parseJson(json)
  return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []
}

/** Audit entries about this asset: its own, its links, and its conversions (also deleted ones). */
export async function assetAuditTrail(db: Kysely<DB>, id: number, limit = 200): Promise<AuditEntry[]> {
  const rows = (
    await sql<{ id: number; at: string; operator: string; action: string; entity: string; entity_id: string | null; before: string | null; after: string | null }>`
      SELECT id, at, operator, action, entity, entity_id, before, after FROM audit_log
      WHERE (entity = 'ip_asset' AND entity_id = ${String(id)})
         OR (entity = 'conversion' AND coalesce(json_extract(after, '$.assetId'), json_extract(before, '$.assetId')) = ${id})
      ORDER BY id DESC LIMIT ${limit}`.execute(db)
  ).rows
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    operator: r.operator,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: parseJson(r.before),
    after: parseJson(r.after),
  }))
}

export async function inventorLinks(db: Kysely<DB>, assetId: number): Promise<InventorLink[]> {
  const withSource = await hasColumn(db, 'asset_inventor', 'link_source')
  const rows = (
    await sql<{ rank: number; raw_name: string; researcher_id: number | null; link_state: InventorLink['linkState']; candidates: string; link_source: string | null }>`
      SELECT rank, raw_name, researcher_id, link_state, candidates, ${withSource ? sql`link_source` : sql`NULL`} AS link_source
      FROM asset_inventor WHERE asset_id = ${assetId} ORDER BY rank`.execute(db)
  ).rows
  const ids = new Set<number>()
  for (const r of rows) {
    if (r.researcher_id !== null) ids.add(r.researcher_id)
    for (const c of parseIds(r.candidates)) ids.add(c)
  }
  const people = new Map((await researchersByIds(db, [...ids])).map((p) => [p.id, p]))
  return rows.map((r) => ({
    rank: r.rank,
    rawName: r.raw_name,
    researcherId: r.researcher_id,
    linkState: r.link_state,
    linkSource: r.link_source === 'manual' ? 'manual' : 'auto',
    researcher: r.researcher_id !== null ? (people.get(r.researcher_id) ?? null) : null,
    candidates: parseIds(r.candidates).flatMap((c) => people.get(c) ?? []),
  }))
}

async function assetImports(db: Kysely<DB>, assetId: number, sourceBatchId: number | null): Promise<AssetDetail['imports']> {
  const out: AssetDetail['imports'] = []
  if (await hasTable(db, 'import_row')) {
    const rows = (
      // A row of the batch's own worksheet has sheet ''; when the batch read later worksheets too, its
      // worksheet is named (import_batch.sheet_name), for row 2 is then on every worksheet.
      await sql<{ batch_id: number; kind: string; file_name: string; operator: string; finished_at: string; row_number: number; sheet: string; outcome: string }>`
        SELECT r.batch_id, b.kind, b.file_name, b.operator, b.finished_at, r.row_number,
          CASE WHEN r.sheet = '' AND EXISTS (SELECT 1 FROM import_row o WHERE o.batch_id = r.batch_id AND o.sheet > '') THEN coalesce(b.sheet_name, '') ELSE r.sheet END AS sheet,
          r.outcome
        FROM import_row r JOIN import_batch b ON b.id = r.batch_id
        WHERE r.entity = 'asset' AND r.entity_id = ${assetId}
        ORDER BY r.batch_id DESC, r.sheet, r.row_number LIMIT 100`.execute(db)
    ).rows
    for (const r of rows) {
      out.push({
        batchId: r.batch_id,
        kind: r.kind,
        fileName: r.file_name,
        operator: r.operator,
        finishedAt: r.finished_at,
        rowNumber: r.row_number,
        sheet: r.sheet === '' ? null : r.sheet,
        outcome: r.outcome,
      })
    }
  }
  if (sourceBatchId !== null && !out.some((i) => i.batchId === sourceBatchId)) {
    const b = await db.selectFrom('import_batch').select(['id', 'kind', 'file_name', 'operator', 'finished_at']).where('id', '=', sourceBatchId).executeTakeFirst()
    if (b) out.push({ batchId: b.id, kind: b.kind, fileName: b.file_name, operator: b.operator, finishedAt: b.finished_at, rowNumber: null, sheet: null, outcome: null })
  }
  return out
}

/** The next annuity of a valid patent within a year from `today`, or null. */
export function nextAnnuity(kind: AssetKind, filingDate: string | null, statusGroup: string, today: string): AssetDetail['nextAnnuity'] {
  if (!filingDate || statusGroup !== 'valid' || !PATENT_KINDS.includes(kind)) return null
  const until = anniversary(today, 1)
  if (!until) return null
  // One whose due date has passed but whose grace period runs on comes first: it is the most urgent.
  return openAnnuities(filingDate, today, until, kind)[0] ?? null
}

export async function getAssetDetail(db: Kysely<DB>, id: number, today: string = todayIso()): Promise<AssetDetail> {
  const a = await db.selectFrom('ip_asset').selectAll().where('id', '=', id).executeTakeFirst()
  if (!a) throw notFound(id)
  const [row] = await assetRowsByIds(db, [id])
  const projectIds = (await db.selectFrom('asset_project').select('project_id').where('asset_id', '=', id).execute()).map((r) => r.project_id)
  const disciplines = await db
    .selectFrom('asset_discipline as ad')
    .innerJoin('discipline as d', 'd.code', 'ad.discipline_code')
    .select(['d.code', 'd.name', 'ad.source'])
    .where('ad.asset_id', '=', id)
    .orderBy('d.code')
    .execute()
  return {
    ...row!,
    pubDate: a.pub_date,
    currentOwner: a.current_owner,
    ipcMain: a.ipc_main,
    ipcAll: a.ipc_all,
    statusRaw: a.status_raw,
    statusDate: a.status_date,
    statusRecoverable: a.status_recoverable === 1,
    expiryDate: a.expiry_date,
    abstract: a.abstract,
    manualFields: readManualFields(a.manual_fields),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    inventorLinks: await inventorLinks(db, id),
    projects: await projectsByIds(db, projectIds),
    disciplines,
    conversions: (await listConversions(db, { assetId: id, limit: 500 })).items,
    imports: await assetImports(db, id, a.source_batch_id),
    audit: await assetAuditTrail(db, id),
    nextAnnuity: nextAnnuity(a.kind, a.filing_date, a.status_group, today),
  }
}

type Column = (typeof PATCH_COLUMNS)[AssetPatchField]
type ColumnValues = Partial<Record<Column, string | number | null>>

function invalid(message: string): AppError {
  return new AppError('invalid_input', message)
}

/** Validates and normalises a patch against the asset as it is; returns the column values to write. */
function normalisePatch(before: { kind: AssetKind; app_no: string; filing_date: string | null }, patch: AssetPatch): ColumnValues {
  const out: ColumnValues = {}
  for (const [field, value] of Object.entries(patch) as [AssetPatchField, AssetPatch[AssetPatchField]][]) {
    if (value === undefined) continue
    const column = PATCH_COLUMNS[field]
    if (typeof value === 'boolean') out[column] = value ? 1 : 0
    else if (typeof value === 'string') out[column] = ['pubNo', 'grantNo', 'ipcMain'].includes(field) && value === '' ? null : value
    else out[column] = value
  }
  const kind = (out.kind as AssetKind | undefined) ?? before.kind
  const patent = PATENT_KINDS.includes(kind)

  if (patch.appNo !== undefined || patch.kind !== undefined) {
    const raw = (out.app_no as string | undefined) ?? before.app_no
    if (patent) {
      const check = checkNumber(raw)
      if (!check.valid || check.numberType !== 'application') {
        throw invalid(check.message ?? `“${raw}”不是有效的${ASSET_KIND_LABELS[kind]}申请号：请填写 12 位数字加校验位的申请号（如 202310397744.0）。`)
      }
      const mismatch = kindMismatchMessage(check.normalized!, kind)
      if (mismatch) throw invalid(mismatch)
      out.app_no = check.normalized!
    } else if (kind === 'software') {
      const check = checkNumber(raw)
      if (check.numberType === 'software_copyright') {
        if (!check.valid) throw invalid(check.message ?? `软件著作权登记号“${raw}”无效。`)
        out.app_no = check.normalized!
      } else if (/^\d{12}\.?[\dX]$/iu.test(raw.replace(/\s/gu, ''))) {
        throw invalid(`“${raw}”是专利申请号，不是软件著作权登记号（如 2026SR0581563）：请核对号码或类型。`)
      }
    }
  }
  for (const field of ['pubNo', 'grantNo'] as const) {
    const value = out[PATCH_COLUMNS[field]]
    if (!patent || typeof value !== 'string') continue
    const check = checkNumber(value)
    if (!check.valid || check.numberType !== 'publication') {
      throw invalid(`${FIELD_LABELS[field]}“${value}”无效：应为 CN 加 9 位数字和文献类型代码（如 CN114081026A、CN111504366B）。${check.message ?? ''}`)
    }
    out[PATCH_COLUMNS[field]] = check.normalized!
  }
  for (const field of ['filingDate', 'pubDate', 'grantDate', 'statusDate', 'expiryDate'] as const) {
    const value = out[PATCH_COLUMNS[field]]
    if (typeof value === 'string' && !parseIsoDate(value)) throw invalid(`${FIELD_LABELS[field]}“${value}”不是有效日期：请按 YYYY-MM-DD 填写。`)
  }
  return out
}

/**
 * Apply a librarian's edit: validate, write the changed columns, list them in manual_fields, recompute the
 * expiry date when the filing date or kind changed (unless the expiry itself was set by hand), audit.
 */
export async function updateAsset(db: Kysely<DB>, id: number, rawPatch: AssetPatch): Promise<AssetDetail> {
  const patch = assetPatchSchema.parse(rawPatch)
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('ip_asset').selectAll().where('id', '=', id).executeTakeFirst()
    if (!before) throw notFound(id)
    const values = normalisePatch(before, patch)
    const changed = (Object.keys(values) as Column[]).filter((c) => values[c] !== before[c])
    const merged = { ...before, ...values } as typeof before
    if (merged.filing_date && merged.grant_date && merged.grant_date < merged.filing_date) throw invalid('授权公告日早于申请日：请核对两个日期。')
    if (merged.filing_date && merged.pub_date && merged.pub_date < merged.filing_date) throw invalid('公开日早于申请日：请核对两个日期。')
    if (!changed.length) return getAssetDetail(trx, id)

    if (changed.includes('app_no') || changed.includes('kind')) {
      const clash = await trx
        .selectFrom('ip_asset')
        .select(['id', 'title'])
        .where('kind', '=', merged.kind)
        .where('app_no', '=', merged.app_no)
        .where('id', '<>', id)
        .executeTakeFirst()
      if (clash) throw new AppError('conflict', `档案中已有${ASSET_KIND_LABELS[merged.kind]} ${merged.app_no}（${clash.title}）：同一号码不能登记两次。请核对号码。`)
    }
    const update: ColumnValues = Object.fromEntries(changed.map((c) => [c, values[c]]))
    const manual = readManualFields(before.manual_fields)
    if ((changed.includes('filing_date') || changed.includes('kind')) && !changed.includes('expiry_date') && !manual.includes('expiry_date')) {
      const expiry = merged.filing_date ? computeExpiryDate(merged.kind, merged.filing_date) : null
      if (expiry !== before.expiry_date) update.expiry_date = expiry
    }
    const operator = await getOperator(trx)
    await trx
      .updateTable('ip_asset')
      .set({ ...update, manual_fields: addManualFields(before.manual_fields, changed), updated_at: nowIso() } as never)
      .where('id', '=', id)
      .execute()
    const auditBefore = Object.fromEntries(Object.keys(update).map((c) => [c, before[c as Column]]))
    await appendAudit(trx, { operator, action: 'update', entity: 'ip_asset', entityId: id, before: auditBefore, after: update })
    return getAssetDetail(trx, id)
  })
}

/** Set an asset's disciplines by hand, or (null) return to those of its researchers. */
export async function setAssetDisciplines(db: Kysely<DB>, id: number, codes: string[] | null): Promise<AssetDetail> {
  return inTransaction(db, async (trx) => {
    const asset = await trx.selectFrom('ip_asset').select(['id', 'manual_fields']).where('id', '=', id).executeTakeFirst()
    if (!asset) throw notFound(id)
    const before = (await trx.selectFrom('asset_discipline').select('discipline_code').where('asset_id', '=', id).orderBy('discipline_code').execute()).map((r) => r.discipline_code)
    const unique = codes ? [...new Set(codes)].sort() : null
    if (unique?.length) {
      const known = new Set((await trx.selectFrom('discipline').select('code').where('code', 'in', unique).execute()).map((r) => r.code))
      const unknown = unique.filter((c) => !known.has(c))
      if (unknown.length) throw invalid(`学科代码 ${unknown.join('、')} 不在 2022 年学科目录中：请从列表中选择。`)
    }
    await trx.deleteFrom('asset_discipline').where('asset_id', '=', id).execute()
    if (unique === null) {
      await trx.updateTable('ip_asset').set({ manual_fields: removeManualFields(asset.manual_fields, ['disciplines']), updated_at: nowIso() }).where('id', '=', id).execute()
      await deriveAssetDisciplines(trx, id)
    } else {
      if (unique.length) await trx.insertInto('asset_discipline').values(unique.map((code) => ({ asset_id: id, discipline_code: code, source: 'manual' as const }))).execute()
      await trx.updateTable('ip_asset').set({ manual_fields: addManualFields(asset.manual_fields, ['disciplines']), updated_at: nowIso() }).where('id', '=', id).execute()
    }
    const after = (await trx.selectFrom('asset_discipline').select('discipline_code').where('asset_id', '=', id).orderBy('discipline_code').execute()).map((r) => r.discipline_code)
    await appendAudit(trx, { operator: await getOperator(trx), action: 'disciplines', entity: 'ip_asset', entityId: id, before: { disciplines: before }, after: { disciplines: after, manual: unique !== null } })
    return getAssetDetail(trx, id)
  })
}

/** Replace the projects that funded an asset. */
export async function setAssetProjects(db: Kysely<DB>, id: number, projectIds: number[]): Promise<AssetDetail> {
  return inTransaction(db, async (trx) => {
    const asset = await trx.selectFrom('ip_asset').select(['id', 'manual_fields']).where('id', '=', id).executeTakeFirst()
    if (!asset) throw notFound(id)
    const unique = [...new Set(projectIds)].sort((a, b) => a - b)
    if (unique.length) {
      const known = new Set((await trx.selectFrom('project').select('id').where('id', 'in', unique).execute()).map((r) => r.id))
      if (unique.some((p) => !known.has(p))) throw invalid('所选项目中有已被删除的项目：请刷新后重新选择。')
    }
    const before = (await trx.selectFrom('asset_project').select('project_id').where('asset_id', '=', id).orderBy('project_id').execute()).map((r) => r.project_id)
    if (JSON.stringify(before) === JSON.stringify(unique)) return getAssetDetail(trx, id)
    await trx.deleteFrom('asset_project').where('asset_id', '=', id).execute()
    if (unique.length) await trx.insertInto('asset_project').values(unique.map((p) => ({ asset_id: id, project_id: p }))).execute()
    await trx.updateTable('ip_asset').set({ manual_fields: addManualFields(asset.manual_fields, ['projects']), updated_at: nowIso() }).where('id', '=', id).execute()
    await appendAudit(trx, { operator: await getOperator(trx), action: 'projects', entity: 'ip_asset', entityId: id, before: { projects: before }, after: { projects: unique } })
    return getAssetDetail(trx, id)
  })
}
