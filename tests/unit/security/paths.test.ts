import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, getChannel } from '../../../src-main/contract/channels'

// Security review (issue 8, item 6): no path chosen by the renderer reaches the file system. Files
// cross the IPC boundary as opaque references (fileRef) that main hands out for dialog-chosen,
// uploaded or self-written files. These checks read the contract and the handlers as they are now,
// so a channel added later with a `path: z.string()` field fails here.

const ROOT = resolve(__dirname, '../../..')

/** Every leaf string schema of a channel's input, with the key it sits under. */
function stringFields(schema: z.ZodType, key = '(input)', out: { key: string; schema: z.ZodType }[] = []): { key: string; schema: z.ZodType }[] {
  if (schema instanceof z.ZodObject) {
    for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) stringFields(v, k, out)
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    stringFields(schema.unwrap() as z.ZodType, key, out)
  } else if (schema instanceof z.ZodArray) {
    stringFields(schema.element as z.ZodType, key, out)
  } else if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    for (const option of schema.options as z.ZodType[]) stringFields(option, key, out)
  } else if (schema instanceof z.ZodString) {
    out.push({ key, schema })
  }
  return out
}

const FILE_LIKE = /(path|file|dir|folder|directory|ref|location|dest|target|source|out|savedto)$/i

/**
 * Inputs that do carry a path, each with why it is tolerated for now. Reported in the security
 * review; the better shape is for main to remember where files:deliver saved a file and to take only
 * the reference.
 */
const KNOWN_PATH_INPUTS: Record<string, string> = {
  'reports:reveal.savedTo':
    'the Save-as path the renderer got back from files:deliver; used only if it is an absolute path to a file with exactly the bytes of the export `ref` (still an existence probe for any path)',
}
const PATHS = ['/etc/passwd', '../../archive.sqlite', 'C:\\Windows\\win.ini', '..\\..\\x.sqlite', 'a/b.sqlite', '\\\\server\\share\\x.sqlite']

describe('no renderer-chosen path reaches the file system', () => {
  it('every file-like string field of every channel refuses paths', () => {
    const checked: string[] = []
    const open: string[] = []
    for (const name of CHANNEL_NAMES) {
      for (const field of stringFields(getChannel(name).input)) {
        if (!FILE_LIKE.test(field.key) || `${name}.${field.key}` in KNOWN_PATH_INPUTS) continue
        checked.push(`${name}.${field.key}`)
        for (const path of PATHS) if (field.schema.safeParse(path).success) open.push(`${name}.${field.key} accepts ${path}`)
      }
    }
    expect(checked.length).toBeGreaterThan(0)
    expect(open).toEqual([])
  })

  it('handlers never hand input fields to fs or to the archive opener', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry)
        if (statSync(path).isDirectory()) walk(path)
        else if (/handlers?\.ts$|ipc\.ts$/.test(entry)) files.push(path)
      }
    }
    walk(join(ROOT, 'src-main'))
    const FS_CALL = /\b(readFileSync|writeFileSync|appendFileSync|createReadStream|createWriteStream|copyFileSync|cpSync|rmSync|unlinkSync|renameSync|statSync|existsSync|readdirSync|mkdirSync|openSync|openArchive|readFile|writeFile|rm|unlink|rename|stat|readdir|mkdir|open)\s*\(\s*input\b/
    const SESSION_OPEN = /session\.open\(\s*input\b/
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
        .filter(({ line }) => FS_CALL.test(line) || SESSION_OPEN.test(line))
        .filter(({ line }) => !Object.keys(KNOWN_PATH_INPUTS).some((known) => line.includes(`input.${known.split('.').pop()!}`)))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    )
    expect(files.length).toBeGreaterThan(5)
    expect(offenders).toEqual([])
  })
})
