import { sql, type Kysely, type Selectable, type Updateable } from 'kysely'
import { z } from 'zod'
import {
  EDITABLE_FIELDS,
  EVALUATION_ROUTES,
  inventorSchema,
  reviewerSchema,
  scoresSchema,
  type Evaluation,
  type EvaluationFields,
  type EvaluationPatch,
  type EvaluationRoute,
  type EvaluationRow,
  type EvaluationStatusCode,
  type Grade,
  type Scores,
  type TemplateRecord,
  type TransitionInput,
} from '../contract/evaluations'
import { EVALUATION_STATUS_LABELS } from '../contract/labels'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso, todayIso } from '../core/clock'
import type { DB, EvaluationRouteCode, EvaluationTable } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { scoreEvaluation } from './scoring'
import { currentTemplate, templateById } from './template'

// The evaluation itself: create, autosave, the workflow 草稿 → 待评审 → 已评审 → 已决定, list, delete.
// Every write is one transaction with its audit entry.

// The contract's route codes and the database's must be the same set.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const routesAgree: SameSet<EvaluationRoute, EvaluationRouteCode> = true
void routesAgree

type EvaluationDbRow = Selectable<EvaluationTable>

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

const inventorsSchema = z.array(inventorSchema)
const reviewersSchema = z.array(reviewerSchema)

export function parseInventors(text: string) {
  return parseJson(text, inventorsSchema, [])
}

function isRoute(value: string | null): value is EvaluationRoute {
  return value !== null && (EVALUATION_ROUTES as readonly string[]).includes(value)
}

async function filedAssetOf(db: Kysely<DB>, row: EvaluationDbRow): Promise<Evaluation['filedAsset']> {
  let query = db.selectFrom('ip_asset').select(['id', 'kind', 'app_no', 'title', 'filing_date', 'status_group'])
  if (row.filed_asset_id !== null) query = query.where('id', '=', row.filed_asset_id)
  else if (row.filed_app_no !== null) query = query.where('app_no', '=', row.filed_app_no).where('kind', 'in', ['invention', 'utility', 'design'])
  else return null
  const asset = await query.limit(1).executeTakeFirst()
  return asset ? { id: asset.id, kind: asset.kind, appNo: asset.app_no, title: asset.title, filingDate: asset.filing_date, statusGroup: asset.status_group } : null
}

export async function toEvaluation(db: Kysely<DB>, row: EvaluationDbRow, templateVersion: number): Promise<Evaluation> {
  return {
    id: row.id,
    title: row.title,
    inventors: parseInventors(row.inventors),
    projectId: row.project_id,
    projectName: row.project_name,
    fiscalFunded: row.fiscal_funded === null ? null : row.fiscal_funded === 1,
    techField: row.tech_field,
    ipcSuggested: row.ipc_suggested,
    disclosureDate: row.disclosure_date,
    evaluatedOn: row.evaluated_on,
    priorArtSummary: row.prior_art_summary,
    templateId: row.template_id,
    templateVersion,
    scores: parseJson<Scores>(row.scores, scoresSchema, {}),
    total: row.total,
    grade: row.grade,
    recommendation: isRoute(row.recommendation) ? row.recommendation : null,
    reviewers: parseJson(row.reviewers, reviewersSchema, []),
    status: row.status,
    decision: isRoute(row.decision) ? row.decision : null,
    decisionDate: row.decision_date,
    decisionNote: row.decision_note,
    decidedBy: row.decided_by,
    filedAppNo: row.filed_app_no,
    filedAsset: await filedAssetOf(db, row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

async function loadRow(db: Kysely<DB>, id: number): Promise<EvaluationDbRow> {
  const row = await db.selectFrom('evaluation').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', `找不到评估（编号 ${id}），可能已被删除。请返回列表刷新。`)
  return row
}

export async function getEvaluation(db: Kysely<DB>, id: number): Promise<{ evaluation: Evaluation; template: TemplateRecord }> {
  const row = await loadRow(db, id)
  const template = await templateById(db, row.template_id)
  return { evaluation: await toEvaluation(db, row, template.version), template }
}

export async function createEvaluation(db: Kysely<DB>, input: { title?: string; evaluatedOn?: string } = {}): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const template = await currentTemplate(trx)
    const at = nowIso()
    const row = await trx
      .insertInto('evaluation')
      .values({ title: (input.title ?? '').trim(), template_id: template.id, evaluated_on: input.evaluatedOn ?? todayIso(), created_at: at, updated_at: at })
      .returning(['id', 'title', 'evaluated_on'])
      .executeTakeFirstOrThrow()
    await appendAudit(trx, { operator: await getOperator(trx), action: 'create', entity: 'evaluation', entityId: row.id, after: { title: row.title, templateVersion: template.version, evaluatedOn: row.evaluated_on } })
    return { id: row.id }
  })
}

