import type Database from 'better-sqlite3'
import type { ProjectLevel } from '../../db/schema'
import { isYearMonthNumber, parsePartialDate, yearMonthNumberDate } from '../../domain/cell-values'
import { removeBlanks, toHalfWidth } from '../../domain/text-width'
import { personKey } from '../linking/match'
import { cleanCode, cleanPersonName, parseYesNo, type PersonWriteResult } from './people'
import { oneLine, earlierRowPlace, type RowReader } from './row-reader'

// Project lists (项目清单): upsert by 项目编号.

export interface ProjectRow {
  rowNumber: number
  /** The worksheet, for a row of a later worksheet (RowReader.sheet). */
  sheet?: string
  projectNo: string
  name: string | undefined
  funder: string | undefined
  level: ProjectLevel | undefined
  fiscalFunded: 0 | 1 | undefined
  startDate: string | undefined
  endDate: string | undefined
  piStaffNo: string | undefined
  piName: string | undefined
  /** The PI's college as the list gives it: tells namesakes apart when the PI is given by name only. */
  piCollege: string | undefined
  note: string | undefined
}

/** 国家级 / 省部级 / 横向 / 校级 / 其他, from the many ways ledgers write them. */
export function parseProjectLevel(text: string): ProjectLevel | null {
  const t = removeBlanks(toHalfWidth(text)).toLowerCase()
  if (t === '') return null
  if (['national', 'provincial', 'industry', 'university', 'other'].includes(t)) return t as ProjectLevel
  // 国际合作 (a programme line of the ministries and foundations) is not a company's contract.
  if (/国际/u.test(t)) return 'other'
  if (/横向|企业|委托|合作|技术服务|技术开发|产学研/u.test(t)) return 'industry'
  // A college's own projects (院级, 学院): below the university's, 'other'.
  if (/院级|学院/u.test(t)) return 'other'
  if (/国家|国家级|国字头|中央/u.test(t)) return 'national'
  if (/省|部|自治区|直辖市/u.test(t)) return 'provincial'
  if (/校/u.test(t)) return 'university'
  if (/市|厅|局|区|县|其他|其它/u.test(t)) return 'other'
  return null
}

function parseFiscal(text: string): 0 | 1 | null {
  const t = removeBlanks(toHalfWidth(text))
  // 中央财政, 地方财政, 是（中央财政）, 财政拨款, 纵向 (government-funded) are fiscal; 横向 (a company's) is not.
  if (/非财政|自筹|企业资金|横向/u.test(t)) return 0
  if (/财政|纵向/u.test(t)) return 1
  return parseYesNo(t)
}

/** "Still running" in place of an end date ('2021.01-至今', '2021.01 至今'): the period has no end yet. */
const ONGOING = /^(.+?)\s*(?:-|—+|–|~|～|到)?\s*(?:至今|至现在|现在|目前|在研|进行中|未结题)$/u

/**
 * '2021-01-01至2023-12-31', '2021.01-2023.12', '2021/1/1 ~ 2022/6/30', '2021年-2024年', '2021-01-2023-06', the
 * two dates on two lines → [start, end]; '2021.01-至今' → [start, undefined].
 */
export function parsePeriod(text: string): [string, string | undefined] | null {
  const t = toHalfWidth(text).trim()
  const ongoing = ONGOING.exec(removeBlanks(t))
  if (ongoing) {
    const start = parsePartialDate(ongoing[1]!, false)
    return start ? [start, undefined] : null
  }
  // One year ('2020年') or one month ('2021.03'): the project runs within it.
  if (/^\d{4}年?$|^\d{4}[-./年]\d{1,2}月?$/u.test(removeBlanks(t))) {
    const start = parsePartialDate(t, false)
    const end = parsePartialDate(t, true)
    return start && end ? [start, end] : null
  }
  // A hyphen separates the two dates when it has blanks around it ('2022-01-01 - 2022-12-31') or when
  // the dates themselves use no hyphen ('2021.01-2023.12', '2021年1月-2023年12月').
  let parts = t.split(/\s*(?:至|到|~|～|—+|–|--)\s*|\s+-\s+|\s*[\r\n]+\s*/u).filter((p) => p !== '')
  if (parts.length !== 2) {
    const half = '\\d{4}(?:年|[./年]\\d{1,2}(?:月|[./月]\\d{1,2}日?)?)?'
    const m =
      new RegExp(`^(${half})\\s*-\\s*(${half})$`, 'u').exec(t) ??
      /^(\d{4}-\d{1,2}-\d{1,2})-(\d{4}-\d{1,2}-\d{1,2})$/u.exec(t) ??
      /^(\d{4}-\d{1,2})-(\d{4}-\d{1,2})$/u.exec(t)
    parts = m ? [m[1]!, m[2]!] : []
  }
  if (parts.length !== 2) return null
  const start = parsePartialDate(parts[0]!, false)
  const end = parsePartialDate(parts[1]!, true)
  return start && end ? [start, end] : null
}

