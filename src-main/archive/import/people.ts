import type Database from 'better-sqlite3'
import { isYearMonthNumber, parsePartialDate, yearMonthNumberDate } from '../../domain/cell-values'
import { nameInitials } from '../../domain/pinyin'
import { SECOND_LEVEL_DISCIPLINES } from '../../domain/second-level-disciplines'
import { hasCjk, removeBlanks, toHalfWidth } from '../../domain/text-width'
import { personKey } from '../linking/match'
import { oneLine, earlierRowPlace, type RowReader } from './row-reader'
import type { RowOutcome } from './patent-writer'

// Researcher rosters (人员名单): upsert by 工号. A roster is the university's own list, so every column
// it gives replaces the stored value; empty cells never erase.

export interface ResearcherRow {
  rowNumber: number
  /** The worksheet, for a row of a later worksheet (RowReader.sheet). */
  sheet?: string
  staffNo: string
  /** The 工号 came from a number cell (which cannot hold leading zeros). */
  staffNoFromNumber: boolean
  name: string | undefined
  college: string | undefined
  disciplineCode: string | undefined
  title: string | undefined
  active: 0 | 1 | undefined
  joinedOn: string | undefined
  leftOn: string | undefined
  note: string | undefined
  /** What the import did with a value that needs saying (two disciplines in one cell), for the summary. */
  notes: string[]
}

const YES = new Set([
  '是', '在职', '在岗', '1', 'y', 'yes', 'true', '√', '有', '正常', '在编', '在编在岗', '在职在岗', '返聘', '退休返聘', '延聘', '外聘', '聘用',
  '合同制', '病休', '病假', '产假', '休假', '借调', '访学', '出国', '出国访学', '国外访学', '进修', '挂职', '待岗', '停薪留职', '流动',
])
const NO = new Set([
  '否', '离职', '离岗', '调离', '调出', '调走', '转出', '离校', '已离校', '退休', '离休', '离退休', '内退', '离岗退养', '退养', '0', 'n', 'no',
  'false', '×', '无', '已离职', '已退休', '已调出', '辞职', '解聘', '去世', '死亡', '已故', '病故', '不在职',
])

/** 是/否 and its many spellings; null when the text is neither. */
export function parseYesNo(text: string): 0 | 1 | null {
  const t = removeBlanks(toHalfWidth(text)).toLowerCase()
  if (YES.has(t)) return 1
  if (NO.has(t)) return 0
  return null
}

/** A staff number as typed: full-width digits folded, blanks removed (numeric cells come as '2019001'). */
export function cleanCode(text: string): string {
  return removeBlanks(toHalfWidth(text)).toUpperCase()
}

/** '王 芳' (rosters pad two-character names) → '王芳'; Latin names keep their spaces. */
export function cleanPersonName(text: string): string {
  const line = oneLine(text)
  const compact = removeBlanks(line)
  return hasCjk(compact) && /^[\p{Script=Han}·•.]+$/u.test(compact) ? compact : line
}

/**
 * Names and codes of the 2011 catalogue that the 2022 one renamed or moved, as rosters still write them.
 * '工商管理' is now the name of a professional degree (1251); on a roster it is the discipline 1202.
 */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
  ['工商管理', '1202'],
  ['公共管理', '1204'],
  ['图书情报与档案管理', '1205'],
  ['图书馆、情报与档案管理', '1205'],
])
const LEGACY_CODES: ReadonlyMap<string, string> = new Map([['1305', '1403']]) // 设计学

export class DisciplineLookup {
  private readonly codes = new Set<string>()
  private readonly byName = new Map<string, string>()
  private readonly names = new Map<string, string>()

  constructor(sqlite: Database.Database) {
    const rows = sqlite.prepare('SELECT code, name, level FROM discipline ORDER BY level DESC, code').all() as { code: string; name: string; level: string }[]
    // 'professional' < 'first_level' < 'category' in DESC order: first-level names win over a category or
    // professional-degree name spelled the same (哲学 01 / 0101).
    for (const r of rows) {
      this.codes.add(r.code)
      this.names.set(r.code, r.name)
      const key = removeBlanks(r.name)
      if (!this.byName.has(key) || r.level === 'first_level') this.byName.set(key, r.code)
    }
  }

