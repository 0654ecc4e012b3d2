import type { Insertable, Kysely } from 'kysely'
import type { Archive } from '../../../src-main/db/connection'
import type { AssetKind, DB, LinkState, StatusGroup } from '../../../src-main/db/schema'
import { updateSettings } from '../../../src-main/settings/service'
import { tempArchive } from '../helpers/temp'

// A small archive for disclosure tests, written directly with Kysely (not through the import pipeline):
// a roster with two researchers called 张伟 (different 工号, different colleges), assets linked in every
// link state, two assets with the same title (一案双申), a software copyright, a lapsed patent.

export const UNIVERSITY = '东海理工大学'
const AT = '2026-01-05T08:00:00.000Z'

export interface TestArchive {
  archive: Archive
  db: Kysely<DB>
  /** Researcher ids by key. */
  r: { zhang: number; zhang2: number; li: number; wang: number; zhao: number }
  /** Asset ids by key. */
  a: Record<AssetKey, number>
}

export type AssetKey =
  | 'granted'
  | 'utilitySuggested'
  | 'pending'
  | 'namesakes'
  | 'company'
  | 'ambiguous'
  | 'twinInvention'
  | 'twinUtility'
  | 'software'
  | 'lapsed'
  | 'unlinked'

interface AssetSpec {
  kind: AssetKind
  app_no: string
  title: string
  filing_date: string
  pub_no?: string | null
  pub_date?: string | null
  grant_no?: string | null
  grant_date?: string | null
  status_group: StatusGroup
  status_event: string
  university_owned: 0 | 1
  applicants?: string
  inventors: { name: string; researcher?: keyof TestArchive['r']; state: LinkState; candidates?: (keyof TestArchive['r'])[] }[]
}

export const ASSETS: Record<AssetKey, AssetSpec> = {
  granted: {
    kind: 'invention',
    app_no: '202310397744.0',
    title: '一种锂离子电池隔膜及其制备方法',
    filing_date: '2023-04-11',
    pub_no: 'CN116111111A',
    pub_date: '2023-07-14',
    grant_no: 'CN116000001B',
    grant_date: '2025-03-14',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 1,
    inventors: [
      { name: '张伟', researcher: 'zhang', state: 'confirmed' },
      { name: '李娜', researcher: 'li', state: 'confirmed' },
      { name: 'John Smith', state: 'external' },
    ],
  },
  utilitySuggested: {
    kind: 'utility',
    app_no: '202320123456.1',
    title: '一种电池包散热装置',
    filing_date: '2023-01-09',
    grant_no: 'CN219000002U',
    grant_date: '2023-09-01',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 1,
    inventors: [
      { name: '李娜', researcher: 'li', state: 'confirmed' },
      { name: '张伟', researcher: 'zhang', state: 'suggested' },
    ],
  },
  pending: {
    kind: 'invention',
    app_no: '202410555555.6',
    title: '一种基于深度学习的缺陷检测方法',
    filing_date: '2024-06-01',
    pub_no: 'CN118222222A',
    pub_date: '2024-09-10',
    status_group: 'pending',
    status_event: '实质审查',
    university_owned: 1,
    inventors: [{ name: '张伟', researcher: 'zhang', state: 'confirmed' }],
  },
  namesakes: {
    kind: 'invention',
    app_no: '202110222222.8',
    title: '一种数控机床主轴冷却结构',
    filing_date: '2021-03-02',
    grant_no: 'CN113000003B',
    grant_date: '2023-02-17',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 1,
    inventors: [
      { name: '张伟', researcher: 'zhang2', state: 'confirmed' },
      { name: '赵敏', researcher: 'zhao', state: 'confirmed' },
    ],
  },
  company: {
    kind: 'invention',
    app_no: '202310123123.3',
    title: '一种储能变流器控制方法',
    filing_date: '2023-02-20',
    grant_no: 'CN115000004B',
    grant_date: '2024-11-29',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 0,
    applicants: '无锡储能电池技术有限公司',
    // The import never links inventors of a right the university does not hold.
    inventors: [
      { name: '张伟', state: 'external' },
      { name: '周强', state: 'external' },
    ],
  },
  ambiguous: {
    kind: 'invention',
    app_no: '202110444444.4',
    title: '一种柔性压力传感器',
    filing_date: '2021-08-16',
    grant_no: 'CN113000005B',
    grant_date: '2023-06-02',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 1,
    inventors: [
      { name: '王芳', researcher: 'wang', state: 'confirmed' },
      { name: '张伟', state: 'ambiguous', candidates: ['zhang', 'zhang2'] },
    ],
  },
  twinInvention: {
    kind: 'invention',
    app_no: '202210333333.0',
    title: '一种光伏组件清洁机器人',
    filing_date: '2022-05-05',
    pub_no: 'CN114333333A',
    pub_date: '2022-08-30',
    status_group: 'pending',
    status_event: '实质审查',
    university_owned: 1,
    inventors: [{ name: '张伟', researcher: 'zhang', state: 'confirmed' }],
  },
  twinUtility: {
    kind: 'utility',
    app_no: '202220333334.0',
    title: '一种光伏组件清洁机器人',
    filing_date: '2022-05-05',
    grant_no: 'CN217000006U',
    grant_date: '2022-10-18',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 1,
    inventors: [{ name: '张伟', researcher: 'zhang', state: 'confirmed' }],
  },
  software: {
    kind: 'software',
    app_no: '2024SR0123456',
    title: '电池健康状态评估软件V1.0',
    filing_date: '2024-03-01',
    grant_date: '2024-05-20',
    status_group: 'valid',
    status_event: '登记',
    university_owned: 1,
    inventors: [{ name: '张伟', researcher: 'zhang', state: 'confirmed' }],
  },
  lapsed: {
    kind: 'invention',
    app_no: '201810666666.9',
    title: '一种废水中重金属离子的吸附材料',
    filing_date: '2018-02-11',
    grant_no: 'CN108000007B',
    grant_date: '2020-04-21',
    status_group: 'lapsed',
    status_event: '未缴年费终止',
    university_owned: 1,
    inventors: [
      { name: '赵敏', researcher: 'zhao', state: 'confirmed' },
      { name: '张伟', researcher: 'zhang', state: 'confirmed' },
    ],
  },
  unlinked: {
    kind: 'invention',
    app_no: '202410888888.0',
    title: '一种土壤墒情监测装置',
    filing_date: '2024-02-02',
    grant_no: 'CN118000008B',
    grant_date: '2025-06-06',
    status_group: 'valid',
    status_event: '授权',
    university_owned: 1,
    inventors: [
      { name: '张伟', state: 'external' },
      { name: '李娜', researcher: 'li', state: 'confirmed' },
    ],
  },
}

