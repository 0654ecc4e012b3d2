import { describe, expect, it } from 'vitest'
import { serviceSaveInput } from '../../../src-main/contract/services'
import { AppError } from '../../../src-main/contract/result'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { getDraft, saveDraft } from '../../../src-main/services/drafts'
import { deleteService, getService, setFollowUpDone } from '../../../src-main/services/records'
import { tempArchive } from '../helpers/temp'
import { consultation, save, seedAsset, seedRoster, setOperator } from './helpers'

async function auditRows(archive: Awaited<ReturnType<typeof tempArchive>>) {
  return archive.db.selectFrom('audit_log').selectAll().where('entity', '=', 'service_record').orderBy('id').execute()
}

describe('the contract schema the entry form validates with', () => {
  it('asks a consultation for requester, requester type, channel and question, in Chinese', () => {
    const result = serviceSaveInput.safeParse({ kind: 'consultation', date: '2024-03-05' })
    expect(result.success).toBe(false)
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]))
    expect(byPath.requesterName).toMatch(/请填写咨询人/)
    expect(byPath.requesterType).toBe('请选择咨询人身份')
    expect(byPath.channel).toBe('请选择咨询方式')
    expect(byPath.question).toBe('请填写咨询内容')
  })

  it('refuses impossible dates, a follow-up before the consultation, and negative numbers', () => {
    const bad = (over: object) => serviceSaveInput.safeParse({ ...consultation(), ...over })
    expect(bad({ date: '2023-02-30' }).success).toBe(false)
    expect(bad({ date: '2024/03/05' }).success).toBe(false)
    const early = bad({ followUpDate: '2024-03-01' })
    expect(early.error!.issues[0]!.message).toBe('回访日期不能早于咨询日期')
    expect(bad({ durationMin: -5 }).success).toBe(false)
    expect(bad({ unknownField: 1 }).success).toBe(false)
    expect(bad({}).success).toBe(true)
  })

  it('asks each other kind for its own fields', () => {
    const issues = (input: object) => (serviceSaveInput.safeParse(input).error?.issues ?? []).map((i) => String(i.path[0]))
    expect(issues({ kind: 'training', date: '2024-03-05' })).toEqual(['title'])
    expect(issues({ kind: 'report', date: '2024-03-05' }).sort()).toEqual(['reportKind', 'requesterName', 'title'])
    expect(issues({ kind: 'navigation', date: '2024-03-05', title: '产业导航', startDate: '2024-05-01', endDate: '2024-04-01' })).toEqual(['endDate'])
    expect(issues({ kind: 'warning', date: '2024-03-05', title: '产业预警' })).toEqual([])
  })
})

