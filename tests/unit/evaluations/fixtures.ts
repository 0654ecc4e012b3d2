import type { Kysely } from 'kysely'
import type { EvaluationFields, Scores, TemplateBody } from '../../../src-main/contract/evaluations'
import type { AssetKind, DB } from '../../../src-main/db/schema'
import { indicatorsOf } from '../../../src-main/evaluations/template'

// Small real rows for the evaluation tests: researchers, assets with inventors, and score sheets.

const NOW = '2025-01-01T00:00:00.000Z'

export async function addResearcher(db: Kysely<DB>, name: string, staffNo: string, college = '材料科学与工程学院', initials = ''): Promise<number> {
  const row = await db
    .insertInto('researcher')
    .values({ staff_no: staffNo, name, name_initials: initials, college, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface AssetSpec {
  kind?: AssetKind
  appNo: string
  title: string
  filingDate: string
  ipcMain?: string | null
  abstract?: string
  pubNo?: string | null
  inventors?: { name: string; researcherId?: number | null }[]
}

export async function addAsset(db: Kysely<DB>, spec: AssetSpec): Promise<number> {
  const row = await db
    .insertInto('ip_asset')
    .values({
      kind: spec.kind ?? 'invention',
      app_no: spec.appNo,
      title: spec.title,
      filing_date: spec.filingDate,
      ipc_main: spec.ipcMain ?? null,
      abstract: spec.abstract ?? '',
      pub_no: spec.pubNo ?? null,
      university_owned: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  let rank = 1
  for (const inventor of spec.inventors ?? []) {
    await db
      .insertInto('asset_inventor')
      .values({ asset_id: row.id, rank: rank++, raw_name: inventor.name, researcher_id: inventor.researcherId ?? null, link_state: inventor.researcherId ? 'confirmed' : 'external' })
      .execute()
  }
  return row.id
}

/** Every weighted indicator of the template at the same score. */
export function uniformScores(body: TemplateBody, score: number): Scores {
  return Object.fromEntries(indicatorsOf(body).map(({ indicator }) => [indicator.id, { score, comment: '' }]))
}

/** A form filled enough to be submitted. */
export function readyFields(body: TemplateBody, overrides: Partial<EvaluationFields> = {}): Partial<EvaluationFields> {
  return {
    title: '一种锂离子电池正极材料的制备方法',
    inventors: [{ name: '张三', researcherId: null, college: '', external: true }],
    scores: uniformScores(body, 4),
    recommendation: 'invention',
    ...overrides,
  }
}
