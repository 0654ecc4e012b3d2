import type { Kysely } from 'kysely'
import { serviceSaveInput, type ServiceSaveInput } from '../../../src-main/contract/services'
import type { DB } from '../../../src-main/db/schema'
import { nameInitials } from '../../../src-main/domain/pinyin'
import { saveService } from '../../../src-main/services/records'
import { updateSettings } from '../../../src-main/settings/service'

const AT = '2024-01-01T00:00:00.000Z'

/** Researchers the ledger fixtures name (工号 T19001 … match tests/fixtures/services). */
export const ROSTER = [
  { staff_no: 'T19001', name: '周建华', college: '材料科学与工程学院' },
  { staff_no: 'T20417', name: '赵明', college: '化学工程学院' },
  { staff_no: 'T18233', name: '陈静', college: '电气工程学院' },
  { staff_no: 'T21088', name: '黄志强', college: '能源工程学院' },
  { staff_no: 'T22001', name: '钱伟', college: '材料科学与工程学院' },
] as const

export async function seedRoster(db: Kysely<DB>): Promise<Record<string, number>> {
  const ids: Record<string, number> = {}
  for (const r of ROSTER) {
    const row = await db
      .insertInto('researcher')
      .values({ ...r, name_initials: nameInitials(r.name), created_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids[r.staff_no] = row.id
  }
  return ids
}

export async function seedAsset(db: Kysely<DB>, appNo = '202310397744.0', title = '一种固态电解质及其制备方法'): Promise<number> {
  const row = await db
    .insertInto('ip_asset')
    .values({ kind: 'invention', app_no: appNo, title, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function setOperator(db: Kysely<DB>, name = '王馆员'): Promise<void> {
  await updateSettings(db, { operatorName: name })
}

/** Save through the contract's own schema, as the IPC dispatcher does. */
export async function save(db: Kysely<DB>, input: ServiceSaveInput) {
  return saveService(db, serviceSaveInput.parse(input))
}

export function consultation(overrides: Partial<ServiceSaveInput> = {}): ServiceSaveInput {
  return {
    kind: 'consultation',
    date: '2024-03-05',
    channel: 'window',
    requesterType: 'student',
    requesterName: '李晓雯',
    college: '计算机科学与技术学院',
    topic: '检索策略与数据库使用',
    question: '如何检索某一技术领域的专利？',
    answer: '讲解了关键词与 IPC 组合检索。',
    staff: '王馆员',
    durationMin: 20,
    ...overrides,
  }
}
