// `npm run audit:electron`: Electronegativity over the app's own source (main, preload, renderer page).
// Fails on any HIGH or MEDIUM finding unless the flagged line, or the comment block right above it,
// says `electronegativity-explained CHECK_NAME …` with the reason.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
const work = mkdtempSync(join(tmpdir(), 'ipdesk-audit-'))
// One input folder holding both the main-process source and the renderer page, so the global CSP
// check sees src-renderer/index.html.
cpSync(join(root, 'src-main'), join(work, 'src-main'), { recursive: true })
cpSync(join(root, 'src-renderer/index.html'), join(work, 'src-renderer/index.html'))
const csv = join(work, 'findings.csv')

function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field.trim())
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n') {
      endField()
      rows.push(row)
      row = []
    } else if (c !== '\r') field += c
  }
  if (field || row.length) {
    endField()
    rows.push(row)
  }
  return rows
}

try {
  execFileSync(process.execPath, [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', work, '-o', csv, '-r', '-v', 'false', '-e', electronVersion], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const [, ...rows] = parseCsv(readFileSync(csv, 'utf8')).filter((r) => r.length > 3)
  const failures = []
  for (const [check, severity, confidence, file, location] of rows) {
    if (severity !== 'HIGH' && severity !== 'MEDIUM') continue
    let explained = false
    if (file !== 'N/A') {
      const lines = readFileSync(join(work, file), 'utf8').split('\n')
      const line = Number(location.split(':')[0]) - 1
      // The flagged line itself, or the contiguous comment block directly above it.
      let i = line
      const block = [lines[i] ?? '']
      while (i > 0 && /^\s*\/\//.test(lines[i - 1])) block.push(lines[--i])
      explained = block.some((l) => l.includes('electronegativity-explained') && l.includes(check)) ||
        block.join('\n').includes('electronegativity-explained') && block.join('\n').includes(check)
    }
    const where = file === 'N/A' ? '(global)' : `${file}:${location}`
    console.log(`${explained ? 'explained' : 'FAIL     '}  ${severity.padEnd(6)} ${confidence.padEnd(9)} ${check}  ${where}`)
    if (!explained) failures.push(check)
  }
  if (failures.length) {
    console.error(`\nElectronegativity: ${failures.length} unexplained HIGH/MEDIUM finding(s).`)
    process.exitCode = 1
  } else {
    console.log(`\nElectronegativity (Electron ${electronVersion}): no unexplained HIGH or MEDIUM findings.`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
