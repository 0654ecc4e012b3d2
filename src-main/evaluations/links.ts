import type { Kysely } from 'kysely'
import type { Evaluation, LinkSuggestion } from '../contract/evaluations'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { checkNumber } from '../domain/cn-number'
import { getOperator } from '../settings/service'
import { parseInventors, toEvaluation } from './service'
import { templateById } from './template'
import { titleSimilarity } from './text-similarity'

// After filing: an evaluation is linked to the application (or software registration) it became, and
// imported patents that look like the result of an evaluation — one of its inventors, a similar title,
// filed on or after the evaluation — are offered as links until accepted or dismissed.

/** Below this the titles are too different to suggest, whatever the inventors. */
export const MIN_TITLE_SIMILARITY = 0.3

async function reload(db: Kysely<DB>, id: number): Promise<Evaluation> {
  const row = await db.selectFrom('evaluation').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const template = await templateById(db, row.template_id)
  return toEvaluation(db, row, template.version)
}

/**
 * Link an evaluation to the number it was filed under. Application numbers are validated with their
 * check character (a wrong one is reported with the right one, never fixed silently); a publication or
 * grant number is accepted when the archive knows the application behind it.
 */
export async function linkFiling(db: Kysely<DB>, id: number, input: string): Promise<Evaluation> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('evaluation').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new AppError('not_found', `找不到评估（编号 ${id}）。`)
    if (row.status !== 'decided') throw new AppError('conflict', '请先对此评估作出决定，再关联申请号。')
    const check = checkNumber(input)
    if (!check.valid || !check.normalized) throw new AppError('invalid_input', check.message ?? `号码“${input}”无效。`)

    let appNo = check.normalized
    let asset: { id: number; app_no: string } | undefined
    if (check.numberType === 'publication') {
      asset = await trx
        .selectFrom('ip_asset')
        .select(['id', 'app_no'])
        .where((eb) => eb.or([eb('pub_no', '=', appNo), eb('grant_no', '=', appNo)]))
        .limit(1)
        .executeTakeFirst()
      if (!asset) throw new AppError('not_found', `档案中没有公开（公告）号 ${appNo} 的专利。请填写申请号（如 202310397744.0）。`)
      appNo = asset.app_no
    } else {
      asset = await trx.selectFrom('ip_asset').select(['id', 'app_no']).where('app_no', '=', appNo).limit(1).executeTakeFirst()
    }
    const other = await trx.selectFrom('evaluation').select(['id', 'title']).where('filed_app_no', '=', appNo).where('id', '!=', id).executeTakeFirst()
    if (other) throw new AppError('conflict', `申请号 ${appNo} 已关联到另一项评估（编号 ${other.id}“${other.title}”）。请核对号码。`)

    await trx.updateTable('evaluation').set({ filed_app_no: appNo, filed_asset_id: asset?.id ?? null, updated_at: nowIso() }).where('id', '=', id).execute()
    await appendAudit(trx, {
      operator: await getOperator(trx),
      action: 'link',
      entity: 'evaluation',
      entityId: id,
      before: { filedAppNo: row.filed_app_no, filedAssetId: row.filed_asset_id },
      after: { filedAppNo: appNo, filedAssetId: asset?.id ?? null, input: input.trim() },
    })
    return reload(trx, id)
  })
}

export async function unlinkFiling(db: Kysely<DB>, id: number): Promise<Evaluation> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('evaluation').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new AppError('not_found', `找不到评估（编号 ${id}）。`)
    if (!row.filed_app_no && row.filed_asset_id === null) return reload(trx, id)
    await trx.updateTable('evaluation').set({ filed_app_no: null, filed_asset_id: null, updated_at: nowIso() }).where('id', '=', id).execute()
    await appendAudit(trx, {
      operator: await getOperator(trx),
      action: 'unlink',
      entity: 'evaluation',
      entityId: id,
      before: { filedAppNo: row.filed_app_no, filedAssetId: row.filed_asset_id },
      after: { filedAppNo: null, filedAssetId: null },
    })
    return reload(trx, id)
  })
}