function dateOrPartial(r: RowReader, field: 'startDate' | 'endDate'): string | undefined {
  const text = r.value(field)
  if (text === '') return undefined
  const raw = r.raw(field)
  // 2021.01 or 202101 typed into a number cell: a month, not an Excel date serial.
  if (typeof raw === 'number' && isYearMonthNumber(raw)) {
    const month = yearMonthNumberDate(raw, field === 'endDate')
    if (month !== null) return month
  }
  if (raw instanceof Date || typeof raw === 'number') return r.date(field)
  const iso = parsePartialDate(text, field === 'endDate')
  if (iso === null) r.problem(field, `“${text}”不是有效日期：请写成 2021-01-01、2021/1/1、2021.01 这样的日期`)
  return iso ?? undefined
}

export function readProjectRow(r: RowReader): ProjectRow | null {
  const projectNo = toHalfWidth(r.value('projectNo')).trim()
  if (projectNo === '') r.problem('projectNo', '缺少项目编号：项目清单以项目编号区分每个项目，请补上')
  else if (projectNo.length > 100) r.problem('projectNo', '项目编号太长（超过 100 个字符）：请核对')
  const name = oneLine(r.text('name'))
  if (name.length > 300) r.problem('name', '项目名称太长（超过 300 个字符）：请核对')
  let level: ProjectLevel | undefined
  const levelText = r.value('level')
  if (levelText !== '') {
    const v = parseProjectLevel(levelText)
    if (v === null) r.problem('level', `级别“${levelText}”无法识别：请填写 国家级、省部级、横向、校级 或 其他`)
    else level = v
  }
  let fiscalFunded: 0 | 1 | undefined
  const fiscalText = r.value('fiscalFunded')
  if (fiscalText !== '') {
    const v = parseFiscal(fiscalText)
    if (v === null) r.problem('fiscalFunded', `是否财政资助“${fiscalText}”无法识别：请填写“是”或“否”`)
    else fiscalFunded = v
  }
  let startDate = dateOrPartial(r, 'startDate')
  let endDate = dateOrPartial(r, 'endDate')
  const periodText = r.value('period')
  if (periodText !== '' && (startDate === undefined || endDate === undefined)) {
    const period = parsePeriod(periodText)
    if (period === null) r.problem('period', `起止日期“${periodText}”无法识别：请写成 2021-01-01至2023-12-31 或 2021.01-2023.12`)
    else {
      startDate ??= period[0]
      endDate ??= period[1]
    }
  }
  if (startDate && endDate && startDate > endDate) r.problem(r.has('endDate') ? 'endDate' : 'period', `结束日期 ${endDate} 早于开始日期 ${startDate}：请核对`)
  if (!r.ok) return null
  const piStaffNo = cleanCode(r.value('piStaffNo'))
  const piName = r.value('piName')
  return {
    rowNumber: r.rowNumber,
    ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
    projectNo,
    name: name || undefined,
    funder: oneLine(r.value('funder')) || undefined,
    level,
    fiscalFunded,
    startDate,
    endDate,
    piStaffNo: piStaffNo || undefined,
    piName: piName ? cleanPersonName(piName) : undefined,
    piCollege: oneLine(r.value('piCollege')) || undefined,
    note: r.text('note') || undefined,
  }
}

interface StoredProject {
  id: number
  project_no: string
  name: string
  funder: string
  level: ProjectLevel
  fiscal_funded: number
  start_date: string | null
  end_date: string | null
  pi_researcher_id: number | null
  note: string
}

export type ProjectWriteResult = (PersonWriteResult & { warning?: string }) | { problem: string; field: 'projectNo' | 'name' | 'piStaffNo' | 'piName' }

/** A college's name for comparing two spellings of it: blanks and full-width forms do not matter. */
function sameCollegeKey(college: string): string {
  return removeBlanks(toHalfWidth(college))
}

export class ProjectWriter {
  private readonly byNo: Database.Statement
  private readonly researcherByStaffNo: Database.Statement
  private readonly researchersByName: Database.Statement
  private readonly researchersByBareStaffNo: Database.Statement
  private readonly insert: Database.Statement
  private readonly update: Database.Statement

  constructor(
    sqlite: Database.Database,
    private readonly now: string,
    /** The header's worksheet, to name it in a message about a row of a later worksheet. */
    private readonly headerSheet: string | null = null,
  ) {
    this.byNo = sqlite.prepare('SELECT * FROM project WHERE project_no = ?')
    this.researcherByStaffNo = sqlite.prepare('SELECT id, name FROM researcher WHERE staff_no = ?')
    this.researchersByName = sqlite.prepare('SELECT id, name, college FROM researcher WHERE name = ?')
    // A 工号 that lost its leading zeros in a spreadsheet (0012 → 12).
    this.researchersByBareStaffNo = sqlite.prepare("SELECT id, name, staff_no FROM researcher WHERE ltrim(staff_no, '0') = ? LIMIT 2")
    this.insert = sqlite.prepare(
      `INSERT INTO project (project_no, name, funder, level, fiscal_funded, start_date, end_date, pi_researcher_id, note, created_at, updated_at)
       VALUES (@project_no, @name, @funder, @level, @fiscal_funded, @start_date, @end_date, @pi_researcher_id, @note, @now, @now)`,
    )
    this.update = sqlite.prepare(
      `UPDATE project SET name = @name, funder = @funder, level = @level, fiscal_funded = @fiscal_funded, start_date = @start_date,
         end_date = @end_date, pi_researcher_id = @pi_researcher_id, note = @note, updated_at = @now WHERE id = @id`,
    )
  }