  /**
   * Code for '0812', '0812 计算机科学与技术', '计算机科学与技术', '计算机科学与技术(0812)', '081200' (the
   * six-digit form), 812 (a numeric cell that lost its leading zero); null when unknown.
   */
  resolve(text: string): string | null {
    const t = removeBlanks(toHalfWidth(text))
    const code = /^(\d{6}|\d{4}|\d{3}|\d{2})(?!\d)/u.exec(t)?.[1]
    if (code !== undefined) return this.knownCode(code)
    const trailing = /[（(](\d{4}|\d{6})[)）]$/u.exec(t)?.[1]
    if (trailing !== undefined) return this.knownCode(trailing)
    const name = t.replace(/^[（(]?[一二三四五六七八九十\d]+[)）.、]?/u, '').replace(/(?:一级学科|学科)$/u, '')
    // '工学-计算机科学与技术', '工学/计算机科学与技术': the category, then the discipline.
    const last = name.split(/[-—/／>＞:：]/u).pop() ?? name
    return LEGACY_NAMES.get(name) ?? this.byName.get(name) ?? LEGACY_NAMES.get(last) ?? this.byName.get(last) ?? this.secondLevel(name) ?? this.secondLevel(last)
  }

  /** '0812 计算机科学与技术' for a code of the catalogue. */
  label(code: string): string {
    const name = this.names.get(code)
    return name === undefined ? code : `${code} ${name}`
  }

  /**
   * The disciplines of a cell that may give more than one ('0812;0835', '0812/0835', '计算机科学与技术、软件工程'),
   * in order, each once; [] when the cell is no discipline, or one of its parts is none. A category beside a
   * discipline ('工学/计算机科学与技术', '工学 计算机科学与技术') only says where the discipline is.
   */
  resolveAll(text: string): string[] {
    const trimmed = text.replace(/^[\s;；,，|｜、/／]+|[\s;；,，|｜、/／]+$/gu, '')
    // '、' and blanks also occur inside names (导航、制导与控制) and between a code and its name: tried last.
    for (const separators of [/[;；,，|｜\n/／]+/u, /[、\s]+/u]) {
      const parts = trimmed.split(separators).map((p) => p.trim()).filter((p) => p !== '')
      if (parts.length < 2) continue
      const codes = parts.map((p) => this.resolveOne(p))
      if (!codes.every((c) => c !== null)) continue
      const disciplines = (codes as string[]).filter((c) => c.length > 2)
      return [...new Set(disciplines.length ? disciplines : (codes as string[]))]
    }
    const whole = this.resolveOne(trimmed)
    return whole === null ? [] : [whole]
  }

  /** resolve(), and for a name with a note in brackets the name, else the note: 材料科学与工程（材料学）. */
  private resolveOne(text: string): string | null {
    const direct = this.resolve(text)
    if (direct !== null) return direct
    const noted = /^(.+?)\s*[（(]([^()（）]+)[)）]$/u.exec(text.trim())
    return noted === null ? null : (this.resolve(noted[1]!) ?? this.resolve(noted[2]!))
  }

  /** A second-level discipline of the 1997 catalogue (计算机应用技术) as its first-level one (0812). */
  private secondLevel(name: string): string | null {
    const code = SECOND_LEVEL_DISCIPLINES.get(name)
    return code !== undefined && this.codes.has(code) ? code : null
  }

  private knownCode(code: string): string | null {
    // '081200': the first-level discipline 0812 written with the second-level digits; '812': 0812 as a number.
    const candidates = code.length === 6 ? [code.slice(0, 4)] : code.length === 3 ? [`0${code}`] : [code]
    const known = candidates.find((c) => this.codes.has(c))
    if (known !== undefined) return known
    const legacy = LEGACY_CODES.get(candidates[0]!)
    return legacy !== undefined && this.codes.has(legacy) ? legacy : null
  }
}

function dayOrMonth(r: RowReader, field: 'joinedOn' | 'leftOn', end: boolean): string | undefined {
  const raw = r.raw(field)
  const text = r.value(field)
  // 2019.09 or 201909 typed into a number cell: a month, not an Excel date serial.
  if (typeof raw === 'number' && isYearMonthNumber(raw)) return yearMonthNumberDate(raw, end) ?? r.date(field)
  if (text === '' || raw instanceof Date || typeof raw === 'number') return r.date(field)
  const iso = parsePartialDate(text, end)
  if (iso === null) return r.date(field) // says what is wrong with it
  return iso
}

