import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The user-data folder outside Electron (loopback host, CLI), matching where Electron's
 * app.getPath('userData') puts it for an app named IPDesk, so all three ways in share one archive.
 */
export function defaultUserDataDir(): string {
  const home = homedir()
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'IPDesk')
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'IPDesk')
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'IPDesk')
  }
}

export const ARCHIVE_FILE_NAME = 'archive.sqlite'

export function defaultArchivePath(userDataDir: string = defaultUserDataDir()): string {
  return join(userDataDir, ARCHIVE_FILE_NAME)
}