  /** The PI's researcher id: by 工号 (must exist), else by a name held by exactly one researcher. */
  private principal(row: ProjectRow): { id: number | undefined; problem?: ProjectWriteResult; warning?: string } {
    if (row.piStaffNo) {
      let r = this.researcherByStaffNo.get(row.piStaffNo) as { id: number; name: string } | undefined
      if (!r && /^\d+$/u.test(row.piStaffNo)) {
        const bare = this.researchersByBareStaffNo.all(row.piStaffNo.replace(/^0+/u, '')) as { id: number; name: string }[]
        if (bare.length === 1) r = bare[0]
      }
      if (!r) {
        return {
          id: undefined,
          problem: { field: 'piStaffNo', problem: `负责人工号 ${row.piStaffNo} 不在科研人员名单中：请先导入人员名单，或核对工号` },
        }
      }
      if (row.piName && personKey(row.piName) !== personKey(r.name)) {
        return {
          id: undefined,
          problem: { field: 'piName', problem: `负责人工号 ${row.piStaffNo} 在名单中是“${r.name}”，与本行的负责人“${row.piName}”不一致：请核对` },
        }
      }
      return { id: r.id }
    }
    if (row.piName) {
      const matches = this.researchersByName.all(row.piName) as { id: number; college: string }[]
      if (matches.length === 1) return { id: matches[0]!.id }
      // Namesakes: the list's college for the PI may tell them apart.
      const college = row.piCollege === undefined ? '' : sameCollegeKey(row.piCollege)
      const inCollege = college === '' ? [] : matches.filter((m) => sameCollegeKey(m.college) === college)
      if (inCollege.length === 1) return { id: inCollege[0]!.id }
      return {
        id: undefined,
        warning:
          matches.length === 0
            ? `负责人“${row.piName}”不在科研人员名单中，项目未关联负责人`
            : `负责人“${row.piName}”在名单中有 ${matches.length} 位同名人员${college === '' ? '' : `（${inCollege.length === 0 ? `其中没有“${row.piCollege}”的` : `“${row.piCollege}”也有 ${inCollege.length} 位`}）`}，项目未关联负责人：请在“负责人工号”列填写工号`,
      }
    }
    return { id: undefined }
  }

  /** 项目编号 → the row it first appeared on in this file, and the name given there. */
  private readonly seen = new Map<string, { row: number; sheet: string | undefined; name: string | undefined }>()

  write(row: ProjectRow): ProjectWriteResult {
    // One 项目编号 twice in a file with two names: two projects under one number, or a typo. Not silently the last.
    const earlier = this.seen.get(row.projectNo)
    if (earlier && earlier.name !== undefined && row.name !== undefined && earlier.name !== row.name) {
      return {
        field: 'projectNo',
        problem: `项目编号 ${row.projectNo} 在${earlierRowPlace(earlier, row.sheet, this.headerSheet)}已出现（项目名称“${earlier.name}”），本行名称为“${row.name}”：同一编号不能是两个项目，请核对`,
      }
    }
    if (!earlier) this.seen.set(row.projectNo, { row: row.rowNumber, sheet: row.sheet, name: row.name })
    const pi = this.principal(row)
    if (pi.problem) return pi.problem
    const stored = this.byNo.get(row.projectNo) as StoredProject | undefined
    if (!stored) {
      if (row.name === undefined) return { field: 'name', problem: '缺少项目名称：新项目必须有名称，请补上' }
      const id = Number(
        this.insert.run({
          project_no: row.projectNo,
          name: row.name,
          funder: row.funder ?? '',
          level: row.level ?? 'other',
          fiscal_funded: row.fiscalFunded ?? 0,
          start_date: row.startDate ?? null,
          end_date: row.endDate ?? null,
          pi_researcher_id: pi.id ?? null,
          note: row.note ?? '',
          now: this.now,
        }).lastInsertRowid,
      )
      return { outcome: 'inserted', id, warning: pi.warning }
    }
    const next = {
      name: row.name ?? stored.name,
      funder: row.funder ?? stored.funder,
      level: row.level ?? stored.level,
      fiscal_funded: row.fiscalFunded ?? stored.fiscal_funded,
      start_date: row.startDate ?? stored.start_date,
      end_date: row.endDate ?? stored.end_date,
      pi_researcher_id: pi.id ?? stored.pi_researcher_id,
      note: row.note ?? stored.note,
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== stored[k])
    if (!changed) return { outcome: 'unchanged', id: stored.id, warning: pi.warning }
    this.update.run({ ...next, id: stored.id, now: this.now })
    return { outcome: 'updated', id: stored.id, warning: pi.warning }
  }
}
