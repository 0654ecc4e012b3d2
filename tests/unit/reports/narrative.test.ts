import { describe, expect, it } from 'vitest'
import { getNarrative, saveNarrative } from '../../../src-main/reports/narrative'
import { updateSettings } from '../../../src-main/settings/service'
import { tempArchive } from '../helpers/temp'

describe('the per-year narrative (section 六)', () => {
  it('is empty until saved, then kept per year with who and when', async () => {
    const archive = await tempArchive()
    await updateSettings(archive.db, { operatorName: '李管理员' })
    expect(await getNarrative(archive.db, 2025)).toEqual({ year: 2025, highlights: '', problems: '', plans: '', updatedAt: null, updatedBy: null })
    const saved = await saveNarrative(archive.db, 2025, { highlights: '建成专利导航平台。\r\n服务 30 家企业。  ', problems: '人手不足', plans: '扩大培训' })
    expect(saved).toMatchObject({ year: 2025, highlights: '建成专利导航平台。\n服务 30 家企业。', problems: '人手不足', plans: '扩大培训', updatedBy: '李管理员' })
    expect(saved.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(await getNarrative(archive.db, 2025)).toEqual(saved)
    expect((await getNarrative(archive.db, 2024)).highlights).toBe('')
    const row = archive.sqlite.prepare('SELECT highlights, updated_by FROM report_narrative WHERE year = 2025').get()
    expect(row).toEqual({ highlights: '建成专利导航平台。\n服务 30 家企业。', updated_by: '李管理员' })
  })

  it('writes an audit entry per change and nothing for an unchanged autosave', async () => {
    const archive = await tempArchive()
    const audits = () => archive.sqlite.prepare("SELECT action, entity_id, before, after FROM audit_log WHERE entity = 'report_narrative' ORDER BY id").all() as { action: string; entity_id: string; before: string | null; after: string }[]
    await saveNarrative(archive.db, 2025, { highlights: 'a', problems: '', plans: '' })
    await saveNarrative(archive.db, 2025, { highlights: 'a ', problems: '', plans: '' }) // same after cleaning
    await saveNarrative(archive.db, 2025, { highlights: 'ab', problems: '', plans: '' })
    const entries = audits()
    expect(entries.map((e) => e.action)).toEqual(['create', 'update'])
    expect(entries.every((e) => e.entity_id === '2025')).toBe(true)
    expect(JSON.parse(entries[1]!.before!)).toEqual({ highlights: 'a', plans: '', problems: '' })
    expect(JSON.parse(entries[1]!.after)).toEqual({ highlights: 'ab', plans: '', problems: '' })
  })
})
