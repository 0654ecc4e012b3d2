import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, getChannel, type ChannelName } from '../../../src-main/contract/channels'
import type { Result } from '../../../src-main/contract/result'
import { FileStore } from '../../../src-main/core/files'
import { ArchiveSession } from '../../../src-main/core/session'
import { seedDemo } from '../../../src-main/demo/seed'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'

// User text never breaks a search (issue 8, item 4). A corpus of nasty strings — FTS5 syntax (quotes,
// *, NEAR, AND/OR/NOT, parentheses, column filters, ^), unbalanced brackets, SQL, control characters,
// invisible and right-to-left marks, emoji, lone surrogates, 10,000-character strings — goes through
// 'archive:search' and every other channel that takes a search text `q`, via the dispatcher as the
// window calls it. Each call must come back as a Result: text the contract accepts is searched (ok),
// text it refuses (too long) is 'invalid_input' — never an internal error, never a write.
// (tests/unit/archive/search.test.ts checks the query builder and the meaning of such characters.)

function nastyStrings(): string[] {
  const fts = [
    '"', '""', '"""', '"电池', '电池"', '"电池" "芯片"', '"电池 芯片', '*', '**', '电*', '*电池', '电池*', '电 *', '* 电池',
    'NEAR', 'near', 'NEAR(电池 芯片)', 'NEAR(电池 芯片, 2)', 'NEAR(', 'NEAR/3', '电池 NEAR 芯片', 'NEAR(NEAR(NEAR(',
    'AND', 'OR', 'NOT', 'AND OR NOT', '电池 AND', 'OR 电池', '电池 OR', '电池 NOT 芯片', 'NOT 电池', '电池 AND NOT 芯片', 'and or not',
    '-', '--', '-电池', '电池 -芯片', '+电池', '^电池', '^', '电池^', '~电池',
    '(', ')', '((', '))', '()', '(电池', '电池)', '(电池 OR 芯片)', ')电池(', '((((((((((电池', '[', ']', '[电池]', '{', '}', '{title}', '{title abstract}:电池',
    'title:', 'title:电池', 'abstract:电池', 'app_no:2023', 'rowid:1', 'asset_search:电池', ':', '::', '电池:', ':电池', '- title:电池', 'title : 电池', 'ti*:电池',
    '.', ',', ';', '!', '?', '#', '$', '&', '|', '||', '<', '>', '=', '==', '`', '@', '/', '\\', '\\\\', '%', '_', '%电池%', '_池',
  ]
  const sql = ["'", "''", "'; DROP TABLE ip_asset; --", "' OR 1=1 --", '"; SELECT * FROM audit_log; --', '1; DELETE FROM researcher', "电池' AND '1'='1", '/* 电池 */', '电池 -- x']
  const control = ['\u0000', '电池\u0000', '\u0000电池', '\u0001\u0002\u0003', '\u001b[31m电池', '\t', '\n', '\r\n', '电池\n芯片', '\u0008', '\u007f', '\u0085', '\u2028电池\u2029']
  const invisible = [' ', '   ', '\u3000', '\u00a0', '\u200b', '\u200b电池\u200b', '\ufeff', '\ufeff电池', '\u202e电池', '\u202eledom\u202c', '\u200f\u200e', '\u2066电池\u2069', '\u0301', '电\u0301池']
  const scripts = ['🔋', '🔋电池', '电池😀', '👩‍🔬', '👨‍👩‍👧‍👦', '🇨🇳', '𠮷', '𠮷野家', '𬌗', '\ud800', '\udfff', '电\ud800池', 'ＣＮ２０２３', '＂电池＂', '“电池”', '《电池》', '【电池】', 'Ｎｅａｒ（电池）', 'مرحبا', 'שלום עולם', 'Ἀθῆναι', 'Ω≈ç√∫', 'ﷺ', 'ß', 'İ']
  const numbers = ['CN202310397744.0', 'ZL202310397744.0', '202310397744.X', '202310397744.1', '2023103977440', '2023 1 0397744.0', 'CN', 'ZL', '.', '0', '-1', '1e999', 'NaN', 'Infinity', '99112345.x', 'CN114081026A', '2026SR0581563']
  const long = [
    '电'.repeat(200), 'a'.repeat(200), '"'.repeat(200), '('.repeat(200), '*'.repeat(200), 'NEAR('.repeat(40), 'OR '.repeat(66), '电池 '.repeat(66), '𠮷'.repeat(100),
    'a'.repeat(10_000), '电'.repeat(10_000), '"'.repeat(10_000), ' '.repeat(10_000), 'NEAR('.repeat(2_000), '电池 OR '.repeat(2_000),
  ]
  const markup = ['<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}', '../../etc/passwd', 'C:\\Windows', '%s%s%s%n', '\\u0000']
  return [...fts, ...sql, ...control, ...invisible, ...scripts, ...numbers, ...long, ...markup]
}