describe('service records', () => {
  it('creates a consultation with a researcher as requester and links, and audits it', async () => {
    const archive = await tempArchive()
    await setOperator(archive.db, '王馆员')
    const ids = await seedRoster(archive.db)
    const assetId = await seedAsset(archive.db)
    const saved = await save(
      archive.db,
      consultation({ requesterName: '', college: '', requesterType: null, requesterResearcherId: ids.T19001!, researcherIds: [ids.T20417!], assetIds: [assetId], tags: ['查新', '查新', ' 电池 '] }),
    )
    // A chosen researcher fills in name, college and 教师.
    expect(saved.requesterName).toBe('周建华')
    expect(saved.college).toBe('材料科学与工程学院')
    expect(saved.requesterType).toBe('teacher')
    expect(saved.requesterStaffNo).toBe('T19001')
    expect(saved.tags).toEqual(['查新', '电池'])
    expect(saved.researchers.map((r) => r.name)).toEqual(['赵明'])
    expect(saved.assets).toEqual([{ id: assetId, kind: 'invention', appNo: '202310397744.0', title: '一种固态电解质及其制备方法' }])

    const audit = await auditRows(archive)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ operator: '王馆员', action: 'create', entity_id: String(saved.id), before: null })
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ requesterName: '周建华', assetIds: [assetId], researcherIds: [ids.T20417] })
  })

  it('clears the fields of other kinds when saving', async () => {
    const archive = await tempArchive()
    const saved = await save(archive.db, consultation({ attendees: 50, title: '不该保存', team: '不该保存', topic: '专利申请指导' }))
    expect(saved.attendees).toBeNull()
    expect(saved.title).toBe('')
    expect(saved.team).toBe('')
    const training = await save(archive.db, { kind: 'training', date: '2024-04-01', title: '专利检索实务培训', audience: '研究生', attendees: 120, hours: 2, organiser: '信息服务中心', topic: '不该保存', durationMin: 90 })
    expect(training).toMatchObject({ title: '专利检索实务培训', attendees: 120, hours: 2, topic: '', durationMin: null, requesterName: '' })
  })

  it('audits an edit with only the fields that changed, before and after; an unchanged save adds nothing', async () => {
    const archive = await tempArchive()
    await setOperator(archive.db, '陈晓')
    const saved = await save(archive.db, consultation())
    await save(archive.db, { ...consultation(), id: saved.id, answer: '补充：建议先做查新检索。', durationMin: 35 })
    await save(archive.db, { ...consultation(), id: saved.id, answer: '补充：建议先做查新检索。', durationMin: 35 })
    const audit = await auditRows(archive)
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])
    expect(JSON.parse(audit[1]!.before!)).toEqual({ answer: '讲解了关键词与 IPC 组合检索。', durationMin: 20 })
    expect(JSON.parse(audit[1]!.after!)).toEqual({ answer: '补充：建议先做查新检索。', durationMin: 35 })
    expect(audit[1]!.operator).toBe('陈晓')
  })

  it('deletes with an audit entry holding the record as it was, and its links go with it', async () => {
    const archive = await tempArchive()
    const ids = await seedRoster(archive.db)
    const saved = await save(archive.db, consultation({ researcherIds: [ids.T19001!] }))
    await deleteService(archive.db, saved.id)
    await expect(getService(archive.db, saved.id)).rejects.toMatchObject({ code: 'not_found' })
    expect(await archive.db.selectFrom('service_link').selectAll().execute()).toEqual([])
    const audit = await auditRows(archive)
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete'])
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ requesterName: '李晓雯', researcherIds: [ids.T19001] })
    expect((await verifyAuditChain(archive.db)).ok).toBe(true)
  })

  it('refuses a requester or link that is no longer in the archive, and writes nothing', async () => {
    const archive = await tempArchive()
    const error = await save(archive.db, consultation({ requesterResearcherId: 999 })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/不在科研人员名单中/)
    await expect(save(archive.db, consultation({ assetIds: [12345] }))).rejects.toMatchObject({ code: 'not_found' })
    expect(await archive.db.selectFrom('service_record').selectAll().execute()).toEqual([])
    expect(await auditRows(archive)).toEqual([])
  })

  it('marks a follow-up done (audited) and refuses one without a follow-up date', async () => {
    const archive = await tempArchive()
    const withFollowUp = await save(archive.db, consultation({ followUpDate: '2024-03-20' }))
    const row = await setFollowUpDone(archive.db, withFollowUp.id, true)
    expect(row.followUpDone).toBe(true)
    const audit = await auditRows(archive)
    expect(JSON.parse(audit[1]!.after!)).toEqual({ followUpDone: true })
    const without = await save(archive.db, consultation())
    await expect(setFollowUpDone(archive.db, without.id, true)).rejects.toMatchObject({ code: 'conflict' })
  })

  it('keeps a draft until the save that completes it, which discards it in the same transaction', async () => {
    const archive = await tempArchive()
    await saveDraft(archive.db, 'new', JSON.stringify({ requesterName: '李晓雯', question: '半句话' }))
    expect(JSON.parse((await getDraft(archive.db, 'new'))!.payload)).toEqual({ requesterName: '李晓雯', question: '半句话' })
    // A failed save keeps the draft.
    await expect(save(archive.db, consultation({ draftSlot: 'new', assetIds: [777] }))).rejects.toMatchObject({ code: 'not_found' })
    expect(await getDraft(archive.db, 'new')).not.toBeNull()
    await save(archive.db, consultation({ draftSlot: 'new' }))
    expect(await getDraft(archive.db, 'new')).toBeNull()
  })
})