const FIELD_LABELS: Record<keyof EvaluationFields, string> = {
  title: '发明名称',
  inventors: '发明人',
  projectId: '所属项目',
  projectName: '所属项目',
  fiscalFunded: '财政资助',
  techField: '技术领域',
  ipcSuggested: 'IPC 分类',
  disclosureDate: '披露日期',
  evaluatedOn: '评估日期',
  priorArtSummary: '现有技术检索摘要',
  scores: '指标评分',
  recommendation: '评估建议',
  reviewers: '评审意见',
}

/** The stored value of each field as the form sees it, for comparing and for audit entries. */
function fieldsOf(e: Evaluation): EvaluationFields {
  return {
    title: e.title,
    inventors: e.inventors,
    projectId: e.projectId,
    projectName: e.projectName,
    fiscalFunded: e.fiscalFunded,
    techField: e.techField,
    ipcSuggested: e.ipcSuggested,
    disclosureDate: e.disclosureDate,
    evaluatedOn: e.evaluatedOn,
    priorArtSummary: e.priorArtSummary,
    scores: e.scores,
    recommendation: e.recommendation,
    reviewers: e.reviewers,
  }
}

/** Drop score entries for indicators the evaluation's template does not have, and empty entries. */
function cleanScores(template: TemplateRecord, scores: Scores): Scores {
  const known = new Set(template.body.dimensions.flatMap((d) => d.indicators.map((i) => i.id)))
  const out: Scores = {}
  for (const [key, value] of Object.entries(scores)) {
    if (!known.has(key)) continue
    const comment = value.comment.trim()
    if (value.score === null && !comment) continue
    out[key] = { score: value.score, comment: value.comment }
  }
  return out
}

/**
 * Autosave: write the fields that changed. Fields the status no longer allows are refused with a
 * message saying how to change them; the total and grade are recomputed from the evaluation's own
 * template version.
 */
export async function saveEvaluation(db: Kysely<DB>, id: number, patch: EvaluationPatch): Promise<{ updatedAt: string; total: number | null; grade: Grade | null }> {
  return inTransaction(db, async (trx) => {
    const row = await loadRow(trx, id)
    const template = await templateById(trx, row.template_id)
    const current = fieldsOf(await toEvaluation(trx, row, template.version))
    const next: EvaluationFields = { ...current, ...patch }
    if (patch.scores) next.scores = cleanScores(template, patch.scores)
    if (patch.title !== undefined) next.title = patch.title.trim()
    const changed = (Object.keys(patch) as (keyof EvaluationFields)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]))
    if (!changed.length) return { updatedAt: row.updated_at, total: row.total, grade: row.grade }
    const allowed = EDITABLE_FIELDS[row.status]
    const refused = changed.filter((key) => !allowed.includes(key))
    if (refused.length) {
      const names = [...new Set(refused.map((k) => FIELD_LABELS[k]))].join('、')
      throw new AppError(
        'conflict',
        row.status === 'submitted'
          ? `此评估已提交评审，${names}不能再修改。如需修改，请先点“退回修改”。`
          : `此评估${EVALUATION_STATUS_LABELS[row.status]}，${names}不能再修改。`,
      )
    }
    const result = scoreEvaluation(template.body, next.scores)
    const updatedAt = nowIso()
    await trx
      .updateTable('evaluation')
      .set({
        title: next.title,
        inventors: JSON.stringify(next.inventors),
        project_id: next.projectId,
        project_name: next.projectName,
        fiscal_funded: next.fiscalFunded === null ? null : next.fiscalFunded ? 1 : 0,
        tech_field: next.techField,
        ipc_suggested: next.ipcSuggested,
        disclosure_date: next.disclosureDate,
        evaluated_on: next.evaluatedOn,
        prior_art_summary: next.priorArtSummary,
        scores: JSON.stringify(next.scores),
        total: result.total,
        grade: result.grade,
        recommendation: next.recommendation,
        reviewers: JSON.stringify(next.reviewers),
        updated_at: updatedAt,
      })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, {
      operator: await getOperator(trx),
      action: 'update',
      entity: 'evaluation',
      entityId: id,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    })
    return { updatedAt, total: result.total, grade: result.grade }
  })
}

