import type { Insertable, Kysely } from 'kysely'
import { AppError } from '../contract/result'
import type { ArchiveCounts } from '../contract/system'
import { CONSULTATION_TOPICS, REPORT_KINDS } from '../contract/labels'
import { appendAudit } from '../audit/log'
import { nowIso, todayIso } from '../core/clock'
import type { AssetKind, DB, IpAssetTable, StatusGroup } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { applicationCheckChar } from '../domain/cn-number'
import { computeExpiryDate } from '../domain/term'
import { seedDemoDisclosures } from '../disclosures/demo'
import { seedDemoEvaluations } from '../evaluations/demo'
import { nameInitials } from '../domain/pinyin'
import { updateSettings } from '../settings/service'
import { countArchive } from '../system/stats'
import { COLLEGES, FUNDERS, PARTNER_COMPANIES, TITLES, personName } from './people'
import { Random, addDays } from './random'
import { realTitles } from './real-titles'

export const DEMO_UNIVERSITY = '东海理工大学'
const CHUNK = 400

export interface SeedProgress {
  (phase: string, done: number, total: number): void
}

interface SeedOptions {
  scale?: number
  progress?: SeedProgress
  /** Awaited between chunks: may yield to the event loop, and throws to abandon (one transaction). */
  checkpoint?: () => Promise<void>
  today?: string
}

/**
 * Multi-row inserts in chunks. Rows are grouped by their set of columns first: in a multi-row VALUES,
 * Kysely writes NULL (not the column default) for a column one row lacks, which NOT NULL refuses.
 */
async function insertChunked<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[], checkpoint: () => Promise<void> = async () => {}): Promise<void> {
  const groups = new Map<string, Insertable<DB[T]>[]>()
  for (const row of rows) {
    const key = Object.keys(row as object).sort().join(',')
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += CHUNK) {
      await checkpoint()
      // Kysely's per-table insert typing does not survive the generic T; the rows were built as Insertable<DB[T]>.
      await db.insertInto(table).values(group.slice(i, i + CHUNK) as never).execute()
    }
  }
}

/** Titles that suit rights other than patents and software (a trademark is not “一种…装置”). */
function otherRightTitle(kind: 'ic_layout' | 'plant_variety' | 'trademark' | 'geo_indication', patentTitle: string, random: Random): string {
  switch (kind) {
    case 'ic_layout':
      return `${patentTitle.replace(/^一种/, '').replace(/(方法|装置|系统|设备)$/, '').slice(0, 14)}控制芯片布图设计`
    case 'plant_variety':
      return `${random.pick(['东理', '海科', '东海'])}${random.int(1, 30)}号（${random.pick(['水稻', '小麦', '茶树', '柑橘', '油菜'])}新品种）`
    case 'trademark':
      return `${random.pick(['东海理工', 'DHUT', '东理智造', '海岳'])}（${random.pick(['文字', '图形', '组合'])}商标，第${random.int(1, 45)}类）`
    case 'geo_indication':
      return `${random.pick(['东海', '青川', '云岭', '石湖'])}${random.pick(['蜜橘', '绿茶', '杨梅', '香米'])}（地理标志证明商标）`
    default: {
      const unreachable: never = kind
      return unreachable
    }
  }
}

function appNo(year: number, typeDigit: number, serial: number): string {
  const digits = `${year}${typeDigit}${String(serial).padStart(7, '0')}`
  return `${digits}.${applicationCheckChar(digits)}`
}

