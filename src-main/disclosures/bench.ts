import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { applicationCheckChar, parseApplicationNumber } from '../domain/cn-number'
import { sheet, writeWorkbook } from '../spreadsheet'
import { TEMPLATE_COLUMNS } from './template'

// For the benchmark's verify slot (src-main/bench/slots.ts): a claim sheet of `count` rows drawn from the
// archive's own numbers — most right, some with a wrong rank, a claimed grant, a mistyped check character
// or a number the archive does not hold — for the researcher with the most linked rights. Time it with
// `ipdesk verify FILE --researcher STAFF_NO --db DB --out DIR --json`, whose output carries
// `timings.verifyMs` (the verification service alone: no reading of the sheet, no Word or Excel writing).

const KIND_WORDS: Record<string, string> = { invention: '发明', utility: '实用新型', design: '外观设计', software: '软件著作权' }

export async function writeBenchClaims(db: Kysely<DB>, path: string, count = 1000): Promise<{ staffNo: string; rows: number }> {
  const top = await db
    .selectFrom('asset_inventor as ai')
    .innerJoin('researcher as r', 'r.id', 'ai.researcher_id')
    .select(['r.id', 'r.staff_no'])
    .where('ai.link_state', 'in', ['confirmed', 'suggested'])
    .groupBy('r.id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('r.id')
    .limit(1)
    .executeTakeFirst()
  if (!top) throw new Error('档案中没有已关联发明人的科研人员，无法生成基准清单')
  const own = await db
    .selectFrom('asset_inventor as ai')
    .innerJoin('ip_asset as a', 'a.id', 'ai.asset_id')
    .select(['a.kind', 'a.app_no', 'a.title', 'a.grant_date', 'ai.rank'])
    .where('ai.researcher_id', '=', top.id)
    .execute()
  const others = await db.selectFrom('ip_asset').select(['kind', 'app_no', 'title', 'grant_date']).orderBy('id').limit(count).execute()
  const pool = [...own, ...others.map((o) => ({ ...o, rank: 1 }))]
  const rows: (string | number | null)[][] = []
  for (let i = 0; i < count; i++) {
    const a = pool[i % pool.length]!
    let number = a.app_no
    let rank = a.rank
    let status = a.kind === 'software' ? '登记' : a.grant_date ? '授权' : '申请'
    const parsed = parseApplicationNumber(a.app_no)
    if (i % 10 === 3) rank += 1
    if (i % 10 === 5) status = '授权'
    if (i % 10 === 7 && parsed) number = `${parsed.digits}.${applicationCheckChar(parsed.digits) === '1' ? '2' : '1'}`
    if (i % 10 === 9) {
      const digits = `2025109${String(900000 + i).slice(-5)}`
      number = `${digits}.${applicationCheckChar(digits)}`
    }
    rows.push([i + 1, KIND_WORDS[a.kind] ?? '', number, a.title, rank, status, null, null])
  }
  await writeWorkbook(path, [
    sheet<(string | number | null)[]>({
      name: '披露清单',
      columns: TEMPLATE_COLUMNS.map((header, c) => ({ header, kind: c === 0 || c === 4 ? 'integer' : 'text', value: (r) => r[c] ?? null })),
      rows,
    }),
  ])
  return { staffNo: top.staff_no, rows: rows.length }
}