/** Why an evaluation cannot be submitted yet, in Chinese; empty when it can. */
export function submitProblems(evaluation: Evaluation, template: TemplateRecord): string[] {
  const problems: string[] = []
  if (!evaluation.title.trim()) problems.push('请填写发明名称')
  if (!evaluation.inventors.length) problems.push('请至少填写一位发明人')
  const result = scoreEvaluation(template.body, evaluation.scores)
  if (result.missing.length) {
    const names = result.missing.slice(0, 4).map((m) => m.name.replace(/（.*$/, '')).join('、')
    problems.push(`还有 ${result.missing.length} 项指标未评分（${names}${result.missing.length > 4 ? '等' : ''}）`)
  }
  if (!evaluation.recommendation) problems.push('请选择评估建议')
  return problems
}

const TRANSITION_FROM: Record<TransitionInput['action'], EvaluationStatusCode> = {
  submit: 'draft',
  return: 'submitted',
  review: 'submitted',
  decide: 'reviewed',
  reopen: 'decided',
}
const TRANSITION_TO: Record<TransitionInput['action'], EvaluationStatusCode> = {
  submit: 'submitted',
  return: 'draft',
  review: 'reviewed',
  decide: 'decided',
  reopen: 'reviewed',
}
const TRANSITION_NAMES: Record<TransitionInput['action'], string> = {
  submit: '提交评审',
  return: '退回修改',
  review: '完成评审',
  decide: '作出决定',
  reopen: '撤销决定',
}