export function readResearcherRow(r: RowReader, disciplines: DisciplineLookup): ResearcherRow | null {
  const staffNo = cleanCode(r.value('staffNo'))
  if (staffNo === '') r.problem('staffNo', '缺少工号：人员名单以工号区分每一位科研人员，请补上工号')
  else if (staffNo.length > 50) r.problem('staffNo', `工号“${staffNo.slice(0, 20)}…”太长（超过 50 个字符）：请核对`)
  const nameText = r.text('name')
  const name = nameText === '' ? undefined : cleanPersonName(nameText)
  if (name !== undefined && name.length > 100) r.problem('name', '姓名太长（超过 100 个字符）：请核对')
  let disciplineCode: string | undefined
  const notes: string[] = []
  const disciplineText = r.value('discipline')
  if (disciplineText !== '') {
    const codes = disciplines.resolveAll(disciplineText)
    if (codes.length === 0) {
      r.problem(
        'discipline',
        `学科“${disciplineText}”不在《研究生教育学科专业目录（2022年）》中：请填写一级学科代码（如 0812）或名称（如 计算机科学与技术）`,
      )
    } else disciplineCode = codes[0]
    if (codes.length > 1) {
      notes.push(
        `学科一栏有 ${codes.length} 个学科（${codes.map((c) => disciplines.label(c)).join('；')}）：档案为每位人员记一个学科，已记为第一个 ${disciplines.label(codes[0]!)}；如需改为其他学科，请在人员页修改`,
      )
    }
  }
  let active: 0 | 1 | undefined
  const activeText = r.value('active')
  if (activeText !== '') {
    const v = parseYesNo(activeText)
    if (v === null) r.problem('active', `在职状态“${activeText}”无法识别：请填写“在职”或“离职”（也可填 是/否）`)
    else active = v
  }
  // HR lists often give only the month (来校时间 1990.07): the 1st of that month, or its last day for leaving.
  const joinedOn = dayOrMonth(r, 'joinedOn', false)
  const leftOn = dayOrMonth(r, 'leftOn', true)
  if (joinedOn && leftOn && joinedOn > leftOn) r.problem('leftOn', `离职日期 ${leftOn} 早于入职日期 ${joinedOn}：请核对两个日期`)
  if (leftOn !== undefined && active === undefined) active = 0
  if (!r.ok) return null
  const title = oneLine(r.text('title'))
  const college = oneLine(r.value('college'))
  const note = r.text('note')
  return {
    rowNumber: r.rowNumber,
    ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
    staffNo,
    staffNoFromNumber: typeof r.raw('staffNo') === 'number',
    name,
    college: college || undefined,
    disciplineCode,
    title: title || undefined,
    active,
    joinedOn,
    leftOn,
    notes,
    note: note || undefined,
  }
}

interface StoredResearcher {
  id: number
  staff_no: string
  name: string
  name_initials: string
  college: string
  discipline_code: string | null
  title: string
  active: number
  joined_on: string | null
  left_on: string | null
  note: string
}

export type PersonWriteResult = { outcome: RowOutcome; id: number } | { problem: string; field: 'staffNo' | 'name' }

export class ResearcherWriter {
  private readonly byStaffNo: Database.Statement
  private readonly insert: Database.Statement
  private readonly update: Database.Statement
  private readonly seen = new Map<string, { row: number; sheet: string | undefined; name: string }>()
  /** Folded names whose links may change: new or changed researchers (old and new names). */
  readonly affectedNames = new Set<string>()
  /** Researchers whose discipline changed: their linked assets' derived disciplines follow. */
  readonly disciplineChanged = new Set<number>()

  /** Digit-only 工号 by their digits without leading zeros ('00123' under '123'), with the name stored. */
  private readonly byBareStaffNo = new Map<string, { staffNo: string; name: string }[]>()

