import { z } from 'zod'
import { channel } from './define'

export const settingsSchema = z.object({
  /** 学校正式名称: decides whether the university is among a right's holders. */
  universityName: z.string().max(200),
  /** 曾用名、简称、英文名 and other spellings used by applicants lists. */
  universityAliases: z.array(z.string().min(1).max(200)).max(50),
  centreName: z.string().max(200),
  /** 操作员: recorded in the audit log and on certificates. */
  operatorName: z.string().max(100),
  backupKeepLast: z.number().int().min(1).max(100),
  backupKeepMonthly: z.boolean(),
})
export type Settings = z.infer<typeof settingsSchema>
export type SettingKey = keyof Settings

export const DEFAULT_SETTINGS: Settings = {
  universityName: '',
  universityAliases: [],
  centreName: '国家知识产权信息服务中心',
  operatorName: '',
  backupKeepLast: 10,
  backupKeepMonthly: true,
}

export const settingsChannels = {
  'settings:get': channel(z.object({}).strict(), settingsSchema),
  'settings:update': channel(settingsSchema.partial().strict(), settingsSchema),
}