/** One workflow step, checked against the current status, with its audit entry. */
export async function transitionEvaluation(db: Kysely<DB>, input: TransitionInput, options: { today?: string } = {}): Promise<Evaluation> {
  return inTransaction(db, async (trx) => {
    const row = await loadRow(trx, input.id)
    const template = await templateById(trx, row.template_id)
    const evaluation = await toEvaluation(trx, row, template.version)
    const from = TRANSITION_FROM[input.action]
    if (row.status !== from) {
      throw new AppError(
        'conflict',
        `不能${TRANSITION_NAMES[input.action]}：此评估当前状态为“${EVALUATION_STATUS_LABELS[row.status]}”，只有“${EVALUATION_STATUS_LABELS[from]}”的评估可以这样做。请刷新后再试。`,
      )
    }
    const operator = await getOperator(trx)
    const set: Updateable<EvaluationTable> = { status: TRANSITION_TO[input.action], updated_at: nowIso() }
    switch (input.action) {
      case 'submit': {
        const problems = submitProblems(evaluation, template)
        if (problems.length) throw new AppError('invalid_input', `还不能提交评审：${problems.join('；')}。`)
        const result = scoreEvaluation(template.body, evaluation.scores)
        set.total = result.total
        set.grade = result.grade
        break
      }
      case 'return':
        break
      case 'review': {
        const withOpinion = evaluation.reviewers.filter((r) => r.name.trim() && (r.stance !== null || r.opinion.trim()))
        if (!withOpinion.length) throw new AppError('invalid_input', '还不能完成评审：请至少记录一位评审人的姓名和意见。')
        break
      }
      case 'decide': {
        const decision = input.decision ?? evaluation.recommendation
        if (!decision) throw new AppError('invalid_input', '请选择决定（申请发明、申请实用新型、暂缓申请等）。')
        set.decision = decision
        set.decision_date = input.decisionDate ?? options.today ?? todayIso()
        set.decision_note = (input.decisionNote ?? '').trim()
        set.decided_by = operator
        break
      }
      case 'reopen':
        if (row.filed_app_no) throw new AppError('conflict', `此评估已关联申请号 ${row.filed_app_no}，不能撤销决定。如确需撤销，请先解除关联。`)
        set.decision = null
        set.decision_date = null
        set.decision_note = ''
        set.decided_by = null
        break
      default: {
        const unreachable: never = input.action
        throw new AppError('invalid_input', `未知操作：${String(unreachable)}`)
      }
    }
    await trx.updateTable('evaluation').set(set).where('id', '=', input.id).execute()
    await appendAudit(trx, {
      operator,
      action: input.action === 'decide' ? 'decide' : 'transition',
      entity: 'evaluation',
      entityId: input.id,
      before: { status: row.status, decision: row.decision, decisionDate: row.decision_date, total: row.total, grade: row.grade },
      after: { status: set.status, step: TRANSITION_NAMES[input.action], decision: set.decision ?? row.decision, decisionDate: set.decision_date ?? row.decision_date, note: set.decision_note, total: set.total ?? row.total, grade: set.grade ?? row.grade },
    })
    return toEvaluation(trx, await loadRow(trx, input.id), template.version)
  })
}

export async function deleteEvaluation(db: Kysely<DB>, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await loadRow(trx, id)
    if (row.status !== 'draft') throw new AppError('conflict', `只能删除草稿。此评估${EVALUATION_STATUS_LABELS[row.status]}，需保留备查。`)
    await trx.deleteFrom('evaluation').where('id', '=', id).execute()
    await appendAudit(trx, { operator: await getOperator(trx), action: 'delete', entity: 'evaluation', entityId: id, before: { ...row } })
  })
}

export interface ListFilter {
  query?: string
  status?: EvaluationStatusCode | null
  year?: number | null
  offset?: number
  limit?: number
}

function inventorNames(text: string): string {
  return parseInventors(text)
    .map((i) => i.name)
    .join('、')
}

export async function listEvaluations(db: Kysely<DB>, filter: ListFilter = {}): Promise<{ total: number; rows: EvaluationRow[] }> {
  let query = db.selectFrom('evaluation as e').innerJoin('evaluation_template as t', 't.id', 'e.template_id')
  if (filter.status) query = query.where('e.status', '=', filter.status)
  if (filter.year) query = query.where('e.evaluated_on', '>=', `${filter.year}-01-01`).where('e.evaluated_on', '<=', `${filter.year}-12-31`)
  const text = filter.query?.trim()
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`e.title LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`e.inventors LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`e.filed_app_no LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`e.tech_field LIKE ${like} ESCAPE '\\'`,
      ]),
    )
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const rows = await query
    .select(['e.id', 'e.title', 'e.inventors', 'e.evaluated_on', 'e.status', 'e.total', 'e.grade', 'e.recommendation', 'e.decision', 'e.decision_date', 'e.filed_app_no', 'e.updated_at', 't.version'])
    .orderBy('e.evaluated_on', 'desc')
    .orderBy('e.id', 'desc')
    .offset(filter.offset ?? 0)
    .limit(filter.limit ?? 100)
    .execute()
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      inventors: inventorNames(r.inventors),
      evaluatedOn: r.evaluated_on,
      status: r.status,
      total: r.total,
      grade: r.grade,
      recommendation: isRoute(r.recommendation) ? r.recommendation : null,
      decision: isRoute(r.decision) ? r.decision : null,
      decisionDate: r.decision_date,
      filedAppNo: r.filed_app_no,
      templateVersion: r.version,
      updatedAt: r.updated_at,
    })),
  }
}
