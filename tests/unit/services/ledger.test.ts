import type { Compilable } from 'kysely'
import { describe, expect, it } from 'vitest'
import { serviceListInput, type ServiceListInput } from '../../../src-main/contract/services'
import type { Archive } from '../../../src-main/db/connection'
import { applyFilters, followUpsDue, listServices, serviceOptions, servicesForResearcher } from '../../../src-main/services/ledger'
import { rowQuery } from '../../../src-main/services/records'
import { tempArchive } from '../helpers/temp'
import { consultation, save, seedRoster, setOperator } from './helpers'

async function seedLedger(archive: Archive) {
  const ids = await seedRoster(archive.db)
  const a = await save(archive.db, consultation({ date: '2024-01-10', channel: 'phone', requesterType: 'student', requesterName: '李晓雯', college: '计算机科学与技术学院', topic: '检索策略与数据库使用', staff: '王馆员', question: '数据库检索', tags: ['incoPat'] }))
  const b = await save(archive.db, consultation({ date: '2024-02-15', channel: 'window', requesterResearcherId: ids.T19001!, requesterName: '', college: '', requesterType: null, topic: '专利申请指导', staff: '陈晓', question: '查新检索', followUpDate: '2024-03-01' }))
  const c = await save(archive.db, consultation({ date: '2024-03-20', channel: 'online', requesterType: 'enterprise', requesterName: '杭州某新材料有限公司', college: '', topic: '转化运用', staff: '陈晓', question: '许可条件', followUpDate: '2099-01-01' }))
  const d = await save(archive.db, { kind: 'training', date: '2024-03-14', title: '专利检索实务培训', audience: '研究生', attendees: 120, hours: 2, organiser: '信息服务中心', staff: '刘洋', college: '研究生院' })
  const e = await save(archive.db, { kind: 'report', date: '2024-04-02', requesterName: '赵明', requesterType: 'teacher', college: '化学工程学院', reportKind: '查新报告', title: '固态电解质查新报告', deliveredDate: '2024-04-16', pages: 28, staff: '陈晓', researcherIds: [ids.T19001!] })
  const f = await save(archive.db, consultation({ date: '2023-12-28', channel: 'window', requesterType: 'teacher', requesterName: '赵明', college: '化学工程学院', topic: '职务发明与权属', staff: '王馆员', question: '横向项目权属', followUpDate: '2024-01-05' }))
  return { ids, a, b, c, d, e, f }
}

const list = (archive: Archive, input: ServiceListInput) => listServices(archive.db, serviceListInput.parse(input))
const idsOf = (r: { items: { id: number }[] }) => r.items.map((i) => i.id)

function plan(archive: Archive, query: Compilable): string {
  const compiled = query.compile()
  const rows = archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
  return rows.map((r) => r.detail).join('\n')
}

