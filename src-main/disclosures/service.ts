import { createHash } from 'node:crypto'
import { sql, type Kysely, type Selectable } from 'kysely'
import { z } from 'zod'
import {
  claimRawSchema,
  discrepancyCodeSchema,
  evidenceSchema,
  remarkCodeSchema,
  suggestionSchema,
  type Claim,
  type DisclosureCreateInput,
  type DisclosureDetail,
  type DisclosureItem,
  type DisclosureListInput,
  type DisclosureSummary,
  type DisclosureUpdateInput,
  type ResearcherBrief,
  type VerdictCode,
  type VerdictCounts,
  disclosureCreateInput,
  disclosureListInput,
  disclosureUpdateInput,
} from '../contract/disclosures'
import { AppError } from '../contract/result'
import { appendAudit, canonicalJson } from '../audit/log'
import { todayIso } from '../core/clock'
import type { DB, DisclosureItemTable, DisclosureTable } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { removeBlanks, toHalfWidth } from '../domain/text-width'
import { getOperator } from '../settings/service'
import { loadArchiveView } from './evidence'
import { describeRemarks, explainFindings, verifyClaim, type ResearcherRef } from './verify'

// Disclosures as records: intake, verification runs, the librarian's notes and overrides, sign-off.
// Every write is one transaction with its audit entry. A signed disclosure is frozen: its items keep the
// verdicts and the evidence snapshots as they stood, whatever happens to the archive afterwards.

export interface ServiceOptions {
  operator?: string
  /** The clock, for tests. */
  now?: Date
}

type DisclosureRow = Selectable<DisclosureTable>
type ItemRow = Selectable<DisclosureItemTable>

export interface ResearcherSnapshot {
  staffNo: string
  name: string
  college: string
  title: string
}

const FROZEN = '该核实已签发，结果和证据已冻结，不能再修改。如需重新核实，请新建一次核实。'