const cli = { kind: 'cli' } as const
let dir: string
let session: ArchiveSession
let files: FileStore
let dispatcher: Dispatcher
const internal: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipdesk-search-text-'))
  session = new ArchiveSession()
  const archive = await session.open(join(dir, 'archive.sqlite'))
  await seedDemo(archive.db, { scale: 1, today: '2025-06-30' })
  files = new FileStore()
  dispatcher = new Dispatcher(
    handlers,
    () => ({ session, files, transport: 'web', platform: { pickFile: async () => null, saveFile: async () => null }, emit: () => {}, appVersion: '0.0.0-test' }),
    (message, error) => internal.push(`${message} ${String(error)}`),
  )
}, 120_000)

afterAll(async () => {
  await session.close()
  files.dispose()
  rmSync(dir, { recursive: true, force: true })
})

/** Channels whose input takes a search text `q` and needs nothing else. */
function searchChannels(): ChannelName[] {
  return CHANNEL_NAMES.filter((name) => {
    const input = getChannel(name).input
    return input instanceof z.ZodObject && 'q' in (input.shape as Record<string, unknown>) && input.safeParse({ q: '电池' }).success
  })
}

const changes = () => (session.archive.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n

describe('user text never breaks a search', () => {
  it('the corpus and the channels are what this test means', () => {
    const strings = nastyStrings()
    expect(strings.length).toBeGreaterThan(180)
    expect(strings.some((s) => s.length === 10_000)).toBe(true)
    expect(searchChannels()).toEqual(expect.arrayContaining(['archive:search', 'researchers:search', 'projects:search', 'services:list', 'disclosures:list', 'pool:list']))
  })

  it.each(searchChannels().map((n) => [n]))('%s answers every nasty string with a Result: ok, or invalid_input when the contract refuses it', async (name) => {
    const spec = getChannel(name)
    // The first call may bring the search index up to date: that write is not the search's.
    const warm = (await dispatcher.dispatch(name, { q: '电池' }, cli)) as Result<unknown>
    expect(warm.ok, JSON.stringify(warm).slice(0, 300)).toBe(true)
    const before = changes()
    const problems: string[] = []
    for (const q of nastyStrings()) {
      const accepted = spec.input.safeParse({ q }).success
      let result: Result<unknown>
      try {
        result = (await dispatcher.dispatch(name, { q }, cli)) as Result<unknown>
      } catch (error) {
        problems.push(`${JSON.stringify(q).slice(0, 60)}: threw ${String(error)}`)
        continue
      }
      if (accepted && !result.ok) problems.push(`${JSON.stringify(q).slice(0, 60)}: ${result.error.code} ${result.error.message.slice(0, 160)}`)
      if (!accepted && (result.ok || result.error.code !== 'invalid_input')) problems.push(`${JSON.stringify(q).slice(0, 60)}: expected invalid_input, got ${JSON.stringify(result).slice(0, 160)}`)
    }
    expect(problems).toEqual([])
    expect(changes(), 'a search wrote to the archive').toBe(before)
    expect(internal).toEqual([])
  }, 120_000)

  it('archive:search: syntax characters are separators, so quoted, starred or bracketed words find what the plain words find', async () => {
    const search = async (q: string) => {
      const result = (await dispatcher.dispatch('archive:search', { q, limit: 200 }, cli)) as Result<{ total: number; items: { id: number }[] }>
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    }
    const plain = await search('电池')
    expect(plain.total).toBeGreaterThan(0)
    for (const q of ['"电池', '电池"', '"电池"', '(电池)', '电池*', '-电池', '^电池', '{电池}', '[电池]', '电池:', ':电池', '\u200b电池\u200b', '\ufeff电池', '电池\u0000']) {
      const hits = await search(q)
      expect(hits.total, q).toBe(plain.total)
    }
    // A column filter is not one: 'title:电池' looks for the word 'title' and 电池 (no asset has 'title').
    expect((await search('title:电池')).total).toBeLessThanOrEqual(plain.total)
    // Operators are plain words: 'OR' does not widen a search, 'NOT' does not exclude.
    expect((await search('电池 OR 芯片')).total).toBeLessThanOrEqual(plain.total)
    expect((await search('NOT 电池')).total).toBeLessThanOrEqual(plain.total)
    // An application number typed with extra marks still finds the asset.
    const row = session.archive.sqlite.prepare("SELECT id, app_no FROM ip_asset WHERE kind = 'invention' LIMIT 1").get() as { id: number; app_no: string }
    for (const q of [row.app_no, `CN${row.app_no}`, `"${row.app_no}"`, `ZL${row.app_no.replace('.', '')}`]) {
      expect((await search(q)).items.map((i) => i.id), q).toContain(row.id)
    }
  })
})
