import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../contract/result'
import { defaultArchivePath } from '../core/paths'
import { startWebHostWithRecovery } from '../backup/recovery-host'

// `npm run web`: the same app in a browser on this machine. IPDESK_DB and IPDESK_PORT override the
// archive file (default: the user-data folder, shared with the desktop app) and the port (default: any
// free port).

async function main(): Promise<void> {
  const dbFile = resolve(process.env.IPDESK_DB || defaultArchivePath())
  mkdirSync(dirname(dbFile), { recursive: true })
  const portText = process.env.IPDESK_PORT
  const port = portText ? Number(portText) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`IPDESK_PORT 无效：“${portText}”。请填写 0–65535 之间的端口号。`)
    process.exit(2)
  }
  const here = dirname(fileURLToPath(import.meta.url))
  // An archive that will not open gets a recovery page on the same address, not an exit.
  const host = await startWebHostWithRecovery({ dbFile, port, rendererDir: join(here, '../renderer') })
  console.log(`IPDesk web host: ${host.url}`)
  const stop = () => {
    // An open browser tab reconnects its event stream while the server drains, which can keep
    // close() waiting forever: give it two seconds, then exit (the archive is closed by then or
    // SQLite's WAL keeps it consistent).
    setTimeout(() => process.exit(0), 2000).unref()
    host.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error)
  process.exit(1)
})
