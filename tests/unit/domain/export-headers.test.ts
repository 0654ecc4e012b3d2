import { describe, expect, it } from 'vitest'
import {
  detectDialect,
  detectPatentColumns,
  matchPatentHeader,
  normalizeHeader,
  PATENT_FIELD_LABELS,
  PATENT_FIELD_SYNONYMS,
  type PatentField,
} from '../../../src-main/domain/export-headers'
import { parseCsv, readCsvFixture, readFixtureText } from './fixtures'

describe('normalizeHeader', () => {
  it.each([
    ['公开（公告）号', '公开(公告)号'],
    ['公开(公告)号', '公开(公告)号'],
    ['标题 (中文)', '标题(中文)'],
    ['标题（中文）', '标题(中文)'],
    ['[标]原始申请(专利权)人', '原始申请(专利权)人'],
    ['【标】当前申请（专利权）人', '当前申请(专利权)人'],
    ['［标］原始申请(专利权)人', '原始申请(专利权)人'],
    ['\ufeff申请号', '申请号'],
    ['申 请 号', '申请号'],
    ['申\u3000请\u3000号', '申请号'],
    ['\u00a0申请日\u00a0', '申请日'],
    ['IPC主分类号', 'ipc主分类号'],
    ['ＩＰＣ分类号', 'ipc分类号'],
    ['Publication Number', 'publicationnumber'],
    ['*申请号', '申请号'],
    ['申请号：', '申请号'],
    ['法律状态/事件', '法律状态/事件'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeHeader(raw)).toBe(normalized)
  })
})

