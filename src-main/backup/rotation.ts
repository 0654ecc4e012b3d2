import { rmSync } from 'node:fs'
import { listBackups } from './store'

export interface RotationPolicy {
  /** Always keep this many of the newest backups. */
  keepLast: number
  /** Besides those, keep the newest backup of every calendar month. */
  keepMonthly: boolean
}

export const DEFAULT_POLICY: RotationPolicy = { keepLast: 10, keepMonthly: true }

function monthOf(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`
}

/**
 * Which backups to delete. Keeps the newest `keepLast`, and with `keepMonthly` also the newest of
 * each month (the archive as it stood at the end of that month), so years of history cost twelve
 * files a year. Input order does not matter.
 */
export function planRotation<T extends { name: string; createdAt: string }>(backups: readonly T[], policy: RotationPolicy): { keep: T[]; remove: T[] } {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)))
  const keep = new Set<T>(newestFirst.slice(0, Math.max(1, policy.keepLast)))
  if (policy.keepMonthly) {
    const months = new Set<string>()
    for (const backup of newestFirst) {
      const month = monthOf(backup.createdAt)
      if (months.has(month)) continue
      months.add(month)
      keep.add(backup)
    }
  }
  return { keep: newestFirst.filter((b) => keep.has(b)), remove: newestFirst.filter((b) => !keep.has(b)) }
}

/** Apply the policy to an archive's backup folder; returns the names removed. */
export function rotateBackups(archiveFile: string, policy: RotationPolicy): string[] {
  const { remove } = planRotation(listBackups(archiveFile), policy)
  const removed: string[] = []
  for (const backup of remove) {
    try {
      rmSync(backup.path, { force: true })
      for (const side of ['-wal', '-shm', '-journal']) rmSync(backup.path + side, { force: true })
      removed.push(backup.name)
    } catch {
      // A backup another program holds open stays until the next rotation; that is harmless.
    }
  }
  return removed
}