function parseJson<T>(text: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (text === null || text === '') return fallback
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

/** 工号 as typed: blanks and full-width digits folded. */
export function normalizeStaffNo(staffNo: string): string {
  return removeBlanks(toHalfWidth(staffNo))
}

async function operatorOf(db: Kysely<DB>, options: ServiceOptions): Promise<string> {
  return options.operator ?? (await getOperator(db))
}

// ---------------------------------------------------------------------------------------------------
// Researchers

export async function getResearcherByStaffNo(db: Kysely<DB>, staffNo: string): Promise<ResearcherBrief> {
  const wanted = normalizeStaffNo(staffNo)
  const row = await db.selectFrom('researcher').select(['id', 'staff_no', 'name', 'college', 'title', 'active']).where('staff_no', '=', wanted).executeTakeFirst()
  if (!row) throw new AppError('not_found', `科研人员名单中没有工号“${wanted}”。请核对工号，或先在档案库中添加/导入该科研人员。`)
  return { id: row.id, staffNo: row.staff_no, name: row.name, college: row.college, title: row.title, active: row.active === 1 }
}

async function getResearcher(db: Kysely<DB>, id: number): Promise<ResearcherBrief> {
  const row = await db.selectFrom('researcher').select(['id', 'staff_no', 'name', 'college', 'title', 'active']).where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', '找不到该科研人员，可能已被删除。请重新选择。')
  return { id: row.id, staffNo: row.staff_no, name: row.name, college: row.college, title: row.title, active: row.active === 1 }
}

// ---------------------------------------------------------------------------------------------------
// Reading

function claimOf(row: ItemRow): Claim {
  return {
    seq: row.seq,
    kind: (row.claimed_kind || null) as Claim['kind'],
    number: row.claimed_number,
    title: row.claimed_title,
    rank: row.claimed_rank,
    status: row.claimed_status,
    date: row.claimed_date,
    note: row.note,
    sourceRow: row.source_row,
    raw: parseJson(row.claimed_raw, claimRawSchema, {}),
  }
}

function itemOf(row: ItemRow, period: { from: string | null; to: string | null }, researcher: { staffNo: string; name: string }): DisclosureItem {
  const claim = claimOf(row)
  const evidence = parseJson(row.evidence, evidenceSchema.nullable(), null)
  const discrepancies = parseJson(row.discrepancies, z.array(discrepancyCodeSchema), [])
  const remarks = parseJson(row.remarks, z.array(remarkCodeSchema), [])
  return {
    id: row.id,
    seq: row.seq,
    claim,
    verdict: row.verdict,
    effectiveVerdict: row.override_verdict ?? row.verdict,
    discrepancies,
    findings: explainFindings(claim, evidence, discrepancies, period, researcher),
    remarks: describeRemarks(remarks, evidence),
    suggestion: parseJson(row.suggestion, suggestionSchema.nullable(), null),
    evidence,
    override: row.override_verdict ? { verdict: row.override_verdict, reason: row.override_reason ?? '', by: row.override_by, at: row.override_at } : null,
    note: row.note,
    verifiedAt: row.verified_at,
    operator: row.operator,
  }
}

function emptyCounts(): VerdictCounts {
  return { total: 0, consistent: 0, inconsistent: 0, not_found: 0, invalid_number: 0, unverified: 0, overridden: 0 }
}

function countInto(counts: VerdictCounts, verdict: VerdictCode | null, overridden: boolean, n = 1): void {
  counts.total += n
  if (verdict === null) counts.unverified += n
  else counts[verdict] += n
  if (overridden) counts.overridden += n
}

const snapshotSchema = z.object({ staffNo: z.string(), name: z.string(), college: z.string(), title: z.string() })

type SummaryRow = DisclosureRow & { r_staff_no: string; r_name: string; r_college: string; r_title: string }

function summaryOf(row: SummaryRow, counts: VerdictCounts): DisclosureSummary {
  const live = { staffNo: row.r_staff_no, name: row.r_name, college: row.r_college, title: row.r_title }
  // A signed verification shows the researcher as he was when it was signed.
  const shown = row.status === 'signed' ? parseJson(row.researcher_snapshot, snapshotSchema, live) : live
  return {
    id: row.id,
    researcher: { id: row.researcher_id, ...shown },
    purpose: row.purpose,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    status: row.status,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    signedOn: row.signed_on,
    certificateNo: row.certificate_no,
    note: row.note,
    sourceFile: row.source_file,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    verifiedAt: row.verified_at,
    counts,
  }
}

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('disclosure as d')
    .innerJoin('researcher as r', 'r.id', 'd.researcher_id')
    .selectAll('d')
    .select(['r.staff_no as r_staff_no', 'r.name as r_name', 'r.college as r_college', 'r.title as r_title'])
}

export async function getDisclosure(db: Kysely<DB>, id: number): Promise<DisclosureDetail> {
  const row = (await summaryQuery(db).where('d.id', '=', id).executeTakeFirst()) as SummaryRow | undefined
  if (!row) throw new AppError('not_found', '找不到该核实记录，可能已被删除。')
  const items = await db.selectFrom('disclosure_item').selectAll().where('disclosure_id', '=', id).orderBy('seq').execute()
  const counts = emptyCounts()
  for (const item of items) countInto(counts, item.override_verdict ?? item.verdict, item.override_verdict !== null)
  const summary = summaryOf(row, counts)
  const period = { from: row.period_from, to: row.period_to }
  return { ...summary, items: items.map((item) => itemOf(item, period, summary.researcher)) }
}