describe('synonyms from DESIGN.md §4', () => {
  // The table in DESIGN.md §4, field by field.
  const design: [PatentField, string[]][] = [
    ['appNo', ['申请号', '专利申请号', '申请（专利）号']],
    ['filingDate', ['申请日', '申请日期']],
    ['pubNo', ['公开（公告）号', '公开号', '公布号', '公告号']],
    ['pubDate', ['公开（公告）日', '公开日']],
    ['grantDate', ['授权公告日', '授权日']],
    ['grantNo', ['授权公告号']],
    ['title', ['发明名称', '专利名称', '名称', '标题', '标题 (中文)']],
    ['applicants', ['申请（专利权）人', '申请人', '原始申请(专利权)人', '[标]原始申请(专利权)人']],
    ['currentOwner', ['当前权利人', '当前申请(专利权)人', '[标]当前申请(专利权)人', '专利权人']],
    ['inventors', ['发明人', '发明（设计）人', '当前发明人名称']],
    ['firstInventor', ['第一发明人']],
    ['ipc', ['IPC分类号', 'IPC', '分类号']],
    ['ipcMain', ['IPC主分类号', 'IPC主分类', '主分类号']],
    ['kind', ['专利类型', '发明类型', '文献类型', '文献种类代码']],
    [
      'legalStatus',
      ['法律状态', '当前法律状态', '法律状态/事件', '简单法律状态', '专利有效性', '最新法律状态', '案件状态'],
    ],
    ['expiry', ['失效日', '预估到期日']],
    ['abstract', ['摘要', '申请摘要']],
    ['college', ['学院', '院系', '所属单位']],
  ]
  it.each(design)('%s', (field, headers) => {
    for (const header of headers) expect(matchPatentHeader(header), header).toBe(field)
  })

  it('matches both bracket widths and spaced spellings', () => {
    for (const header of ['公开(公告)号', '公开（公告）号', ' 公开 ( 公告 ) 号 ', '公开（公告)号']) {
      expect(matchPatentHeader(header), header).toBe('pubNo')
    }
    expect(matchPatentHeader('申请(专利权)人')).toBe('applicants')
    expect(matchPatentHeader('发明(设计)人')).toBe('inventors')
  })

  it('does not match headers by substring', () => {
    expect(matchPatentHeader('申请号备注')).toBeNull()
    expect(matchPatentHeader('专利')).toBeNull()
    expect(matchPatentHeader('')).toBeNull()
    expect(matchPatentHeader('   ')).toBeNull()
  })

  it("reads university ledgers' and templates' spellings: notes in brackets, '/' alternatives, '*' marks", () => {
    const ledger: [string, PatentField][] = [
      ['专利号/申请号', 'appNo'],
      ['专利申请号/专利号', 'appNo'],
      ['申请号*', 'appNo'],
      ['*申请号', 'appNo'],
      ['申请号（必填）', 'appNo'],
      ['申请号(专利号)', 'appNo'],
      ['公开号/公告号', 'pubNo'],
      ['发明名称/专利名称', 'title'],
      ['专利名称*', 'title'],
      ['发明人（设计人）', 'inventors'],
      ['申请人（专利权人）', 'applicants'],
      ['专利权人（申请人）', 'currentOwner'],
      ['专利权人/申请人', 'currentOwner'],
      ['学院（单位）', 'college'],
      ['所在学院', 'college'],
      ['法律状态（截至2024年5月）', 'legalStatus'],
      ['有效状态', 'legalStatus'],
      ['当前状态', 'legalStatus'],
      ['主分类', 'ipcMain'],
      // Synonyms with their own brackets or '/' still match whole.
      ['申请（专利权）人', 'applicants'],
      ['法律状态/事件', 'legalStatus'],
      ['标题 (中文)', 'title'],
    ]
    for (const [header, field] of ledger) expect(matchPatentHeader(header), header).toBe(field)
  })

  it('does not take a column whose note says it holds something else', () => {
    for (const header of [
      '标题 (英文)', '摘要（英文）', '发明人（工号）', '第一发明人(工号)', '学院（代码）', '申请人(外文)', '授权专利号', '备注/说明', '（必填）',
      '申请人（类型）', '发明人（人数）', '发明人（校外）', '申请日（年）', '申请人（地址）',
    ]) {
      expect(matchPatentHeader(header), header).toBeNull()
    }
    // A note that restates the field, or keeps the Chinese, is no change: a code note on a number column neither.
    expect(matchPatentHeader('申请号（专利号）')).toBe('appNo')
    expect(matchPatentHeader('发明名称（中英文）')).toBe('title')
    expect(matchPatentHeader('申请号（编号）')).toBe('appNo')
    expect(matchPatentHeader('发明人（校内）')).toBe('inventors')
  })

  it('has a Chinese label and at least one synonym for every field', () => {
    for (const field of Object.keys(PATENT_FIELD_LABELS) as PatentField[]) {
      expect(PATENT_FIELD_LABELS[field]).toMatch(/[\u4e00-\u9fff]/u)
      expect(PATENT_FIELD_SYNONYMS[field].length).toBeGreaterThan(0)
      // Every synonym maps back to its own field (no synonym is shadowed by another field's).
      for (const synonym of PATENT_FIELD_SYNONYMS[field]) expect(matchPatentHeader(synonym), synonym).toBe(field)
    }
    expect(Object.keys(PATENT_FIELD_SYNONYMS).sort()).toEqual(Object.keys(PATENT_FIELD_LABELS).sort())
  })
})

