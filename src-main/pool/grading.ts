import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { appendAudit } from '../audit/log'
import { POOL_GRADE_LABELS } from '../contract/labels'
import type { GradeInfo, InventoryFilters, PoolGradeCode } from '../contract/pool'
import { AppError } from '../contract/result'
import { nowIso, todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { gradingTemplate } from './indicators'
import { allOf, inventoryConditions, inventoryIds } from './inventory'
import { toGradeInfo } from './rows'
import { indicatorIds, scorePool } from './scoring'

// Value grading (价值分级). Each decision is a new pool_grading row; the asset's previous current row is
// un-flagged in the same transaction, so the history is complete and exactly one grade is current.

export interface GradeDecision {
  grade: PoolGradeCode
  reason: string
  scores?: Record<string, number>
  gradedOn?: string
}

export interface GradeOptions {
  progress?: (done: number, total: number) => void
  checkpoint?: () => Promise<void>
  today?: string
}

export interface GradeResult {
  graded: number
  regraded: number
  batch: string | null
}

const CHUNK = 500

function checkDecision(decision: GradeDecision, today: string): { scores: Record<string, number>; total: number | null; gradedOn: string; reason: string } {
  const template = gradingTemplate()
  const known = new Set(indicatorIds(template))
  const scores = decision.scores ?? {}
  const unknown = Object.keys(scores).filter((k) => !known.has(k))
  if (unknown.length) throw new AppError('invalid_input', `未知的评分指标：${unknown.join('、')}。请刷新页面后重新评分。`)
  const gradedOn = decision.gradedOn ?? today
  if (gradedOn > today) throw new AppError('invalid_input', `分级日期 ${gradedOn} 晚于今天，请改为今天或更早的日期。`)
  const reason = decision.reason.trim()
  if (!reason) throw new AppError('invalid_input', '请填写分级理由。')
  return { scores, total: scorePool(template, scores).total, gradedOn, reason }
}

/** Ids among `assetIds` that are not university-owned patents in force (those cannot be graded). */
async function notInInventory(db: Kysely<DB>, assetIds: number[], today: string): Promise<number[]> {
  const found = new Set<number>()
  for (let i = 0; i < assetIds.length; i += CHUNK) {
    const ids = assetIds.slice(i, i + CHUNK)
    const rows = await db
      .selectFrom('ip_asset as a')
      .select('a.id')
      .where(allOf([...inventoryConditions({}, today), sql`a.id IN (${sql.join(ids)})`]))
      .execute()
    for (const row of rows) found.add(row.id)
  }
  return assetIds.filter((id) => !found.has(id))
}

async function writeGrades(db: Kysely<DB>, assetIds: number[], decision: GradeDecision, options: GradeOptions, describe: unknown): Promise<GradeResult> {
  const today = options.today ?? todayIso()
  const checked = checkDecision(decision, today)
  const ids = [...new Set(assetIds)]
  return inTransaction(db, async (trx) => {
    const missing = await notInInventory(trx, ids, today)
    if (missing.length) {
      const numbers = await trx.selectFrom('ip_asset').select('app_no').where('id', 'in', missing.slice(0, 5)).execute()
      const shown = numbers.map((n) => n.app_no).join('、') || missing.slice(0, 5).map((id) => `#${id}`).join('、')
      throw new AppError(
        'invalid_input',
        `有 ${missing.length} 项不是学校的有效专利（${shown}${missing.length > 5 ? ' 等' : ''}），只能对盘点清单中的专利分级。请重新筛选后再试；未作任何修改。`,
      )
    }
    const operator = await getOperator(trx)
    const batch = ids.length > 1 ? `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}` : null
    const at = nowIso()
    const before: Record<number, PoolGradeCode> = {}
    let regraded = 0
    for (let i = 0; i < ids.length; i += CHUNK) {
      await options.checkpoint?.()
      const chunk = ids.slice(i, i + CHUNK)
      const previous = await trx.selectFrom('pool_grading').select(['asset_id', 'grade']).where('asset_id', 'in', chunk).where('is_current', '=', 1).execute()
      for (const p of previous) {
        before[p.asset_id] = p.grade
        if (p.grade === decision.grade) regraded++
      }
      if (previous.length) await trx.updateTable('pool_grading').set({ is_current: 0 }).where('asset_id', 'in', chunk).where('is_current', '=', 1).execute()
      await trx
        .insertInto('pool_grading')
        .values(
          chunk.map((assetId) => ({
            asset_id: assetId,
            grade: decision.grade,
            reason: checked.reason,
            scores: JSON.stringify(checked.scores),
            total: checked.total,
            graded_on: checked.gradedOn,
            operator,
            batch,
            is_current: 1 as const,
            created_at: at,
          })),
        )
        .execute()
      options.progress?.(Math.min(ids.length, i + CHUNK), ids.length)
    }
    await appendAudit(trx, {
      operator,
      action: 'grade',
      entity: 'pool_grading',
      entityId: batch ?? ids[0],
      before: { grades: before },
      after: { ...(describe as object), assetIds: ids, grade: decision.grade, label: POOL_GRADE_LABELS[decision.grade], reason: checked.reason, scores: checked.scores, gradedOn: checked.gradedOn },
    })
    return { graded: ids.length, regraded, batch }
  })
}

/** Grade the chosen patents (one transaction). */
export async function gradeAssets(db: Kysely<DB>, assetIds: number[], decision: GradeDecision, options: GradeOptions = {}): Promise<GradeResult> {
  if (!assetIds.length) throw new AppError('invalid_input', '请至少选择一项专利。')
  return writeGrades(db, assetIds, decision, options, { selection: 'ids' })
}

/** Grade every patent the inventory filter selects (one transaction). */
export async function gradeSelection(db: Kysely<DB>, filters: InventoryFilters, decision: GradeDecision, options: GradeOptions = {}): Promise<GradeResult> {
  const today = options.today ?? todayIso()
  const ids = await inventoryIds(db, filters, today)
  if (!ids.length) throw new AppError('invalid_input', '当前筛选条件下没有专利，未作任何修改。请调整筛选条件。')
  return writeGrades(db, ids, decision, { ...options, today }, { selection: 'filters', filters })
}

/** Every grade an asset was given, newest first. */
export async function gradeHistory(db: Kysely<DB>, assetId: number): Promise<GradeInfo[]> {
  const rows = await db.selectFrom('pool_grading').selectAll().where('asset_id', '=', assetId).orderBy('id', 'desc').execute()
  return rows.map(toGradeInfo)
}
