import type { Kysely } from 'kysely'
import { AppError } from '../contract/result'
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../contract/settings'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'

export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await db.selectFrom('setting').selectAll().execute()
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const row of rows) {
    if (row.key in DEFAULT_SETTINGS) merged[row.key] = JSON.parse(row.value) as unknown
  }
  // A value stored by an older version that no longer fits falls back to the default.
  const parsed = settingsSchema.safeParse(merged)
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }
}

/** Operator name for audit entries; falls back to a visible placeholder rather than nothing. */
export async function getOperator(db: Kysely<DB>): Promise<string> {
  return (await getSettings(db)).operatorName || '未设置操作员'
}

export async function updateSettings(db: Kysely<DB>, patch: Partial<Settings>): Promise<Settings> {
  return inTransaction(db, async (trx) => {
    const before = await getSettings(trx)
    const next = settingsSchema.safeParse({ ...before, ...patch })
    if (!next.success) throw new AppError('invalid_input', '设置值无效：' + next.error.issues.map((i) => i.message).join('；'))
    const cleaned: Settings = {
      ...next.data,
      universityName: next.data.universityName.trim(),
      operatorName: next.data.operatorName.trim(),
      centreName: next.data.centreName.trim(),
      universityAliases: [...new Set(next.data.universityAliases.map((a) => a.trim()).filter(Boolean))],
    }
    const at = nowIso()
    const changed: Partial<Settings> = {}
    for (const key of Object.keys(cleaned) as (keyof Settings)[]) {
      if (JSON.stringify(cleaned[key]) === JSON.stringify(before[key])) continue
      Object.assign(changed, { [key]: cleaned[key] })
      await trx
        .insertInto('setting')
        .values({ key, value: JSON.stringify(cleaned[key]), updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(cleaned[key]), updated_at: at }))
        .execute()
    }
    if (Object.keys(changed).length) {
      const beforeChanged = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof Settings]]))
      await appendAudit(trx, { operator: cleaned.operatorName, action: 'settings', entity: 'setting', before: beforeChanged, after: changed })
    }
    return cleaned
  })
}

/** Keys the CLI accepts for `settings get|set`, with how a command-line string becomes a value. */
export function parseSettingValue(key: keyof Settings, raw: string): Settings[keyof Settings] {
  switch (key) {
    case 'universityAliases':
      return raw.split(/[;；,，|]/).map((s) => s.trim()).filter(Boolean)
    case 'backupKeepLast': {
      const n = Number(raw)
      if (!Number.isInteger(n)) throw new AppError('invalid_input', `backupKeepLast 应为整数，而不是“${raw}”`)
      return n
    }
    case 'backupKeepMonthly':
      if (!['true', 'false', '1', '0', '是', '否'].includes(raw)) throw new AppError('invalid_input', `backupKeepMonthly 应为 true 或 false，而不是“${raw}”`)
      return ['true', '1', '是'].includes(raw)
    case 'universityName':
    case 'centreName':
    case 'operatorName':
      return raw
    default: {
      const unreachable: never = key
      throw new AppError('invalid_input', `未知设置项：${String(unreachable)}`)
    }
  }
}