describe('headers observed in real exports', () => {
  const observed = readFixtureText('export_header_spellings_observed.txt')

  /** Header lists in the observed file: comma-separated runs of header-like tokens. */
  function observedHeaderTokens(): Set<string> {
    const tokens = new Set<string>()
    for (let line of observed.split(/\r?\n/u)) {
      const colon = line.lastIndexOf(': ')
      if (colon >= 0) line = line.slice(colon + 2)
      const parts = line.split(',').map((p) => p.trim())
      if (parts.length < 4) continue
      for (const p of parts) if (/^[\u4e00-\u9fff（）()A-Za-z/]+$/u.test(p)) tokens.add(p)
    }
    return tokens
  }

  // Every header the observed file lists, with the field it must map to (null: deliberately ignored —
  // family and citation columns the archive does not keep).
  const expected: Record<string, PatentField | null> = {
    申请号: 'appNo',
    申请日: 'filingDate',
    '公开（公告）号': 'pubNo',
    '公开（公告）日': 'pubDate',
    '申请（专利权）人': 'applicants',
    '发明（设计）人': 'inventors',
    分类号: 'ipc',
    优先权: 'priority',
    专利代理机构: 'agency',
    代理人: 'agent',
    国际申请: 'pctAppNo',
    国际公布: 'pctPubNo',
    进入国家日期: 'nationalPhaseDate',
    摘要: 'abstract',
    地址: 'address',
    名称: 'title',
    专利同族: null,
    专利引证: null,
    最新法律状态: 'legalStatus',
    法律状态: 'legalStatus',
    专利权状态: 'legalStatus',
    '申请（专利）号': 'appNo',
    主分类号: 'ipcMain',
    国省代码: 'provinceCode',
    序号: 'serial',
    公开日: 'pubDate',
    授权公告日: 'grantDate',
    申请人: 'applicants',
    发明人: 'inventors',
    公开号: 'pubNo',
    授权公告号: 'grantNo',
    专利类型: 'kind',
    专利名称: 'title',
    // 佰腾 record keys (item 3 of the file lists them with values, not as a header row).
    专利名: 'title',
  }

  it('maps every header of every observed header row', () => {
    const tokens = observedHeaderTokens()
    expect(tokens.size).toBeGreaterThan(30)
    for (const token of tokens) {
      expect(Object.hasOwn(expected, token), `observed header ${token} has no expectation`).toBe(true)
      expect(matchPatentHeader(token), token).toBe(expected[token])
    }
  })

  it('maps the 佰腾 record keys', () => {
    const baiten = ['申请号', '申请日', '公开号', '授权公告日', '申请（专利权）人', '发明人', '专利类型', '专利名', '法律状态']
    for (const key of baiten) {
      expect(observed).toContain(key)
      expect(matchPatentHeader(key), key).toBe(expected[key])
    }
    expect(detectDialect(baiten)).toBe('baiten')
    const google = ['id', 'title', 'assignee', 'inventor/author', 'priority date', 'filing/creation date', 'publication date', 'grant date', 'result link', 'representative figure link']
    expect(detectDialect(google)).toBe('google')
    expect(detectPatentColumns(google).mapping[0]).toBe('pubNo')
    // 'id' alone, without Google's own columns, is too plain a name to take for a number.
    expect(detectPatentColumns(['id', 'title', 'applicant']).mapping[0]).toBeUndefined()
    // A ledger that borrowed one of Google's headers beside an id of its own.
    expect(detectPatentColumns(['id', '申请号', '发明名称', 'inventor/author']).mapping[0]).toBeUndefined()
    expect(detectDialect(['id', '申请号', '发明名称', 'inventor/author'])).not.toBe('google')
  })

  it('detects the CNIPA-derived platform rows', () => {
    const zjip =
      '申请号,申请日,公开（公告）号,公开（公告）日,申请（专利权）人,发明（设计）人,分类号,优先权,专利代理机构,代理人,国际申请,国际公布,进入国家日期,摘要,地址,名称,专利同族,专利引证,最新法律状态,法律状态,专利权状态'
    const trs = '申请（专利）号,名称,主分类号,分类号,申请（专利权）人,发明（设计）人,公开（公告）日,公开（公告）号,专利代理机构,代理人,申请日,地址,摘要,国省代码'
    expect(observed).toContain(zjip)
    expect(observed).toContain(trs)
    const zjipHeaders = zjip.split(',')
    expect(detectDialect(zjipHeaders)).toBe('cnipa')
    expect(detectDialect(trs.split(','))).toBe('cnipa')

    const detection = detectPatentColumns(zjipHeaders)
    expect(detection.missingRequired).toEqual([])
    // First match wins: 最新法律状态 (col 18) is the status, the later 法律状态 and 专利权状态 are not used.
    expect(detection.mapping[18]).toBe('legalStatus')
    expect(detection.unmatched).toEqual([16, 17, 19, 20])
  })
})

