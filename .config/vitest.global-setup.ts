import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

// A few tests run the built CLI as a real process. `npm test` builds first; when vitest is run on its
// own, build once here so those tests do not depend on what happened before.
export default function setup(): void {
  const root = resolve(__dirname, '..')
  if (!existsSync(resolve(root, process.env.IPDESK_OUT || 'out', 'main/cli.js'))) {
    execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
  }
}
