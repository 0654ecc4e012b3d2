import type { Kysely } from 'kysely'
import type { Narrative } from '../contract/reports'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'

// Section 六 of the annual report (工作亮点、存在问题、下一步计划): text the IP manager writes in the app,
// one record per year, kept in the archive so it travels with the figures it comments on.

export interface NarrativeText {
  highlights: string
  problems: string
  plans: string
}

export async function getNarrative(db: Kysely<DB>, year: number): Promise<Narrative> {
  const row = await db.selectFrom('report_narrative').selectAll().where('year', '=', year).executeTakeFirst()
  if (!row) return { year, highlights: '', problems: '', plans: '', updatedAt: null, updatedBy: null }
  return { year, highlights: row.highlights, problems: row.problems, plans: row.plans, updatedAt: row.updated_at, updatedBy: row.updated_by }
}

/** Trailing spaces and Windows line ends are not worth a new version of the text. */
function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\s+$/, '')
}

/**
 * Save the year's text (the page autosaves while typing). An unchanged text writes nothing — neither
 * the row nor an audit entry — so autosave does not flood the audit log.
 */
export async function saveNarrative(db: Kysely<DB>, year: number, text: NarrativeText): Promise<Narrative> {
  return inTransaction(db, async (trx) => {
    const before = await getNarrative(trx, year)
    const next = { highlights: clean(text.highlights), problems: clean(text.problems), plans: clean(text.plans) }
    if (next.highlights === before.highlights && next.problems === before.problems && next.plans === before.plans) return before
    const operator = await getOperator(trx)
    const at = nowIso()
    await trx
      .insertInto('report_narrative')
      .values({ year, ...next, updated_at: at, updated_by: operator })
      .onConflict((oc) => oc.column('year').doUpdateSet({ ...next, updated_at: at, updated_by: operator }))
      .execute()
    await appendAudit(trx, {
      operator,
      action: before.updatedAt ? 'update' : 'create',
      entity: 'report_narrative',
      entityId: year,
      before: before.updatedAt ? { highlights: before.highlights, problems: before.problems, plans: before.plans } : undefined,
      after: next,
    })
    return { year, ...next, updatedAt: at, updatedBy: operator }
  })
}
