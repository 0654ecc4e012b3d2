import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError } from '../contract/result'
import { openArchive, type Archive, type OpenOptions } from '../db/connection'

/**
 * Open the archive named by --db for one command and always close it. Commands other than `init`
 * refuse a missing file rather than silently creating an empty archive somewhere unexpected.
 */
export async function withArchive<T>(
  file: string,
  fn: (archive: Archive) => Promise<T>,
  options: { create?: boolean; quickCheck?: OpenOptions['quickCheck'] } = {},
): Promise<T> {
  const path = resolve(file)
  if (!options.create && !existsSync(path)) {
    throw new AppError('not_found', `找不到档案文件“${path}”。请先运行 ipdesk init --db ${file}。`)
  }
  const archive = await openArchive(path, { create: options.create ?? false, quickCheck: options.quickCheck ?? true })
  try {
    return await fn(archive)
  } finally {
    await archive.close()
  }
}