export async function listDisclosures(db: Kysely<DB>, raw: DisclosureListInput): Promise<{ total: number; items: DisclosureSummary[] }> {
  const input = disclosureListInput.parse(raw)
  let query = summaryQuery(db)
  const q = toHalfWidth(input.q).trim()
  if (q) {
    const esc = q.replace(/[\\%_]/g, (c) => `\\${c}`)
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`r.staff_no LIKE ${esc + '%'} ESCAPE '\\'`,
        sql<boolean>`r.name LIKE ${'%' + esc + '%'} ESCAPE '\\'`,
        sql<boolean>`r.name_initials LIKE ${esc.toLowerCase() + '%'} ESCAPE '\\'`,
        sql<boolean>`d.purpose LIKE ${'%' + esc + '%'} ESCAPE '\\'`,
        sql<boolean>`d.certificate_no LIKE ${'%' + esc + '%'} ESCAPE '\\'`,
        sql<boolean>`d.researcher_snapshot LIKE ${'%' + esc + '%'} ESCAPE '\\'`,
      ]),
    )
  }
  if (input.status) query = query.where('d.status', '=', input.status)
  if (input.researcherId) query = query.where('d.researcher_id', '=', input.researcherId)
  // The day that matters: sign-off for signed verifications, creation for drafts.
  const day = sql<string>`coalesce(d.signed_on, substr(d.created_at, 1, 10))`
  if (input.from) query = query.where(sql<boolean>`${day} >= ${input.from}`)
  if (input.to) query = query.where(sql<boolean>`${day} <= ${input.to}`)

  const totalRow = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = (await query
    .orderBy(sql`coalesce(d.signed_at, d.created_at)`, 'desc')
    .orderBy('d.id', 'desc')
    .offset(input.offset)
    .limit(input.limit)
    .execute()) as SummaryRow[]
  const countsById = new Map<number, VerdictCounts>(rows.map((r) => [r.id, emptyCounts()]))
  if (rows.length) {
    const grouped = await db
      .selectFrom('disclosure_item')
      .select([
        'disclosure_id',
        sql<VerdictCode | null>`coalesce(override_verdict, verdict)`.as('v'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(override_verdict IS NOT NULL)`.as('o'),
      ])
      .where('disclosure_id', 'in', rows.map((r) => r.id))
      .groupBy(['disclosure_id', sql`coalesce(override_verdict, verdict)`])
      .execute()
    for (const g of grouped) {
      const counts = countsById.get(g.disclosure_id)!
      countInto(counts, g.v, false, Number(g.n))
      counts.overridden += Number(g.o)
    }
  }
  return { total: Number(totalRow.n), items: rows.map((r) => summaryOf(r, countsById.get(r.id)!)) }
}

// ---------------------------------------------------------------------------------------------------
// Writing

async function draftRow(db: Kysely<DB>, id: number): Promise<DisclosureRow> {
  const row = await db.selectFrom('disclosure').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', '找不到该核实记录，可能已被删除。')
  if (row.status === 'signed') throw new AppError('conflict', FROZEN)
  return row
}

function checkHeader(input: { periodFrom: string | null; periodTo: string | null; items: Claim[] }): void {
  if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo) {
    throw new AppError('invalid_input', `核实期间的起始日 ${input.periodFrom} 晚于截止日 ${input.periodTo}，请改正。`)
  }
  const seen = new Set<number>()
  const duplicates = new Set<number>()
  for (const item of input.items) {
    if (seen.has(item.seq)) duplicates.add(item.seq)
    seen.add(item.seq)
  }
  if (duplicates.size) throw new AppError('invalid_input', `序号重复：${[...duplicates].join('、')}。每项成果的序号应唯一，请改正后再核实。`)
}

function itemValues(disclosureId: number, claim: Claim) {
  return {
    disclosure_id: disclosureId,
    seq: claim.seq,
    claimed_kind: claim.kind ?? '',
    claimed_number: claim.number,
    claimed_title: claim.title,
    claimed_rank: claim.rank,
    claimed_status: claim.status,
    claimed_date: claim.date,
    note: claim.note,
    source_row: claim.sourceRow,
    claimed_raw: JSON.stringify(claim.raw ?? {}),
  }
}

async function insertItems(db: Kysely<DB>, disclosureId: number, claims: Claim[]): Promise<void> {
  for (let i = 0; i < claims.length; i += 200) {
    await db
      .insertInto('disclosure_item')
      .values(claims.slice(i, i + 200).map((c) => itemValues(disclosureId, c)))
      .execute()
  }
}

function snapshotOf(r: ResearcherBrief): ResearcherSnapshot {
  return { staffNo: r.staffNo, name: r.name, college: r.college, title: r.title }
}

/** Save a new disclosure and verify it. Returns its id. */
export async function createDisclosure(db: Kysely<DB>, raw: DisclosureCreateInput, options: ServiceOptions = {}): Promise<number> {
  const input = disclosureCreateInput.parse(raw)
  checkHeader(input)
  return inTransaction(db, async (trx) => {
    const researcher = await getResearcher(trx, input.researcherId)
    const operator = await operatorOf(trx, options)
    const at = (options.now ?? new Date()).toISOString()
    const [row] = await trx
      .insertInto('disclosure')
      .values({
        researcher_id: researcher.id,
        purpose: input.purpose,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        note: input.note,
        source_file: input.sourceFile,
        researcher_snapshot: JSON.stringify(snapshotOf(researcher)),
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .execute()
    const id = row!.id
    await insertItems(trx, id, input.items)
    await appendAudit(trx, {
      operator,
      action: 'create',
      entity: 'disclosure',
      entityId: id,
      after: { staffNo: researcher.staffNo, name: researcher.name, purpose: input.purpose, periodFrom: input.periodFrom, periodTo: input.periodTo, items: input.items.length, sourceFile: input.sourceFile },
    })
    await verifyDisclosure(trx, id, { ...options, operator })
    return id
  })
}

/**
 * Replace a draft's header and claims, then verify again. The librarian's note and override stay with
 * an item whose 序号 and number are unchanged.
 */
export async function updateDisclosure(db: Kysely<DB>, raw: DisclosureUpdateInput, options: ServiceOptions = {}): Promise<void> {
  const input = disclosureUpdateInput.parse(raw)
  checkHeader(input)
  await inTransaction(db, async (trx) => {
    const before = await draftRow(trx, input.id)
    const operator = await operatorOf(trx, options)
    const old = await trx.selectFrom('disclosure_item').selectAll().where('disclosure_id', '=', input.id).execute()
    const kept = new Map(old.map((o) => [`${o.seq}|${o.claimed_number}`, o]))
    await trx.deleteFrom('disclosure_item').where('disclosure_id', '=', input.id).execute()
    await insertItems(trx, input.id, input.items)
    for (const claim of input.items) {
      const prev = kept.get(`${claim.seq}|${claim.number}`)
      if (!prev || (prev.override_verdict === null && (prev.note === '' || claim.note !== ''))) continue
      await trx
        .updateTable('disclosure_item')
        .set({ override_verdict: prev.override_verdict, override_reason: prev.override_reason, override_by: prev.override_by, override_at: prev.override_at, note: claim.note || prev.note })
        .where('disclosure_id', '=', input.id)
        .where('seq', '=', claim.seq)
        .execute()
    }
    await trx
      .updateTable('disclosure')
      .set({ purpose: input.purpose, period_from: input.periodFrom, period_to: input.periodTo, note: input.note, updated_at: (options.now ?? new Date()).toISOString() })
      .where('id', '=', input.id)
      .execute()
    await appendAudit(trx, {
      operator,
      action: 'update',
      entity: 'disclosure',
      entityId: input.id,
      before: { purpose: before.purpose, periodFrom: before.period_from, periodTo: before.period_to, items: old.length },
      after: { purpose: input.purpose, periodFrom: input.periodFrom, periodTo: input.periodTo, items: input.items.length },
    })
    await verifyDisclosure(trx, input.id, { ...options, operator })
  })
}

/** Run the engine over every item of a draft against the archive as it is now. */
export async function verifyDisclosure(db: Kysely<DB>, id: number, options: ServiceOptions = {}): Promise<VerdictCounts> {
  return inTransaction(db, async (trx) => {
    const row = await draftRow(trx, id)
    const operator = await operatorOf(trx, options)
    const researcher = await getResearcher(trx, row.researcher_id)
    const now = options.now ?? new Date()
    const at = now.toISOString()
    const items = await trx.selectFrom('disclosure_item').selectAll().where('disclosure_id', '=', id).orderBy('seq').execute()
    const claims = items.map(claimOf)
    const ref: ResearcherRef = { id: researcher.id, staffNo: researcher.staffNo, name: researcher.name }
    const view = await loadArchiveView(trx, ref, claims, now.getFullYear())
    const ctx = { researcher: ref, periodFrom: row.period_from, periodTo: row.period_to, currentYear: now.getFullYear(), asOf: at }
    const counts = emptyCounts()
    const rows = items.map((item, i) => {
      const result = verifyClaim(claims[i]!, ctx, view)
      countInto(counts, item.override_verdict ?? result.verdict, item.override_verdict !== null)
      return {
        id: item.id,
        asset_id: result.assetId,
        verdict: result.verdict,
        discrepancies: JSON.stringify(result.discrepancies),
        remarks: JSON.stringify(result.remarks),
        suggestion: result.suggestion ? JSON.stringify(result.suggestion) : null,
        evidence: JSON.stringify(result.evidence),
      }
    })
    // One statement per 500 items (a thousand single-row updates cost more than the verification itself).
    for (let i = 0; i < rows.length; i += 500) {
      await sql`UPDATE disclosure_item SET
          asset_id = j.value ->> '$.asset_id',
          verdict = j.value ->> '$.verdict',
          discrepancies = j.value ->> '$.discrepancies',
          remarks = j.value ->> '$.remarks',
          suggestion = j.value ->> '$.suggestion',
          evidence = j.value ->> '$.evidence',
          verified_at = ${at},
          operator = ${operator}
        FROM json_each(${JSON.stringify(rows.slice(i, i + 500))}) AS j
        WHERE disclosure_item.id = j.value ->> '$.id'`.execute(trx)
    }
    await trx
      .updateTable('disclosure')
      .set({ verified_at: at, updated_at: at, researcher_snapshot: JSON.stringify(snapshotOf(researcher)) })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, { operator, action: 'verify', entity: 'disclosure', entityId: id, after: counts })
    return counts
  })
}

async function itemContext(db: Kysely<DB>, itemId: number): Promise<{ item: ItemRow; disclosure: DisclosureRow }> {
  const item = await db.selectFrom('disclosure_item').selectAll().where('id', '=', itemId).executeTakeFirst()
  if (!item) throw new AppError('not_found', '找不到该核实条目，可能已被删除。请刷新页面。')
  const disclosure = await draftRow(db, item.disclosure_id)
  return { item, disclosure }
}

async function itemOutput(db: Kysely<DB>, itemId: number): Promise<DisclosureItem> {
  const item = await db.selectFrom('disclosure_item').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow()
  const d = await db.selectFrom('disclosure').select(['researcher_id', 'period_from', 'period_to']).where('id', '=', item.disclosure_id).executeTakeFirstOrThrow()
  const researcher = await getResearcher(db, d.researcher_id)
  return itemOf(item, { from: d.period_from, to: d.period_to }, researcher)
}

export async function setItemNote(db: Kysely<DB>, itemId: number, note: string, options: ServiceOptions = {}): Promise<DisclosureItem> {
  return inTransaction(db, async (trx) => {
    const { item } = await itemContext(trx, itemId)
    const next = note.trim()
    if (next !== item.note) {
      await trx.updateTable('disclosure_item').set({ note: next }).where('id', '=', itemId).execute()
      await appendAudit(trx, { operator: await operatorOf(trx, options), action: 'update', entity: 'disclosure_item', entityId: itemId, before: { note: item.note }, after: { note: next } })
    }
    return itemOutput(trx, itemId)
  })
}

/** The librarian's verdict, which needs a reason; null clears it back to the engine's verdict. */
export async function overrideItem(db: Kysely<DB>, itemId: number, verdict: VerdictCode | null, reason: string, options: ServiceOptions = {}): Promise<DisclosureItem> {
  return inTransaction(db, async (trx) => {
    const { item } = await itemContext(trx, itemId)
    const why = reason.trim()
    const operator = await operatorOf(trx, options)
    if (verdict !== null) {
      if (item.verdict === null) throw new AppError('conflict', '该条目尚未核实，请先核实再更改结论。')
      if (why.length < 2) throw new AppError('invalid_input', '更改核实结论必须填写理由（例如：已查验专利证书原件）。')
      if (verdict === item.verdict) throw new AppError('invalid_input', '所选结论与系统核实结论相同，无需更改。如要撤销更改，请选择“恢复系统结论”。')
    }
    const at = (options.now ?? new Date()).toISOString()
    await trx
      .updateTable('disclosure_item')
      .set(verdict === null ? { override_verdict: null, override_reason: null, override_by: null, override_at: null } : { override_verdict: verdict, override_reason: why, override_by: operator, override_at: at })
      .where('id', '=', itemId)
      .execute()
    await appendAudit(trx, {
      operator,
      action: 'override',
      entity: 'disclosure_item',
      entityId: itemId,
      before: { verdict: item.verdict, override: item.override_verdict, reason: item.override_reason },
      after: verdict === null ? { override: null, reason: why || null } : { override: verdict, reason: why },
    })
    return itemOutput(trx, itemId)
  })
}

/** 核实意见书编号: HS + year + 4-digit running number of the year. */
async function nextCertificateNo(db: Kysely<DB>, day: string): Promise<string> {
  const prefix = `HS${day.slice(0, 4)}`
  const last = await db
    .selectFrom('disclosure')
    .select('certificate_no')
    .where('certificate_no', 'like', `${prefix}%`)
    .orderBy('certificate_no', 'desc')
    .limit(1)
    .executeTakeFirst()
  const n = last?.certificate_no ? Number(last.certificate_no.slice(prefix.length)) + 1 : 1
  return `${prefix}${String(n).padStart(4, '0')}`
}

/**
 * Freeze the verification: nothing of it changes afterwards (the evidence snapshots stay as they were
 * when verified), it gets a certificate number, and the audit log records a digest of the frozen items.
 */
export async function signDisclosure(db: Kysely<DB>, id: number, options: ServiceOptions = {}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await draftRow(trx, id)
    const items = await trx.selectFrom('disclosure_item').selectAll().where('disclosure_id', '=', id).orderBy('seq').execute()
    if (!items.length) throw new AppError('conflict', '核实清单为空，不能签发。')
    if (items.some((i) => i.verdict === null || i.verified_at === null)) throw new AppError('conflict', '还有条目未核实：请先点击“重新核实”，再签发。')
    const operator = await operatorOf(trx, options)
    const now = options.now ?? new Date()
    const day = todayIso(now)
    const researcher = await getResearcher(trx, row.researcher_id)
    const certificateNo = await nextCertificateNo(trx, day)
    const frozen = items.map((i) => [i.seq, i.claimed_number, i.verdict, i.override_verdict, i.discrepancies, i.evidence])
    const digest = createHash('sha256').update(canonicalJson(frozen)).digest('hex')
    const counts = emptyCounts()
    for (const item of items) countInto(counts, item.override_verdict ?? item.verdict, item.override_verdict !== null)
    await trx
      .updateTable('disclosure')
      .set({
        status: 'signed',
        signed_by: operator,
        signed_at: now.toISOString(),
        signed_on: day,
        certificate_no: certificateNo,
        researcher_snapshot: JSON.stringify(snapshotOf(researcher)),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, { operator, action: 'sign', entity: 'disclosure', entityId: id, after: { certificateNo, signedOn: day, counts, digest } })
  })
}

/** Drafts only. */
export async function deleteDisclosure(db: Kysely<DB>, id: number, options: ServiceOptions = {}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await draftRow(trx, id)
    const items = await trx.selectFrom('disclosure_item').select((eb) => eb.fn.countAll<number>().as('n')).where('disclosure_id', '=', id).executeTakeFirstOrThrow()
    await trx.deleteFrom('disclosure').where('id', '=', id).execute()
    await appendAudit(trx, {
      operator: await operatorOf(trx, options),
      action: 'delete',
      entity: 'disclosure',
      entityId: id,
      before: { researcherId: row.researcher_id, purpose: row.purpose, items: Number(items.n) },
    })
  })
}
