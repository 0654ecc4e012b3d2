import type { Kysely } from 'kysely'
import type { ClaimInput } from '../contract/disclosures'
import { todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { applicationCheckChar, parseApplicationNumber } from '../domain/cn-number'
import { createDisclosure, getDisclosure, overrideItem, setItemNote, signDisclosure } from './service'

// Demo disclosures for the demo archive: a few researchers' claim lists as they really come in — mostly
// right, with a wrong rank, a mistyped check character, a claimed grant that is still pending, a patent
// not in the archive — two of them signed, two still under review (one with a librarian's override).

export interface DemoDisclosureOptions {
  /** YYYY-MM-DD the demo is "today" (the seed's today). */
  today?: string
  operator?: string
}

interface OwnAsset {
  kind: DB['ip_asset']['kind']
  app_no: string
  title: string
  filing_date: string | null
  grant_date: string | null
  status_group: string
  rank: number
}

function claimOf(a: OwnAsset, seq: number, changes: Partial<ClaimInput> = {}): ClaimInput {
  const granted = a.grant_date !== null
  return {
    seq,
    kind: a.kind,
    number: a.app_no,
    title: a.title,
    rank: a.rank,
    status: a.kind === 'software' ? 'registered' : granted ? 'granted' : 'applied',
    date: granted ? a.grant_date : a.filing_date,
    ...changes,
  }
}

function wrongCheck(appNo: string): string {
  const parsed = parseApplicationNumber(appNo)
  if (!parsed) return `${appNo}1`
  const right = applicationCheckChar(parsed.digits)
  return `${parsed.digits}.${right === '1' ? '2' : '1'}`
}

function daysBefore(iso: string, days: number): Date {
  return new Date(Date.parse(`${iso}T10:30:00`) - days * 86_400_000)
}

/** Adds four disclosures (two signed) to a seeded demo archive. Returns their ids. */
export async function seedDemoDisclosures(trx: Kysely<DB>, options: DemoDisclosureOptions = {}): Promise<number[]> {
  const today = options.today ?? todayIso()
  const year = Number(today.slice(0, 4))
  const operator = options.operator ?? '演示馆员'
  // Researchers with at least four patents confirmed to them, in a stable order.
  const people = await trx
    .selectFrom('asset_inventor')
    .select(['researcher_id'])
    .where('link_state', '=', 'confirmed')
    .where('researcher_id', 'is not', null)
    .groupBy('researcher_id')
    .having((eb) => eb.fn.countAll(), '>=', 4)
    .orderBy('researcher_id')
    .limit(4)
    .execute()
  const ids: number[] = []
  for (const [index, person] of people.entries()) {
    const researcherId = person.researcher_id!
    const own: OwnAsset[] = await trx
      .selectFrom('asset_inventor as ai')
      .innerJoin('ip_asset as a', 'a.id', 'ai.asset_id')
      .select(['a.kind', 'a.app_no', 'a.title', 'a.filing_date', 'a.grant_date', 'a.status_group', 'ai.rank'])
      .where('ai.researcher_id', '=', researcherId)
      .where('ai.link_state', '=', 'confirmed')
      .where('a.university_owned', '=', 1)
      .orderBy('a.filing_date', 'desc')
      .execute()
    if (own.length < 3) continue
    const claims: ClaimInput[] = own.slice(0, 3).map((a, i) => claimOf(a, i + 1))
    const pending = own.find((a) => a.kind === 'invention' && a.grant_date === null && a.status_group === 'pending')
    switch (index) {
      case 0:
        claims.push(claimOf(own[3] ?? own[0]!, 4, { rank: (own[3] ?? own[0]!).rank + 1 }))
        claims.push(claimOf(own[0]!, 5, { number: wrongCheck(own[0]!.app_no) }))
        // A valid number the archive does not hold (serials of the demo stay below 1,000,000).
        claims.push({ seq: 6, kind: 'invention', number: `${year - 1}10999001.${applicationCheckChar(`${year - 1}10999001`)}`, title: own[1]!.title, rank: 1, status: 'applied' })
        break
      case 1:
        if (pending) claims.push(claimOf(pending, 4, { status: 'granted', date: null }))
        break
      case 2:
        claims.push(claimOf(own[0]!, 4, { title: `${own[0]!.title.replace(/^一种/, '')}的改进` }))
        break
      default:
        claims.push(claimOf(own[1]!, 4, { rank: own[1]!.rank === 1 ? 2 : 1 }))
        break
    }
    const purpose = ['职称评审', '考核', '项目结题', '职务科技成果披露'][index] ?? '其他'
    const created = daysBefore(today, 40 - index * 9)
    const id = await createDisclosure(
      trx,
      {
        researcherId,
        purpose,
        periodFrom: index === 1 ? `${year - 1}-01-01` : `${year - 5}-01-01`,
        periodTo: index === 1 ? `${year - 1}-12-31` : today,
        sourceFile: index < 2 ? '披露清单.xlsx' : '',
        note: index === 0 ? '申报高级职称使用。' : '',
        items: claims,
      },
      { operator, now: created },
    )
    const detail = await getDisclosure(trx, id)
    if (index === 0) {
      const mistyped = detail.items.find((i) => i.verdict === 'invalid_number')
      if (mistyped) await setItemNote(trx, mistyped.id, '本人当场核对证书，确认为抄写错误。', { operator })
    }
    if (index === 3) {
      const item = detail.items.find((i) => i.verdict !== 'consistent') ?? detail.items[0]!
      if (item.verdict !== 'consistent') await overrideItem(trx, item.id, 'consistent', '证书原件注明本人与他人并列，已查验。', { operator, now: created })
    }
    if (index < 2) await signDisclosure(trx, id, { operator, now: new Date(created.getTime() + 2 * 3_600_000) })
    ids.push(id)
  }
  return ids
}
