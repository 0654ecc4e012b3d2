#!/usr/bin/env node
// The `ipdesk` command. The CLI is built with the app (npm run build) into out/main/cli.js; this small
// launcher only says what to do when the build is missing.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// IPDESK_OUT: development only, when several working copies build side by side.
const built = join(dirname(fileURLToPath(import.meta.url)), '..', '..', process.env.IPDESK_OUT || 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('IPDesk 命令行尚未构建：请先在项目目录运行 npm run build\n')
  process.exit(2)
}
await import(pathToFileURL(built).href)