describe('the full 58-column export', () => {
  const [full = []] = parseCsv(readFixtureText('full_export_58_columns.csv'))

  it('maps the columns the archive uses and leaves the rest unmatched', () => {
    // SOURCES.md calls it the 58-column export; its column list actually has 61 names.
    expect(full).toHaveLength(61)
    const detection = detectPatentColumns(full)
    const byHeader = Object.fromEntries(Object.entries(detection.mapping).map(([i, f]) => [full[Number(i)], f]))
    expect(byHeader).toEqual({
      序号: 'serial',
      申请日: 'filingDate',
      公开日: 'pubDate',
      授权公告日: 'grantDate',
      申请人: 'applicants',
      发明人: 'inventors',
      申请号: 'appNo',
      公开号: 'pubNo',
      授权公告号: 'grantNo',
      专利类型: 'kind',
      专利名称: 'title',
      授权名称: 'grantTitle',
      申请摘要: 'abstract',
      主权项: 'mainClaim',
      申请人地址: 'address',
      法律状态: 'legalStatus',
      主分类号: 'ipcMain',
      分类号: 'ipc',
      国省代码: 'provinceCode',
      专利代理人: 'agent',
      专利代理机构: 'agency',
      优先权: 'priority',
      全文链接: 'url',
      第一发明人: 'firstInventor',
      第一权利人: 'firstApplicant',
      申请人类型: 'applicantType',
      当前权利人: 'currentOwner',
      法律事件: 'legalEvents',
      专利转移次数: 'transferCount',
      许可次数: 'licenseCount',
      质押次数: 'pledgeCount',
      转让日期: 'transferDate',
      失效日期: 'expiry',
      质押日期: 'pledgeDate',
      许可日期: 'licenseDate',
      国际申请号: 'pctAppNo',
      国际公开号: 'pctPubNo',
      进入国家日期: 'nationalPhaseDate',
      实质审查日: 'examRequestDate',
    })
    const unmatched = detection.unmatched.map((i) => full[i])
    // Later duplicates of a field lose to the first column.
    expect(unmatched).toContain('当前发明人')
    expect(unmatched).toContain('当前专利代理人')
    expect(unmatched).toContain('当前专利代理机构')
    expect(unmatched).toContain('CPC主分类号')
    expect(detection.unmatched.length + Object.keys(detection.mapping).length).toBe(61)
    expect(detection.missingRequired).toEqual([])
    expect(detectDialect(full)).toBe('full58')
  })

  it('reads the 24-column sample with both 申请号 and 公开号 and the title from 专利名称', () => {
    const { headers } = readCsvFixture('cn_patents_zkdsj_sample_10.csv')
    const detection = detectPatentColumns(headers)
    const fieldIndex = (f: PatentField): number =>
      Number(Object.entries(detection.mapping).find(([, v]) => v === f)?.[0] ?? -1)
    expect(headers[fieldIndex('appNo')]).toBe('申请号')
    expect(headers[fieldIndex('pubNo')]).toBe('公开号')
    expect(headers[fieldIndex('title')]).toBe('专利名称')
    expect(headers[fieldIndex('grantTitle')]).toBe('授权名称')
    expect(headers[fieldIndex('firstInventor')]).toBe('第一发明人')
    expect(detection.missingRequired).toEqual([])
    expect(detectDialect(headers)).toBe('full58')
  })

  it('keeps 专利名称 as the title even when 授权名称 comes first', () => {
    const detection = detectPatentColumns(['授权名称', '专利名称', '申请号'])
    expect(detection.mapping).toEqual({ 0: 'grantTitle', 1: 'title', 2: 'appNo' })
  })
})