/** "This patent is not what that evaluation became": never suggest the pair again. */
export async function dismissSuggestion(db: Kysely<DB>, evaluationId: number, assetId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const exists = await trx.selectFrom('evaluation').select('id').where('id', '=', evaluationId).executeTakeFirst()
    if (!exists) throw new AppError('not_found', `找不到评估（编号 ${evaluationId}）。`)
    await trx
      .insertInto('evaluation_link_dismissal')
      .values({ evaluation_id: evaluationId, asset_id: assetId, operator, dismissed_at: nowIso() })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await appendAudit(trx, { operator, action: 'dismiss', entity: 'evaluation', entityId: evaluationId, after: { dismissedAssetId: assetId } })
  })
}

/**
 * Patents in the archive that may be what an evaluation turned into: filed on or after the evaluation
 * date, sharing at least one inventor (the linked researcher, or the same name), with a similar title.
 * Assets already linked to an evaluation and dismissed pairs are left out. Best first.
 */
export async function suggestLinks(db: Kysely<DB>, options: { evaluationId?: number | null; limit?: number } = {}): Promise<LinkSuggestion[]> {
  let evaluations = db
    .selectFrom('evaluation')
    .select(['id', 'title', 'inventors', 'evaluated_on'])
    .where('status', '!=', 'draft')
    .where('filed_app_no', 'is', null)
    .where('filed_asset_id', 'is', null)
  if (options.evaluationId) evaluations = evaluations.where('id', '=', options.evaluationId)
  const candidates = await evaluations.orderBy('evaluated_on', 'desc').execute()
  if (!candidates.length) return []

  const linked = new Set(
    (await db.selectFrom('evaluation').select('filed_asset_id').where('filed_asset_id', 'is not', null).execute()).map((r) => r.filed_asset_id!),
  )
  const out: LinkSuggestion[] = []
  for (const evaluation of candidates) {
    const inventors = parseInventors(evaluation.inventors)
    if (!inventors.length || !evaluation.title.trim()) continue
    const ids = inventors.map((i) => i.researcherId).filter((x): x is number => x !== null)
    const names = [...new Set(inventors.map((i) => i.name))]
    const hits = await db
      .selectFrom('asset_inventor as ai')
      .innerJoin('ip_asset as a', 'a.id', 'ai.asset_id')
      .leftJoin('evaluation_link_dismissal as d', (join) => join.onRef('d.asset_id', '=', 'a.id').on('d.evaluation_id', '=', evaluation.id))
      .select(['a.id', 'a.kind', 'a.app_no', 'a.title', 'a.filing_date', 'ai.raw_name', 'ai.researcher_id'])
      .where((eb) => eb.or([...(ids.length ? [eb('ai.researcher_id', 'in', ids)] : []), eb('ai.raw_name', 'in', names)]))
      .where('a.filing_date', '>=', evaluation.evaluated_on)
      .where('d.asset_id', 'is', null)
      .execute()
    const byAsset = new Map<number, { asset: (typeof hits)[number]; shared: Set<string> }>()
    for (const hit of hits) {
      if (linked.has(hit.id)) continue
      const entry = byAsset.get(hit.id) ?? { asset: hit, shared: new Set<string>() }
      entry.shared.add(hit.raw_name)
      byAsset.set(hit.id, entry)
    }
    for (const { asset, shared } of byAsset.values()) {
      const similarity = titleSimilarity(evaluation.title, asset.title)
      if (similarity < MIN_TITLE_SIMILARITY) continue
      const inventorShare = Math.min(1, shared.size / inventors.length)
      out.push({
        evaluationId: evaluation.id,
        evaluationTitle: evaluation.title,
        evaluatedOn: evaluation.evaluated_on,
        asset: { id: asset.id, kind: asset.kind, appNo: asset.app_no, title: asset.title, filingDate: asset.filing_date },
        titleSimilarity: Math.round(similarity * 1000) / 1000,
        sharedInventors: [...shared],
        score: Math.round((0.7 * similarity + 0.3 * inventorShare) * 1000) / 1000,
      })
    }
  }
  return out.sort((a, b) => b.score - a.score || a.evaluationId - b.evaluationId).slice(0, options.limit ?? 50)
}