export async function seedTestArchive(db: Kysely<DB>): Promise<Omit<TestArchive, 'archive' | 'db'>> {
  await updateSettings(db, { universityName: UNIVERSITY, operatorName: '测试馆员', centreName: '东海理工大学国家知识产权信息服务中心' })
  const people: [keyof TestArchive['r'], string, string, string][] = [
    ['zhang', '2005001', '张伟', '材料科学与工程学院'],
    ['zhang2', '2010002', '张伟', '机械工程学院'],
    ['li', '2012003', '李娜', '材料科学与工程学院'],
    ['wang', '2015004', '王芳', '信息与电子工程学院'],
    ['zhao', '2008005', '赵敏', '机械工程学院'],
  ]
  const r = {} as TestArchive['r']
  for (const [key, staff_no, name, college] of people) {
    const [row] = await db.insertInto('researcher').values({ staff_no, name, college, title: '教授', created_at: AT, updated_at: AT }).returning('id').execute()
    r[key] = row!.id
  }
  const a = {} as Record<AssetKey, number>
  for (const [key, spec] of Object.entries(ASSETS) as [AssetKey, AssetSpec][]) {
    const { inventors, ...columns } = spec
    const values: Insertable<DB['ip_asset']> = {
      ...columns,
      applicants: spec.applicants ?? UNIVERSITY,
      current_owner: spec.applicants ?? UNIVERSITY,
      status_raw: spec.status_event,
      created_at: AT,
      updated_at: AT,
    }
    const [row] = await db.insertInto('ip_asset').values(values).returning('id').execute()
    a[key] = row!.id
    await db
      .insertInto('asset_inventor')
      .values(
        inventors.map((inv, i) => ({
          asset_id: row!.id,
          rank: i + 1,
          raw_name: inv.name,
          researcher_id: inv.researcher ? r[inv.researcher] : null,
          link_state: inv.state,
          candidates: JSON.stringify((inv.candidates ?? []).map((c) => r[c])),
        })),
      )
      .execute()
  }
  return { r, a }
}

export async function testArchive(): Promise<TestArchive> {
  const archive = await tempArchive()
  const seeded = await seedTestArchive(archive.db)
  return { archive, db: archive.db, ...seeded }
}