describe('scraped CSV files with English headers', () => {
  it('maps the CNKI scrape and reports the missing application number', () => {
    const { headers } = readCsvFixture('cnki_patents_material_chemistry_2018_33.csv')
    expect(headers).toEqual([
      'publication_number', 'title', 'inventors', 'applicant', 'application_date', 'publication_date', 'abstract',
      'first_claim', 'cnki_url',
    ])
    const detection = detectPatentColumns(headers)
    expect(Object.values(detection.mapping)).toEqual([
      'pubNo', 'title', 'inventors', 'applicants', 'filingDate', 'pubDate', 'abstract', 'mainClaim', 'url',
    ])
    expect(detection.unmatched).toEqual([])
    expect(detection.missingRequired).toEqual(['appNo'])
    expect(detectDialect(headers)).toBe('cnki')
  })

  it('maps the publication/title/IPC file', () => {
    const { headers } = readCsvFixture('cn_patents_pubno_title_ipc_first500.csv')
    expect(headers).toEqual(['publication_number', 'patent_title', 'ipc_subclasses'])
    expect(detectPatentColumns(headers).mapping).toEqual({ 0: 'pubNo', 1: 'title', 2: 'ipc' })
    expect(detectDialect(headers)).toBe('generic')
  })

  it('ignores case and separators in English headers', () => {
    expect(matchPatentHeader('Publication Number')).toBe('pubNo')
    expect(matchPatentHeader('PUBLICATION_NUMBER')).toBe('pubNo')
    expect(matchPatentHeader('Application Date')).toBe('filingDate')
  })
})

describe('detectDialect', () => {
  it('recognises Patsnap by its own columns', () => {
    expect(detectDialect(['公开(公告)号', '标题 (中文)', '申请号', '申请日'])).toBe('patsnap')
    expect(detectDialect(['申请号', '[标]原始申请(专利权)人'])).toBe('patsnap')
    expect(detectDialect(['申请号', '简单法律状态'])).toBe('patsnap')
    expect(detectDialect(['申请号', '法律状态/事件'])).toBe('patsnap')
  })

  it('recognises incoPat', () => {
    expect(detectDialect(['标题', '申请号', '公开（公告）号', '专利有效性', '当前法律状态'])).toBe('incopat')
    expect(detectDialect(['申请号', '文献种类代码'])).toBe('incopat')
    // incoPat's full export has 标题(英文) too, which alone would say Patsnap.
    expect(detectDialect(['序号', '标题', '标题(英文)', '申请号', '当前法律状态', '专利有效性', '合享价值度', 'incoPat链接'])).toBe('incopat')
  })

  it('falls back to generic', () => {
    expect(detectDialect(['申请号', '名称', '发明人'])).toBe('generic')
    expect(detectDialect([])).toBe('generic')
  })
})

describe('detectPatentColumns', () => {
  it('reports missing required fields and unmatched columns', () => {
    const detection = detectPatentColumns(['备注', '申请日', '发明人'])
    expect(detection.missingRequired).toEqual(['appNo', 'title'])
    expect(detection.unmatched).toEqual([0])
    expect(detection.mapping).toEqual({ 1: 'filingDate', 2: 'inventors' })
  })

  it('maps a Patsnap-style row with bracketed prefixes', () => {
    const detection = detectPatentColumns([
      '\ufeff序号', '公开(公告)号', '申请号', '标题 (中文)', '[标]原始申请(专利权)人', '[标]当前申请(专利权)人', '发明人',
      'IPC主分类号', 'IPC分类号', '简单法律状态', '法律状态/事件', '申请日', '公开(公告)日', '授权日', '失效日',
    ])
    expect(Object.values(detection.mapping)).toEqual([
      'serial', 'pubNo', 'appNo', 'title', 'applicants', 'currentOwner', 'inventors', 'ipcMain', 'ipc', 'legalStatus',
      'filingDate', 'pubDate', 'grantDate', 'expiry',
    ])
    // 法律状态/事件 is a second legal-status column; the first (简单法律状态) wins.
    expect(detection.unmatched).toEqual([10])
  })
})