describe('the ledger list', () => {
  it('lists newest first and filters by date range, kind, channel, requester type, topic, college and staff', async () => {
    const archive = await tempArchive()
    const { a, b, c, d, e, f } = await seedLedger(archive)
    expect(idsOf(await list(archive, {}))).toEqual([e.id, c.id, d.id, b.id, a.id, f.id])
    expect(idsOf(await list(archive, { from: '2024-01-01', to: '2024-03-15' }))).toEqual([d.id, b.id, a.id])
    expect(idsOf(await list(archive, { kinds: ['training', 'report'] }))).toEqual([e.id, d.id])
    expect(idsOf(await list(archive, { channels: ['window'] }))).toEqual([b.id, f.id])
    expect(idsOf(await list(archive, { requesterTypes: ['teacher'] }))).toEqual([e.id, b.id, f.id])
    expect(idsOf(await list(archive, { topic: '转化运用' }))).toEqual([c.id])
    expect(idsOf(await list(archive, { college: '化学工程' }))).toEqual([e.id, f.id])
    expect(idsOf(await list(archive, { staff: '陈晓', kinds: ['consultation'] }))).toEqual([c.id, b.id])
  })

  it('searches the words of a record (two-character Chinese terms too), the tags and the requester 工号', async () => {
    const archive = await tempArchive()
    const { a, b, c, e, f } = await seedLedger(archive)
    expect(idsOf(await list(archive, { q: '许可' }))).toEqual([c.id])
    expect(idsOf(await list(archive, { q: '查新' }))).toEqual([e.id, b.id])
    expect(idsOf(await list(archive, { q: 'incopat' }))).toEqual([a.id])
    expect(idsOf(await list(archive, { q: 'T19001' }))).toEqual([b.id])
    expect(idsOf(await list(archive, { q: '赵明 权属' }))).toEqual([f.id])
    expect(idsOf(await list(archive, { q: '100%' }))).toEqual([])
  })

  it('pages with a total', async () => {
    const archive = await tempArchive()
    const { c, d, e } = await seedLedger(archive)
    const page1 = await list(archive, { limit: 2 })
    expect(page1.total).toBe(6)
    expect(idsOf(page1)).toEqual([e.id, c.id])
    expect(idsOf(await list(archive, { limit: 2, offset: 2 }))[0]).toBe(d.id)
  })

  it('uses the date index for a date range and the follow-up and requester indexes for their views', async () => {
    const archive = await tempArchive()
    await seedLedger(archive)
    const byDate = plan(archive, applyFilters(rowQuery(archive.db), serviceListInput.parse({ from: '2024-01-01', to: '2024-12-31' })).orderBy('s.date', 'desc'))
    expect(byDate).toMatch(/USING INDEX service_record_(kind_)?date/)
    expect(byDate).not.toMatch(/SCAN s\b/)
    const followUps = plan(
      archive,
      rowQuery(archive.db).where('s.follow_up_done', '=', 0).where('s.follow_up_date', 'is not', null).where('s.follow_up_date', '<=', '2024-12-31').orderBy('s.follow_up_date'),
    )
    expect(followUps).toMatch(/USING INDEX service_record_follow_up/)
    const ids = archive.db
      .selectFrom('service_record')
      .select('id')
      .where('requester_researcher_id', '=', 1)
      .union(archive.db.selectFrom('service_link').select('service_id as id').where('researcher_id', '=', 1))
    const researcher = plan(archive, rowQuery(archive.db).where('s.id', 'in', ids))
    expect(researcher).toMatch(/service_record_requester/)
    expect(researcher).toMatch(/service_link_researcher/)
  })
})

describe('follow-ups and a researcher’s records', () => {
  it('lists follow-ups not done up to today + N days, most overdue first', async () => {
    const archive = await tempArchive()
    const { b, c, f } = await seedLedger(archive)
    const due = await followUpsDue(archive.db, { withinDays: 14, offset: 0, limit: 50 }, '2024-03-10')
    expect(idsOf(due)).toEqual([f.id, b.id])
    expect(due.total).toBe(2)
    const far = await followUpsDue(archive.db, { withinDays: 3650, offset: 0, limit: 50 }, '2090-01-01')
    expect(idsOf(far)).toEqual([f.id, b.id, c.id])
  })

  it('finds the records where a researcher asked or was linked', async () => {
    const archive = await tempArchive()
    const { ids, b, e } = await seedLedger(archive)
    const mine = await servicesForResearcher(archive.db, { researcherId: ids.T19001!, offset: 0, limit: 20 })
    expect(idsOf(mine)).toEqual([e.id, b.id])
    expect(mine.total).toBe(2)
    expect((await servicesForResearcher(archive.db, { researcherId: ids.T22001!, offset: 0, limit: 20 })).total).toBe(0)
  })
})

describe('entry-form defaults', () => {
  it('offers today, the operator, the last channel typed by hand, standard and used topics, colleges', async () => {
    const archive = await tempArchive()
    await setOperator(archive.db, '王馆员')
    await seedLedger(archive)
    const options = await serviceOptions(archive.db)
    expect(options.operator).toBe('王馆员')
    expect(options.today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // The last consultation saved (f, dated 2023 but entered last) was at the window.
    expect(options.lastChannel).toBe('window')
    expect(options.topics.slice(0, 3)).toEqual(['知识产权基础知识', '检索策略与数据库使用', '法律与政策'])
    expect(options.colleges).toContain('材料科学与工程学院')
    expect(options.colleges).toContain('研究生院')
    expect(options.staff).toEqual(expect.arrayContaining(['王馆员', '陈晓', '刘洋']))
    expect(options.tags).toEqual(['incoPat'])
  })
})
