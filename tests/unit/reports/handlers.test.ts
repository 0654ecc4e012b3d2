import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChannelName } from '../../../src-main/contract/channels'
import type { JobProgress } from '../../../src-main/contract/events'
import { FileStore } from '../../../src-main/core/files'
import { ArchiveSession } from '../../../src-main/core/session'
import { docxText } from '../../../src-main/docx'
import type { PlatformHooks } from '../../../src-main/ipc/context'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'
import type { HandlerMap } from '../../../src-main/ipc/context'
import { onCleanup, tempDir } from '../helpers/temp'
import { seedFixture, expectedByKind } from './fixture'

const sender = { kind: 'cli' } as const

async function setup(platform: PlatformHooks) {
  const session = new ArchiveSession()
  const archive = await session.open(join(tempDir(), 'a.sqlite'))
  const files = new FileStore()
  onCleanup(async () => {
    await session.close()
    files.dispose()
  })
  const progress: JobProgress[] = []
  const dispatcher = new Dispatcher(
    handlers as HandlerMap<ChannelName>,
    () => ({ session, files, transport: 'electron', platform, emit: (event, payload) => event === 'job:progress' && progress.push(payload as JobProgress), appVersion: 'test' }),
    () => {},
  )
  const call = async (channel: string, input: unknown) => {
    const result = await dispatcher.dispatch(channel, input, sender)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as never
  }
  return { archive, files, dispatcher, call, progress }
}

describe('reports channels', () => {
  it('preview, narrative and export go through the contract; export reports progress and writes both files', async () => {
    const { archive, files, call, progress } = await setup({ pickFile: async () => null, saveFile: async () => null })
    const fx = seedFixture(archive, 4, 300)

    const years = (await call('reports:years', {})) as { years: number[]; defaultYear: number }
    expect(years.years).toContain(2024)
    expect(years.years).toContain(years.defaultYear)

    const preview = (await call('reports:annual', { year: 2024 })) as { patents: { grants: { counts: { total: number } }[] }; sheets: { name: string }[] }
    expect(preview.patents.grants[2]!.counts.total).toBe(expectedByKind(fx, 'grant', 2024).total)
    expect(preview.sheets.map((s) => s.name)).toContain('授权明细')

    await call('reports:saveNarrative', { year: 2024, highlights: '亮点一', problems: '', plans: '' })
    expect(await call('reports:narrative', { year: 2024 })).toMatchObject({ highlights: '亮点一' })

    const out = (await call('reports:export', { jobId: 'job-1', year: 2024 })) as { docx: { ref: string; name: string }; xlsx: { ref: string; name: string } }
    expect(out.docx.name).toBe('年度工作报告_2024.docx')
    expect(out.xlsx.name).toBe('年度工作统计_2024.xlsx')
    expect(await docxText(files.resolve(out.docx.ref).path)).toContain('亮点一')
    expect(files.resolve(out.xlsx.ref).origin).toBe('output')
    expect(progress.length).toBeGreaterThan(1)
    expect(progress[progress.length - 1]).toMatchObject({ jobId: 'job-1', phase: '完成' })

    const bad = await (await setup({ pickFile: async () => null, saveFile: async () => null })).dispatcher.dispatch('reports:annual', { year: 1900 }, sender)
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('reveal shows a saved copy of an export in the file manager, and nothing else', async () => {
    const shown: string[] = []
    const { archive, files, call, dispatcher } = await setup({ pickFile: async () => null, saveFile: async () => null, showItemInFolder: async (path) => void shown.push(path) })
    seedFixture(archive, 4, 50)
    const out = (await call('reports:export', { jobId: 'job-2', year: 2024 })) as { docx: { ref: string } }
    const saved = join(tempDir(), '报告.docx')
    copyFileSync(files.resolve(out.docx.ref).path, saved)
    await call('reports:reveal', { ref: out.docx.ref, savedTo: saved })
    expect(shown).toEqual([saved])

    const other = join(tempDir(), 'other.docx')
    writeFileSync(other, 'not the report')
    for (const savedTo of [other, join(tempDir(), 'missing.docx'), 'relative.docx']) {
      expect(await dispatcher.dispatch('reports:reveal', { ref: out.docx.ref, savedTo }, sender)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
    expect(shown).toHaveLength(1)
  })

  it('reveal is unsupported where the platform cannot open folders (web host)', async () => {
    const { archive, files, call, dispatcher } = await setup({ pickFile: async () => null, saveFile: async () => null })
    seedFixture(archive, 4, 20)
    const out = (await call('reports:export', { jobId: 'job-3', year: 2024 })) as { xlsx: { ref: string } }
    const saved = join(tempDir(), 'a.xlsx')
    copyFileSync(files.resolve(out.xlsx.ref).path, saved)
    expect(await dispatcher.dispatch('reports:reveal', { ref: out.xlsx.ref, savedTo: saved }, sender)).toMatchObject({ ok: false, error: { code: 'unsupported' } })
  })
})
