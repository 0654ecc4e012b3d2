import type { Kysely } from 'kysely'
import defaultTemplateJson from '../../resources/evaluation/default-template.json'
import { templateBodySchema, type TemplateBody, type TemplateRecord } from '../contract/evaluations'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'

// Indicator templates are data (resources/evaluation/default-template.json) and are versioned: the
// default becomes version 1 the first time an evaluation needs a template; editing weights or wording
// saves a new version; an evaluation points at the version it was made with (evaluation.template_id),
// so an old evaluation keeps its indicators, weights, scores and total whatever the centre edits later.

/** The shipped default, validated (a broken resource file fails loudly in tests, not at a user's desk). */
export function defaultTemplateBody(): TemplateBody {
  const parsed = templateBodySchema.safeParse(defaultTemplateJson)
  if (!parsed.success) {
    throw new Error(`resources/evaluation/default-template.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return parsed.data
}

type TemplateRow = { id: number; version: number; name: string; body: string; created_at: string }

function toRecord(row: TemplateRow): TemplateRecord {
  const parsed = templateBodySchema.safeParse(JSON.parse(row.body))
  if (!parsed.success) {
    throw new AppError('db_corrupt', `评估指标模板第 ${row.version} 版已损坏（${parsed.error.issues[0]?.message ?? '格式错误'}）。请从备份恢复档案。`)
  }
  return { id: row.id, version: row.version, name: row.name, body: parsed.data, createdAt: row.created_at }
}

/**
 * The template the next evaluation would use, for reading (the template page, exports): the newest
 * stored version, or — before any evaluation needed one — the shipped default shown as version 1 with
 * id 0. Never writes: looking at the template is not a reason to change the archive.
 */
export async function peekCurrentTemplate(db: Kysely<DB>): Promise<TemplateRecord> {
  const latest = await db.selectFrom('evaluation_template').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
  if (latest) return toRecord(latest)
  const body = defaultTemplateBody()
  return { id: 0, version: 1, name: body.name, body, createdAt: '' }
}

/** The newest template version, seeding the default as version 1 when the archive has none. */
export async function currentTemplate(db: Kysely<DB>): Promise<TemplateRecord> {
  const latest = await db.selectFrom('evaluation_template').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
  if (latest) return toRecord(latest)
  return inTransaction(db, async (trx) => {
    // Re-check inside the transaction: two first calls must not both seed.
    const again = await trx.selectFrom('evaluation_template').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
    if (again) return toRecord(again)
    const body = defaultTemplateBody()
    const row = await trx
      .insertInto('evaluation_template')
      .values({ version: 1, name: body.name, body: JSON.stringify(body), created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendAudit(trx, { operator: await getOperator(trx), action: 'create', entity: 'evaluation_template', entityId: row.id, after: { version: 1, name: body.name, source: 'default' } })
    return toRecord(row)
  })
}

export async function templateById(db: Kysely<DB>, id: number): Promise<TemplateRecord> {
  const row = await db.selectFrom('evaluation_template').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found', `找不到评估指标模板（编号 ${id}）。`)
  return toRecord(row)
}

export async function templateByVersion(db: Kysely<DB>, version: number): Promise<TemplateRecord> {
  const row = await db.selectFrom('evaluation_template').selectAll().where('version', '=', version).executeTakeFirst()
  if (!row) throw new AppError('not_found', `找不到第 ${version} 版评估指标模板。`)
  return toRecord(row)
}

export async function listTemplateVersions(db: Kysely<DB>): Promise<{ id: number; version: number; name: string; createdAt: string; evaluations: number }[]> {
  const rows = await db
    .selectFrom('evaluation_template as t')
    .leftJoin('evaluation as e', 'e.template_id', 't.id')
    .select(['t.id', 't.version', 't.name', 't.created_at'])
    .select((eb) => eb.fn.count<number>('e.id').as('n'))
    .groupBy('t.id')
    .orderBy('t.version', 'desc')
    .execute()
  if (!rows.length) {
    const peek = await peekCurrentTemplate(db)
    return [{ id: peek.id, version: peek.version, name: peek.name, createdAt: peek.createdAt, evaluations: 0 }]
  }
  return rows.map((r) => ({ id: r.id, version: r.version, name: r.name, createdAt: r.created_at, evaluations: Number(r.n) }))
}

/**
 * Save an edited template as the next version. Unchanged content is refused rather than versioned, so
 * pressing save twice does not create look-alike versions.
 */
export async function saveTemplate(db: Kysely<DB>, input: TemplateBody): Promise<TemplateRecord> {
  const parsed = templateBodySchema.safeParse(input)
  if (!parsed.success) {
    throw new AppError('invalid_input', `模板无效：${parsed.error.issues.slice(0, 3).map((i) => i.message).join('；')}`)
  }
  const body = parsed.data
  return inTransaction(db, async (trx) => {
    const current = await currentTemplate(trx)
    if (JSON.stringify(current.body) === JSON.stringify(body)) {
      throw new AppError('conflict', `模板与当前第 ${current.version} 版相同，未生成新版本。`)
    }
    const version = current.version + 1
    const row = await trx
      .insertInto('evaluation_template')
      .values({ version, name: body.name, body: JSON.stringify(body), created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      operator: await getOperator(trx),
      action: 'create',
      entity: 'evaluation_template',
      entityId: row.id,
      before: { version: current.version, weights: weightsOf(current.body), grades: current.body.grades.map((g) => [g.grade, g.min]) },
      after: { version, weights: weightsOf(body), grades: body.grades.map((g) => [g.grade, g.min]) },
    })
    return toRecord(row)
  })
}

function weightsOf(body: TemplateBody): Record<string, number> {
  return Object.fromEntries(body.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, i.weight])))
}

/** Every indicator of a template in order, with its dimension: what tables and exports iterate. */
export function indicatorsOf(body: TemplateBody) {
  return body.dimensions.flatMap((dimension) => dimension.indicators.map((indicator) => ({ dimension, indicator })))
}