  constructor(
    sqlite: Database.Database,
    private readonly now: string,
    /** The header's worksheet, to name it in a message about a row of a later worksheet. */
    private readonly headerSheet: string | null = null,
  ) {
    for (const r of sqlite.prepare('SELECT staff_no, name FROM researcher').all() as { staff_no: string; name: string }[]) this.indexBare(r.staff_no, r.name)
    this.byStaffNo = sqlite.prepare('SELECT * FROM researcher WHERE staff_no = ?')
    this.insert = sqlite.prepare(
      `INSERT INTO researcher (staff_no, name, name_initials, college, discipline_code, title, active, joined_on, left_on, note, created_at, updated_at)
       VALUES (@staff_no, @name, @name_initials, @college, @discipline_code, @title, @active, @joined_on, @left_on, @note, @now, @now)`,
    )
    this.update = sqlite.prepare(
      `UPDATE researcher SET name = @name, name_initials = @name_initials, college = @college, discipline_code = @discipline_code,
         title = @title, active = @active, joined_on = @joined_on, left_on = @left_on, note = @note, updated_at = @now WHERE id = @id`,
    )
  }

  private indexBare(staffNo: string, name: string): void {
    if (!/^\d+$/u.test(staffNo)) return
    const bare = staffNo.replace(/^0+/u, '')
    const list = this.byBareStaffNo.get(bare)
    if (list) list.push({ staffNo, name })
    else this.byBareStaffNo.set(bare, [{ staffNo, name }])
  }

  /**
   * The 工号 as the archive has it. A number cell drops leading zeros (00123 → 123, even when Excel shows
   * 00123 through its number format): such a 工号 is the one stored with the zeros, when exactly one is and
   * the row names the same person — never a guess that would rename somebody else.
   */
  private storedStaffNo(staffNo: string, fromNumber: boolean, name: string | undefined): string {
    // Text keeps its zeros: '101' typed as text is a 工号 of its own, even beside a stored '0101'.
    if (!fromNumber || !/^\d+$/u.test(staffNo)) return staffNo
    const same = this.byBareStaffNo.get(staffNo.replace(/^0+/u, ''))
    if (same === undefined || same.length !== 1 || same[0]!.staffNo === staffNo) return staffNo
    const stored = same[0]!
    return name === undefined || personKey(name) === personKey(stored.name) ? stored.staffNo : staffNo
  }

  write(input: ResearcherRow): PersonWriteResult {
    const row = { ...input, staffNo: this.storedStaffNo(input.staffNo, input.staffNoFromNumber, input.name) }
    const earlier = this.seen.get(row.staffNo)
    if (earlier && row.name !== undefined && personKey(row.name) !== personKey(earlier.name)) {
      return {
        field: 'staffNo',
        problem: `工号 ${row.staffNo} 在${earlierRowPlace(earlier, row.sheet, this.headerSheet)}已出现（姓名“${earlier.name}”），本行姓名为“${row.name}”：同一工号不能对应两个人，请核对`,
      }
    }
    const stored = this.byStaffNo.get(row.staffNo) as StoredResearcher | undefined
    if (!stored) {
      if (row.name === undefined) return { field: 'name', problem: '缺少姓名：新科研人员必须有姓名，请补上' }
      const record = {
        staff_no: row.staffNo,
        name: row.name,
        name_initials: nameInitials(row.name),
        college: row.college ?? '',
        discipline_code: row.disciplineCode ?? null,
        title: row.title ?? '',
        active: row.active ?? 1,
        joined_on: row.joinedOn ?? null,
        left_on: row.leftOn ?? null,
        note: row.note ?? '',
        now: this.now,
      }
      const id = Number(this.insert.run(record).lastInsertRowid)
      this.indexBare(row.staffNo, row.name)
      this.seen.set(row.staffNo, { row: row.rowNumber, sheet: row.sheet, name: row.name })
      this.affectedNames.add(personKey(row.name))
      return { outcome: 'inserted', id }
    }
    const next = {
      name: row.name ?? stored.name,
      college: row.college ?? stored.college,
      discipline_code: row.disciplineCode ?? stored.discipline_code,
      title: row.title ?? stored.title,
      active: row.active ?? stored.active,
      joined_on: row.joinedOn ?? stored.joined_on,
      left_on: row.leftOn ?? stored.left_on,
      note: row.note ?? stored.note,
    }
    this.seen.set(row.staffNo, { row: row.rowNumber, sheet: row.sheet, name: next.name })
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== stored[k])
    if (!changed) return { outcome: 'unchanged', id: stored.id }
    this.update.run({ ...next, name_initials: nameInitials(next.name), id: stored.id, now: this.now })
    this.affectedNames.add(personKey(stored.name))
    this.affectedNames.add(personKey(next.name))
    if (next.discipline_code !== stored.discipline_code) this.disciplineChanged.add(stored.id)
    return { outcome: 'updated', id: stored.id }
  }
}
