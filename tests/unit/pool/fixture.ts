import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { AssetKind, ConversionKind, DB, StatusGroup } from '../../../src-main/db/schema'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import { computeExpiryDate } from '../../../src-main/domain/term'

// Building small, exactly-known archives for the pool tests: patents with chosen dates, owners, states,
// disciplines, projects and conversions. Titles, inventors and abstracts come from real CNKI records
// (tests/fixtures/pool/README.md).

export interface RealPatent {
  pubNo: string
  title: string
  inventors: string[]
  applicant: string
  filing: string
  abstract: string
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}

let real: RealPatent[] | null = null
export function realPatents(): RealPatent[] {
  if (real) return real
  const text = readFileSync(resolve(__dirname, '../../fixtures/pool/cnki_patents_material_chemistry_2018_33.csv'), 'utf-8')
  const [header, ...rows] = parseCsv(text)
  const col = (name: string) => header!.indexOf(name)
  real = rows.map((r) => ({
    pubNo: r[col('publication_number')]!,
    title: r[col('title')]!,
    inventors: r[col('inventors')]!.split(/[;；]/).filter(Boolean),
    applicant: r[col('applicant')]!,
    filing: r[col('application_date')]!,
    abstract: r[col('abstract')]!,
  }))
  return real
}

let serial = 100000

export interface PatentSpec {
  kind?: AssetKind
  filing: string
  grant?: string | null
  owned?: boolean
  status?: StatusGroup
  college?: string
  ipc?: string | null
  title?: string
  applicants?: string
  abstract?: string
  inventors?: string[]
  /** 4-digit discipline codes. */
  disciplines?: string[]
  fiscal?: boolean
  /** Default: computed from kind and filing date. */
  expiry?: string | null
}

export function appNo(kind: AssetKind, filing: string): string {
  serial += 7
  const digits = `${filing.slice(0, 4)}${kind === 'utility' ? 2 : kind === 'design' ? 3 : 1}${String(serial).padStart(7, '0')}`
  return `${digits}.${applicationCheckChar(digits)}`
}

let projectSerial = 0

export async function addPatent(db: Kysely<DB>, spec: PatentSpec): Promise<number> {
  const kind = spec.kind ?? 'invention'
  const at = new Date().toISOString()
  const [row] = await db
    .insertInto('ip_asset')
    .values({
      kind,
      app_no: kind === 'software' ? `${spec.filing.slice(0, 4)}SR${String((serial += 3)).padStart(7, '0')}` : appNo(kind, spec.filing),
      filing_date: spec.filing,
      grant_date: spec.grant === undefined ? spec.filing.replace(/^(\d{4})/, (y) => String(Number(y) + 2)) : spec.grant,
      title: spec.title ?? '一种锂离子电池正极材料及其制备方法',
      applicants: spec.applicants ?? '东海理工大学',
      current_owner: spec.applicants ?? '东海理工大学',
      university_owned: spec.owned === false ? 0 : 1,
      ipc_main: spec.ipc === undefined ? 'H01M 4/36' : spec.ipc,
      ipc_all: spec.ipc ?? '',
      status_group: spec.status ?? 'valid',
      expiry_date: spec.expiry === undefined ? computeExpiryDate(kind, spec.filing) : spec.expiry,
      abstract: spec.abstract ?? '',
      college: spec.college ?? '材料科学与工程学院',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .execute()
  const id = row!.id
  const inventors = spec.inventors ?? ['张伟', '李娜']
  if (inventors.length) {
    await db
      .insertInto('asset_inventor')
      .values(inventors.map((name, i) => ({ asset_id: id, rank: i + 1, raw_name: name })))
      .execute()
  }
  for (const code of spec.disciplines ?? ['0805']) await db.insertInto('asset_discipline').values({ asset_id: id, discipline_code: code }).execute()
  if (spec.fiscal !== undefined) {
    projectSerial++
    const [project] = await db
      .insertInto('project')
      .values({ project_no: `P${projectSerial}`, name: `项目${projectSerial}`, fiscal_funded: spec.fiscal ? 1 : 0, created_at: at, updated_at: at })
      .returning('id')
      .execute()
    await db.insertInto('asset_project').values({ asset_id: id, project_id: project!.id }).execute()
  }
  return id
}

export interface ConversionSpec {
  kind: ConversionKind
  stage?: 'published' | 'implemented' | null
  contract?: string | null
  start?: string | null
  end?: string | null
  amount?: number | null
}

export async function addConversion(db: Kysely<DB>, assetId: number, spec: ConversionSpec): Promise<number> {
  const at = new Date().toISOString()
  const [row] = await db
    .insertInto('conversion')
    .values({
      asset_id: assetId,
      kind: spec.kind,
      stage: spec.stage ?? (spec.kind === 'open_license' ? 'published' : null),
      contract_date: spec.contract === undefined ? '2024-01-10' : spec.contract,
      start_date: spec.start ?? null,
      end_date: spec.end ?? null,
      contract_amount_yuan: spec.amount ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .execute()
  return row!.id
}

export async function setOperator(db: Kysely<DB>, name = '测试馆员'): Promise<void> {
  const { updateSettings } = await import('../../../src-main/settings/service')
  await updateSettings(db, { operatorName: name, universityName: '东海理工大学', centreName: '东海理工大学国家知识产权信息服务中心' })
}