/**
 * Build a realistic demo archive: researchers across colleges (with namesakes), projects, patents of
 * every kind with real titles and IPC, inventor links in every state, conversions and a year of
 * consultations. Refuses an archive that already holds assets. One transaction.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedOptions = {}): Promise<ArchiveCounts> {
  const scale = Math.max(1, Math.floor(options.scale ?? 1))
  const progress = options.progress ?? (() => {})
  const checkpoint = options.checkpoint ?? (async () => {})
  const today = options.today ?? todayIso()
  const thisYear = Number(today.slice(0, 4))
  const random = new Random(20261125 + scale)
  const existing = await countArchive(db)
  if (existing.assets > 0 || existing.researchers > 0) {
    throw new AppError('conflict', '当前档案已有数据，演示数据只能载入空档案。请新建一个档案后再载入。')
  }

  const researcherCount = 120 * scale
  const projectCount = 40 * scale
  const assetCount = 600 * scale
  const serviceCount = 180 * scale
  const totalSteps = researcherCount + projectCount + assetCount + serviceCount
  let done = 0
  const at = nowIso()

  return inTransaction(db, async (trx) => {
    await updateSettings(trx, {
      universityName: DEMO_UNIVERSITY,
      universityAliases: ['东海理工大学（筹）', 'Donghai University of Technology'],
      centreName: '东海理工大学国家知识产权信息服务中心',
      operatorName: '演示馆员',
    })
    const [batch] = await trx
      .insertInto('import_batch')
      .values({ kind: 'demo', file_name: '演示数据', file_sha256: '', started_at: at, finished_at: at, operator: '演示馆员' })
      .returning('id')
      .execute()
    const batchId = batch!.id

    // Researchers: a few deliberate namesakes in different colleges.
    progress('生成科研人员', done, totalSteps)
    const researchers: { staffNo: string; name: string; college: (typeof COLLEGES)[number]; discipline: string }[] = []
    const namesakes = ['王伟', '李静', '张磊']
    for (let i = 0; i < researcherCount; i++) {
      const college = COLLEGES[i % COLLEGES.length]!
      const name = i < namesakes.length * 2 ? namesakes[i % namesakes.length]! : personName(random)
      researchers.push({ staffNo: `${1990 + (i % 30)}${String(1000 + i).padStart(5, '0')}`, name, college, discipline: random.pick(college.disciplines) })
    }
    await insertChunked(
      trx,
      'researcher',
      researchers.map((r) => ({
        staff_no: r.staffNo,
        name: r.name,
        name_initials: nameInitials(r.name),
        college: r.college.name,
        discipline_code: r.discipline,
        title: random.pick(TITLES),
        active: random.chance(0.95) ? 1 : 0,
        created_at: at,
        updated_at: at,
      })),
    )
    done += researcherCount
    const researcherRows = await trx.selectFrom('researcher').select(['id', 'name', 'college', 'discipline_code']).execute()
    const byCollege = new Map<string, typeof researcherRows>()
    const byName = new Map<string, typeof researcherRows>()
    for (const row of researcherRows) {
      const inCollege = byCollege.get(row.college)
      if (inCollege) inCollege.push(row)
      else byCollege.set(row.college, [row])
      const sameName = byName.get(row.name)
      if (sameName) sameName.push(row)
      else byName.set(row.name, [row])
    }

    progress('生成科研项目', done, totalSteps)
    await insertChunked(
      trx,
      'project',
      Array.from({ length: projectCount }, (_, i) => {
        const [funder, level, fiscal] = random.pick(FUNDERS)
        const start = random.date(`${thisYear - 8}-01-01`, `${thisYear - 1}-12-31`)
        const pi = random.pick(researcherRows)
        return {
          project_no: `${level === 'national' ? 'GJ' : level === 'provincial' ? 'SB' : level === 'industry' ? 'HX' : 'XJ'}${start.slice(0, 4)}${String(i + 1).padStart(4, '0')}`,
          name: `${random.pick(['面向', '基于', '新型', '高性能'])}${random.pick(realTitles()).title.replace(/^一种/, '').slice(0, 18)}关键技术研究`,
          funder,
          level,
          fiscal_funded: fiscal ? 1 : 0,
          start_date: start,
          end_date: addDays(start, 365 * random.int(2, 4)),
          pi_researcher_id: pi.id,
          created_at: at,
          updated_at: at,
        } as const
      }),
    )
    done += projectCount
    const projects = await trx.selectFrom('project').select(['id', 'pi_researcher_id']).execute()

    progress('生成知识产权', done, totalSteps)
    const titles = realTitles()
    const kindWeights: [AssetKind, number][] = [
      ['invention', 52], ['utility', 28], ['design', 5], ['software', 11], ['ic_layout', 1], ['plant_variety', 1], ['trademark', 1], ['geo_indication', 1],
    ]
    const serials = new Map<string, number>()
    const assets: Insertable<IpAssetTable>[] = []
    const inventorsOf: { name: string; researcherId: number | null; state: 'confirmed' | 'suggested' | 'ambiguous' | 'external'; candidates: number[] }[][] = []
    const collegeOf: string[] = []
    for (let i = 0; i < assetCount; i++) {
      const kind = random.weighted(kindWeights)
      const real = titles[(i * 7919) % titles.length]!
      const college = COLLEGES.find((c) => c.ipcPrefixes.some((p) => real.ipc[0]?.startsWith(p))) ?? random.pick(COLLEGES)
      const filing = random.date(`${thisYear - 9}-01-01`, today)
      const year = Number(filing.slice(0, 4))
      const typeDigit = kind === 'utility' ? 2 : kind === 'design' ? 3 : 1
      const key = `${year}${typeDigit}`
      const serial = (serials.get(key) ?? random.int(100000, 900000)) + random.int(1, 40)
      serials.set(key, serial)
      const ageDays = (Date.parse(today) - Date.parse(filing)) / 86_400_000
      let group: StatusGroup = 'pending'
      let event = '实质审查'
      let raw = '审中-实质审查'
      let grantDate: string | null = null
      let number: string
      let title = real.title
      switch (kind) {
        case 'invention':
        case 'utility':
        case 'design': {
          number = appNo(year, typeDigit, serial)
          const grantAfter = kind === 'invention' ? random.int(420, 1100) : random.int(120, 300)
          if (ageDays > grantAfter && random.chance(kind === 'invention' ? 0.7 : 0.95)) {
            grantDate = addDays(filing, grantAfter)
            group = 'valid'
            event = '授权'
            raw = '有权-审定授权'
            if (random.chance(ageDays > 1500 ? 0.25 : 0.05)) {
              group = 'lapsed'
              event = '未缴年费终止'
              raw = '无权-未缴年费'
            }
          } else if (kind === 'invention' && ageDays > grantAfter) {
            group = 'lapsed'
            event = random.chance(0.5) ? '驳回' : '视为撤回'
            raw = event === '驳回' ? '无权-驳回' : '无权-视为撤回'
          } else if (kind !== 'invention') {
            event = '受理'
            raw = '审中-受理'
          }
          if (kind === 'design') title = title.replace(/^一种/, '').slice(0, 12) + '（外观）'
          break
        }
        case 'software':
          number = `${year}SR${String(serial).padStart(7, '0')}`
          title = `${title.replace(/^一种/, '').replace(/(方法|装置|系统)$/, '').slice(0, 20)}管理软件V1.0`
          grantDate = addDays(filing, random.int(30, 90))
          if (grantDate > today) {
            // Registration takes one to three months: a recent filing is still under examination.
            grantDate = null
            event = '审查中'
            raw = '审查中'
          } else {
            group = 'valid'
            event = '登记'
            raw = '已登记'
          }
          break
        case 'ic_layout':
        case 'plant_variety':
        case 'trademark':
        case 'geo_indication':
          number = `${kind === 'ic_layout' ? 'BS' : kind === 'plant_variety' ? 'CNA' : 'TM'}${year}${String(serial).padStart(7, '0')}`
          // Its own random source, so these titles do not shift the rest of the demo.
          title = otherRightTitle(kind, title, new Random(serial * 31 + year))
          group = ageDays > 365 ? 'valid' : 'pending'
          event = group === 'valid' ? '授权' : '审查中'
          raw = event
          grantDate = group === 'valid' ? addDays(filing, 300) : null
          break
        default: {
          const unreachable: never = kind
          throw new Error(`unhandled kind ${String(unreachable)}`)
        }
      }
      const owned = random.chance(0.93)
      const members = byCollege.get(college.name) ?? researcherRows
      const inventorCount = random.int(1, 6)
      const inventors: (typeof inventorsOf)[number] = []
      for (let r = 0; r < inventorCount; r++) {
        if (!owned || (r > 0 && random.chance(0.25))) {
          inventors.push({ name: personName(random), researcherId: null, state: 'external', candidates: [] })
          continue
        }
        const person = random.pick(members)
        const sameName = byName.get(person.name) ?? [person]
        if (inventors.some((x) => x.name === person.name)) continue
        if (sameName.length > 1) {
          inventors.push({ name: person.name, researcherId: null, state: 'ambiguous', candidates: sameName.map((s) => s.id) })
        } else {
          inventors.push({ name: person.name, researcherId: person.id, state: random.chance(0.85) ? 'confirmed' : 'suggested', candidates: [] })
        }
      }
      const applicants = owned ? [DEMO_UNIVERSITY, ...(random.chance(0.15) ? [random.pick(PARTNER_COMPANIES)] : [])] : [random.pick(PARTNER_COMPANIES)]
      inventorsOf.push(inventors)
      collegeOf.push(college.name)
      assets.push({
        kind,
        app_no: number,
        filing_date: filing,
        pub_no: kind === 'invention' && ageDays > 540 ? `CN${String(100000000 + i * 37).slice(0, 9)}A` : null,
        pub_date: kind === 'invention' && ageDays > 540 ? addDays(filing, 540) : null,
        grant_no: grantDate && (kind === 'invention' || kind === 'utility' || kind === 'design') ? `CN${String(200000000 + i * 41).slice(0, 9)}${kind === 'invention' ? 'B' : kind === 'utility' ? 'U' : 'S'}` : null,
        grant_date: grantDate,
        title,
        applicants: applicants.join('; '),
        current_owner: applicants.join('; '),
        university_owned: owned ? 1 : 0,
        ipc_main: kind === 'invention' || kind === 'utility' ? (real.ipc[0] ?? null) : null,
        ipc_all: kind === 'invention' || kind === 'utility' ? real.ipc.join('; ') : '',
        status_group: group,
        status_event: event,
        status_raw: raw,
        status_date: grantDate ?? filing,
        expiry_date: computeExpiryDate(kind, filing),
        abstract: `本${kind === 'design' ? '外观设计' : kind === 'software' ? '软件' : '发明'}涉及${title}。（演示数据：摘要为示意文字。）`,
        college: college.name,
        source_batch_id: batchId,
        created_at: at,
        updated_at: at,
      })
    }
    for (let i = 0; i < assets.length; i += CHUNK) {
      await checkpoint()
      await trx.insertInto('ip_asset').values(assets.slice(i, i + CHUNK)).execute()
      done += Math.min(CHUNK, assets.length - i)
      progress('生成知识产权', done, totalSteps)
    }
    const assetRows = await trx.selectFrom('ip_asset').select(['id', 'kind', 'grant_date', 'university_owned', 'status_group']).orderBy('id').execute()

    const inventorRows = assetRows.flatMap((asset, i) =>
      inventorsOf[i]!.map((inv, r) => ({
        asset_id: asset.id,
        rank: r + 1,
        raw_name: inv.name,
        researcher_id: inv.researcherId,
        link_state: inv.state,
        candidates: JSON.stringify(inv.candidates),
      })),
    )
    await insertChunked(trx, 'asset_inventor', inventorRows, checkpoint)

    const disciplineRows: { asset_id: number; discipline_code: string }[] = []
    const projectLinks: { asset_id: number; project_id: number }[] = []
    const conversions: Insertable<DB['conversion']>[] = []
    assetRows.forEach((asset, i) => {
      const first = inventorsOf[i]!.find((inv) => inv.researcherId !== null)
      const researcher = first ? researcherRows.find((r) => r.id === first.researcherId) : undefined
      const college = COLLEGES.find((c) => c.name === collegeOf[i])!
      disciplineRows.push({ asset_id: asset.id, discipline_code: researcher?.discipline_code ?? college.disciplines[0]! })
      if (asset.university_owned && random.chance(0.45)) projectLinks.push({ asset_id: asset.id, project_id: random.pick(projects).id })
      if (asset.grant_date && asset.university_owned && asset.kind !== 'software' && random.chance(0.09)) {
        const kind = random.weighted([['transfer', 5], ['license', 3], ['open_license', 2], ['equity', 1], ['pledge', 1]] as const)
        const contractDate = addDays(asset.grant_date, random.int(30, 900))
        if (contractDate > today) return
        const amount = kind === 'open_license' ? random.int(1, 5) * 10_000 : random.int(2, 120) * 10_000
        conversions.push({
          asset_id: asset.id,
          kind,
          stage: kind === 'open_license' ? (random.chance(0.4) ? 'implemented' : 'published') : null,
          counterparty: kind === 'open_license' && random.chance(0.5) ? '' : random.pick(PARTNER_COMPANIES),
          contract_date: contractDate,
          contract_amount_yuan: amount,
          received_amount_yuan: random.chance(0.7) ? amount : Math.round(amount * 0.4),
          recorded: random.chance(0.8) ? 1 : 0,
          source_batch_id: batchId,
          created_at: at,
          updated_at: at,
        })
      }
    })
    await insertChunked(trx, 'asset_discipline', disciplineRows)
    await insertChunked(trx, 'asset_project', projectLinks)
    await insertChunked(trx, 'conversion', conversions)

    progress('生成服务记录', done, totalSteps)
    const services: Insertable<DB['service_record']>[] = []
    for (let i = 0; i < serviceCount; i++) {
      const date = random.date(`${thisYear - 1}-01-01`, today)
      const kind = random.weighted([['consultation', 80], ['training', 8], ['report', 9], ['navigation', 2], ['warning', 1]] as const)
      const researcher = random.chance(0.6) ? random.pick(researcherRows) : null
      const base = {
        kind,
        date,
        staff: random.pick(['演示馆员', '陈晓', '刘洋']),
        created_at: at,
        updated_at: at,
        source_batch_id: batchId,
      }
      switch (kind) {
        case 'consultation':
          services.push({
            ...base,
            channel: random.weighted([['window', 5], ['phone', 3], ['online', 4], ['event', 1]] as const),
            requester_type: researcher ? 'teacher' : random.weighted([['student', 5], ['enterprise', 2], ['public', 1], ['department', 1]] as const),
            requester_name: researcher?.name ?? personName(random),
            requester_researcher_id: researcher?.id ?? null,
            college: researcher?.college ?? random.pick(COLLEGES).name,
            topic: random.pick(CONSULTATION_TOPICS),
            question: '咨询专利申请前的检索与撰写要点。',
            answer: '介绍了检索策略与交底书撰写要求，建议先做查新检索。',
            duration_min: random.int(10, 60),
            follow_up_date: random.chance(0.15) ? addDays(date, 14) : null,
          })
          break
        case 'training':
          services.push({ ...base, title: `${random.pick(['专利检索实务', '职务发明披露', '专利导航入门', '数据库使用'])}培训`, audience: random.pick(['研究生', '青年教师', '院系科研秘书']), attendees: random.int(20, 160), hours: random.pick([1.5, 2, 3]), organiser: '信息服务中心', channel: 'event' })
          break
        case 'report':
          services.push({ ...base, report_kind: random.pick(REPORT_KINDS), requester_name: researcher?.name ?? personName(random), requester_researcher_id: researcher?.id ?? null, requester_type: 'teacher', title: `${random.pick(realTitles()).title.slice(0, 16)}${random.pick(['查新', '检索', '分析'])}报告`, delivered_date: addDays(date, random.int(5, 20)), pages: random.int(8, 60), college: researcher?.college ?? '' })
          break
        case 'navigation':
        case 'warning':
          services.push({ ...base, title: `${random.pick(['新能源汽车', '集成电路', '生物医药', '高端装备'])}产业专利${kind === 'navigation' ? '导航' : '预警'}`, team: '信息服务中心分析组', start_date: date, end_date: addDays(date, random.int(60, 200)) })
          break
        default: {
          const unreachable: never = kind
          throw new Error(`unhandled service kind ${String(unreachable)}`)
        }
      }
    }
    await insertChunked(trx, 'service_record', services, checkpoint)
    done += serviceCount
    progress('生成披露核实与评估', done, totalSteps)
    await seedDemoDisclosures(trx, { today })
    await seedDemoEvaluations(trx, random, today)
    const counts = await countArchive(trx)
    await trx.updateTable('import_batch').set({ rows: counts.assets, inserted: counts.assets }).where('id', '=', batchId).execute()
    await appendAudit(trx, { operator: '演示馆员', action: 'import', entity: 'demo', entityId: batchId, after: counts })
    progress('完成', totalSteps, totalSteps)
    return counts
  })
}
