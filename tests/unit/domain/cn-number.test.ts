import { describe, expect, it } from 'vitest'
import {
  applicationCheckChar,
  checkNumber,
  formatApplicationNumber,
  isGrantKindCode,
  isValidKindCode,
  kindMismatchMessage,
  kindOfKindCode,
  kindOfTypeDigit,
  parseApplicationNumber,
  parsePublicationNumber,
  sameInventionDocuments,
} from '../../../src-main/domain/cn-number'
import type { AssetKind } from '../../../src-main/db/schema'
import { readCsvFixture, readFixtureText } from './fixtures'

const collector = readFixtureText('cn_application_numbers_cnipa_collector.txt')
  .split(/\r?\n/u)
  .filter((l) => l.trim() !== '')
const multiSource = readCsvFixture('cn_application_numbers_multi_source.csv').records
const zkdsj = readCsvFixture('cn_patents_zkdsj_sample_10.csv').records
const pubIpc = readCsvFixture('cn_patents_pubno_title_ipc_first500.csv').records

// Fixed so that the tests do not change meaning when the calendar year turns.
const YEAR = { currentYear: 2026 }

describe('applicationCheckChar', () => {
  it('computes the 12-digit check by hand-verifiable weights', () => {
    // 2·2+0·3+2·4+3·5+1·6+0·7+3·8+9·9+7·2+7·3+4·4+4·5 = 209 = 19·11 + 0
    expect(applicationCheckChar('202310397744')).toBe('0')
  })

  it('writes remainder 10 as X', () => {
    // 2·2+0·3+2·4+3·5+1·6+0·7+4·8+3·9+8·2+6·3+4·4+0·5 = 142 = 12·11 + 10
    expect(applicationCheckChar('202310438640')).toBe('X')
  })

  it('uses weights 2..9 for the pre-2003 8-digit form', () => {
    // 9·2+9·3+1·4+1·5+2·6+3·7+4·8+5·9 = 164 = 14·11 + 10
    expect(applicationCheckChar('99112345')).toBe('X')
    // 8·2+5·3+1·4+0+0+0+0+1·9 = 44 = 4·11 + 0
    expect(applicationCheckChar('85100001')).toBe('0')
  })

  it('throws on any other length or on non-digits', () => {
    expect(() => applicationCheckChar('2023103977')).toThrow(/12 位/u)
    expect(() => applicationCheckChar('2023103977441')).toThrow()
    expect(() => applicationCheckChar('20231039774A')).toThrow()
  })

  it('formats digits with the check character', () => {
    expect(formatApplicationNumber('202310397744')).toBe('202310397744.0')
    expect(formatApplicationNumber('202310438640')).toBe('202310438640.X')
    expect(formatApplicationNumber('99112345')).toBe('99112345.X')
  })
})

describe('checkNumber on real application numbers', () => {
  it('accepts all 504 numbers of the CNIPA collector list', () => {
    expect(collector).toHaveLength(504)
    for (const line of collector) {
      const result = checkNumber(line, YEAR)
      expect(result, line).toMatchObject({
        valid: true,
        numberType: 'application',
        kind: 'invention',
        normalized: `${line.slice(0, 12)}.${line.slice(12)}`,
      })
      expect(result.message).toBeUndefined()
    }
  })

  it('includes X check characters among the collector numbers', () => {
    const withX = collector.filter((l) => l.endsWith('X'))
    expect(withX.length).toBeGreaterThan(10)
    for (const line of withX) expect(checkNumber(line.toLowerCase(), YEAR).valid).toBe(true)
  })

  it('accepts all 25 multi-source numbers and derives the kind from the type digit', () => {
    expect(multiSource).toHaveLength(25)
    const expectedKind: Record<string, AssetKind> = { '1': 'invention', '2': 'utility', '3': 'design', '8': 'invention' }
    for (const row of multiSource) {
      const number = row['application_number'] ?? ''
      const typeDigit = row['type_digit'] ?? ''
      const result = checkNumber(number, YEAR)
      expect(result.valid, number).toBe(true)
      expect(result.normalized).toBe(number.replace(/^CN/u, ''))
      expect(number.charAt(6)).toBe(typeDigit)
      expect(result.kind, number).toBe(expectedKind[typeDigit])
    }
    const digits = new Set(multiSource.map((r) => r['type_digit']))
    expect([...digits].sort()).toEqual(['1', '2', '3', '8'])
  })

  it('accepts the application numbers of the 58-column export sample', () => {
    for (const row of zkdsj) {
      const result = checkNumber(row['申请号'] ?? '', YEAR)
      expect(result.valid).toBe(true)
      expect(result.kind).toBe((row['专利类型'] ?? '').startsWith('实用新型') ? 'utility' : 'invention')
    }
  })
})

describe('checkNumber on the forms users paste', () => {
  const canonical = '202310397744.0'
  const forms = [
    '202310397744.0',
    'CN202310397744.0',
    'ZL202310397744.0',
    'zl 2023 1 0397744.0',
    'ZL 2023 1 0397744.0',
    '2023103977440',
    'CN2023103977440',
    '2023 1 0397744.0',
    '２０２３１０３９７７４４．０',
    'ＺＬ２０２３１０３９７７４４．０',
    '  202310397744.0  ',
    '\u00a0202310397744.0\u00a0',
    '2023\u00a01\u00a00397744.0',
    '\u3000ZL202310397744.0\u3000',
    '202310397744。0',
    '专利号：ZL202310397744.0',
    '申请号: 202310397744.0',
    'ZL202310397744.0（已授权）',
    'ZL202310397744.0(有效)',
  ]
  it.each(forms)('normalises %j', (form) => {
    const result = checkNumber(form, YEAR)
    expect(result.valid).toBe(true)
    expect(result.normalized).toBe(canonical)
    expect(result.numberType).toBe('application')
    expect(result.kind).toBe('invention')
    expect(result.input).toBe(form)
  })

  it('reads a registration number as the certificate writes it, and keeps a bracket that is no note', () => {
    expect(checkNumber('软著登字第2018SR0146846号', YEAR)).toMatchObject({ valid: true, normalized: '2018SR0146846', numberType: 'software_copyright' })
    expect(checkNumber('2018SR0146846（已登记）', YEAR)).toMatchObject({ valid: true, normalized: '2018SR0146846' })
    // A bracket inside a number is not a note after it.
    expect(checkNumber('2023(1)0397744.0', YEAR).valid).toBe(false)
  })

  it('accepts lower-case x and full-width Ｘ', () => {
    for (const form of ['202310438640x', 'CN202310438640.x', '２０２３１０４３８６４０．ｘ', 'ZL201610311380.x']) {
      const result = checkNumber(form, YEAR)
      expect(result.valid, form).toBe(true)
      expect(result.normalized?.endsWith('.X')).toBe(true)
    }
  })
})

describe('checkNumber rejects wrong numbers with a Chinese message', () => {
  it('reports the right check character instead of fixing it', () => {
    const result = checkNumber('ZL202310397744.3', YEAR)
    expect(result.valid).toBe(false)
    expect(result.normalized).toBeNull()
    expect(result.expectedCheck).toBe('0')
    expect(result.numberType).toBe('application')
    expect(result.message).toContain('校验位应为 0，而不是 3')
    expect(result.message).toContain('请核对')
  })

  it('reports X as the expected check character', () => {
    const result = checkNumber('202310438640.1', YEAR)
    expect(result.valid).toBe(false)
    expect(result.expectedCheck).toBe('X')
    expect(result.message).toContain('应为 X')
  })

  it('says what the full number would be when the check character is missing', () => {
    const result = checkNumber('202310397744', YEAR)
    expect(result.valid).toBe(false)
    expect(result.expectedCheck).toBe('0')
    expect(result.message).toContain('缺少校验位')
    expect(result.message).toContain('202310397744.0')
  })

  it('rejects a type digit outside 1, 2, 3, 8, 9', () => {
    for (const typeDigit of ['0', '4', '5', '6', '7']) {
      const digits = `2023${typeDigit}0397744`
      const result = checkNumber(formatApplicationNumber(digits), YEAR)
      expect(result.valid, digits).toBe(false)
      expect(result.message).toContain(`“${typeDigit}”不是有效类型`)
    }
  })

  it('maps every valid type digit to its kind', () => {
    const kinds: [string, AssetKind][] = [
      ['1', 'invention'],
      ['2', 'utility'],
      ['3', 'design'],
      ['8', 'invention'],
      ['9', 'utility'],
    ]
    for (const [typeDigit, kind] of kinds) {
      const result = checkNumber(formatApplicationNumber(`2021${typeDigit}0012345`), YEAR)
      expect(result.valid).toBe(true)
      expect(result.kind).toBe(kind)
      expect(kindOfTypeDigit(typeDigit)).toBe(kind)
    }
  })

  it('rejects years outside the 12-digit era and the future', () => {
    const future = checkNumber(formatApplicationNumber('202810012345'), YEAR)
    expect(future.valid).toBe(false)
    expect(future.message).toContain('年份 2028')
    // The year after the current one is allowed: a December filing keyed in on 1 January.
    expect(checkNumber(formatApplicationNumber('202710012345'), YEAR).valid).toBe(true)
    const tooOld = checkNumber(formatApplicationNumber('199810012345'), YEAR)
    expect(tooOld.valid).toBe(false)
    expect(tooOld.message).toContain('2003')
  })

  it('uses the clock year when no year is given', () => {
    const next = new Date().getFullYear() + 1
    expect(checkNumber(formatApplicationNumber(`${next}10012345`)).valid).toBe(true)
    expect(checkNumber(formatApplicationNumber(`${next + 1}10012345`)).valid).toBe(false)
  })

  it('explains accepted forms for anything unrecognisable', () => {
    for (const junk of ['hello', '专利一项', '12345', 'CN-ABC', '2023-10397744']) {
      const result = checkNumber(junk, YEAR)
      expect(result.valid, junk).toBe(false)
      expect(result.numberType).toBeNull()
      expect(result.normalized).toBeNull()
      expect(result.message).toContain('可接受的形式')
      expect(result.message).toContain('202310397744.0')
    }
  })

  it('asks for a number when the input is blank', () => {
    for (const blank of ['', '   ', '\u3000\u00a0']) {
      const result = checkNumber(blank, YEAR)
      expect(result.valid).toBe(false)
      expect(result.message).toContain('号码为空')
    }
  })
})

describe('old 8-digit application numbers', () => {
  it('accepts them with or without dot and prefix', () => {
    for (const form of ['99112345.X', '99112345X', 'ZL99112345.x', 'ZL 99 1 12345.X', 'CN99112345.X']) {
      const result = checkNumber(form, YEAR)
      expect(result.valid, form).toBe(true)
      expect(result.normalized).toBe('99112345.X')
      expect(result.kind).toBe('invention')
    }
    expect(checkNumber('ZL98123456.9', YEAR).normalized).toBe('98123456.9')
    expect(checkNumber('85100001.0', YEAR).normalized).toBe('85100001.0')
  })

  it('reads the kind from the third digit', () => {
    expect(checkNumber(formatApplicationNumber('00212345'), YEAR).kind).toBe('utility')
    expect(checkNumber(formatApplicationNumber('01312345'), YEAR).kind).toBe('design')
    expect(checkNumber(formatApplicationNumber('03812345'), YEAR).kind).toBe('invention')
  })

  it('reports a wrong check character', () => {
    const result = checkNumber('99112345.6', YEAR)
    expect(result.valid).toBe(false)
    expect(result.expectedCheck).toBe('X')
    const zl = checkNumber('ZL98123456.X', YEAR)
    expect(zl.valid).toBe(false)
    expect(zl.expectedCheck).toBe('9')
  })

  it('finds X among old numbers too', () => {
    // 9·2+5·3+1·4+0+0+0+0+8·9 = 109 = 9·11 + 10
    expect(checkNumber('95100008.X', YEAR).valid).toBe(true)
    expect(checkNumber('95100008.0', YEAR).expectedCheck).toBe('X')
  })

  it('rejects two-digit years between 04 and 84', () => {
    const result = checkNumber(formatApplicationNumber('50112345'), YEAR)
    expect(result.valid).toBe(false)
    expect(result.message).toContain('85—03')
  })

  it('parses the parts of both forms', () => {
    expect(parseApplicationNumber('99112345.X')).toEqual({
      digits: '99112345',
      checkChar: 'X',
      year: 1999,
      typeDigit: '1',
      serial: '12345',
      form: 'old',
    })
    expect(parseApplicationNumber('ZL 2023 1 0397744.0')).toEqual({
      digits: '202310397744',
      checkChar: '0',
      year: 2023,
      typeDigit: '1',
      serial: '0397744',
      form: 'new',
    })
    expect(parseApplicationNumber('02100001.8')?.year).toBe(2002)
    expect(parseApplicationNumber('CN114081026A')).toBeNull()
  })
})

describe('single-digit errors are always detected', () => {
  // Every weight is non-zero mod 11 and 11 is prime, so changing one digit always changes the sum
  // mod 11 — the property that makes a wrong check character meaningful evidence of a typo.
  const sample = collector.slice(0, 50)
  it('for every position and every replacement digit of 50 real numbers', () => {
    expect(sample).toHaveLength(50)
    let mutations = 0
    for (const line of sample) {
      const digits = line.slice(0, 12)
      const check = line.slice(12)
      for (let pos = 0; pos < 12; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === digits[pos]) continue
          const mutated = digits.slice(0, pos) + String(d) + digits.slice(pos + 1)
          expect(applicationCheckChar(mutated), mutated).not.toBe(check)
          expect(checkNumber(`${mutated}.${check}`, YEAR).valid, mutated).toBe(false)
          mutations++
        }
      }
    }
    expect(mutations).toBe(50 * 12 * 9)
  })
})

describe('publication and grant numbers', () => {
  it('accepts the 公开号 and 授权公告号 of the 58-column sample', () => {
    let grants = 0
    for (const row of zkdsj) {
      const pub = checkNumber(row['公开号'] ?? '', YEAR)
      expect(pub.valid).toBe(true)
      expect(pub.numberType).toBe('publication')
      expect(pub.normalized).toBe(row['公开号'])
      const kindCode = pub.normalized?.slice(-1) ?? ''
      expect(pub.kind).toBe(kindCode === 'U' ? 'utility' : 'invention')
      expect(isGrantKindCode(kindCode)).toBe(kindCode === 'U')

      const grantNo = row['授权公告号'] ?? ''
      if (grantNo === '') continue
      const grant = checkNumber(grantNo, YEAR)
      expect(grant.valid).toBe(true)
      const parsed = parsePublicationNumber(grantNo)
      expect(parsed).not.toBeNull()
      expect(isGrantKindCode(parsed?.kindCode ?? '')).toBe(true)
      grants++
    }
    expect(grants).toBe(8)
  })

  it('accepts 500 real publications with A, U and B codes', () => {
    expect(pubIpc).toHaveLength(500)
    const codes = new Set<string>()
    for (const row of pubIpc) {
      const number = row['publication_number'] ?? ''
      const result = checkNumber(number, YEAR)
      expect(result.valid, number).toBe(true)
      expect(result.normalized).toBe(number)
      codes.add(number.slice(-1))
      expect(result.kind).toBe(number.endsWith('U') ? 'utility' : 'invention')
    }
    expect([...codes].sort()).toEqual(['A', 'B', 'U'])
  })

  it.each([
    ['CN114081026A', 'CN114081026A'],
    ['CN 114081026 A', 'CN114081026A'],
    ['cn111504366b', 'CN111504366B'],
    ['ＣＮ１１４０８１０２６Ａ', 'CN114081026A'],
    ['CN1234567A', 'CN1234567A'],
    ['CN85100001A', 'CN85100001A'],
    ['CN114081026A8', 'CN114081026A8'],
    ['CN111504366B9', 'CN111504366B9'],
    ['CN218751475U8', 'CN218751475U8'],
    ['CN1050123C', 'CN1050123C'],
    ['CN2345678Y', 'CN2345678Y'],
    ['CN305123456S', 'CN305123456S'],
    ['CN305123456S1', 'CN305123456S1'],
    ['114081026A', 'CN114081026A'],
    ['公开号：CN114081026A', 'CN114081026A'],
    // Google Patents' id column and EPO citations.
    ['CN-114081026-A', 'CN114081026A'],
    ['cn-214123456-u', 'CN214123456U'],
  ])('normalises %j to %s', (input, normalized) => {
    const result = checkNumber(input, YEAR)
    expect(result.valid).toBe(true)
    expect(result.numberType).toBe('publication')
    expect(result.normalized).toBe(normalized)
  })

  it("an invention's publication and grant share the serial; utility models and designs have one document", () => {
    expect(sameInventionDocuments('CN115600006B')).toEqual(['CN115600006A', 'CN115600006C'])
    expect(sameInventionDocuments('CN115600006A')).toEqual(['CN115600006B', 'CN115600006C'])
    expect(sameInventionDocuments('CN215500001U')).toEqual([])
    expect(sameInventionDocuments('CN307000004S')).toEqual([])
  })

  it('derives the kind from the kind code', () => {
    expect(checkNumber('CN305123456S', YEAR).kind).toBe('design')
    expect(checkNumber('CN2345678Y', YEAR).kind).toBe('utility')
    expect(checkNumber('CN1050123C', YEAR).kind).toBe('invention')
    expect(kindOfKindCode('S3')).toBe('design')
    expect(kindOfKindCode('Z')).toBeNull()
  })

  it('rejects unknown kind codes and wrong serial lengths', () => {
    for (const bad of ['CN114081026Z', 'CN114081026D', 'CN123456A', 'CN1140810261A', 'CN114081026A7', 'CN114081026U1', 'CN-114081026A', 'CN--114081026-A']) {
      expect(checkNumber(bad, YEAR).valid, bad).toBe(false)
      expect(parsePublicationNumber(bad), bad).toBeNull()
    }
  })

  it('parses foreign numbers but does not accept them as Chinese', () => {
    expect(parsePublicationNumber('US 10123456 B2')).toEqual({ country: 'US', serial: '10123456', kindCode: 'B2' })
    const result = checkNumber('US10123456B2', YEAR)
    expect(result.valid).toBe(false)
    expect(result.message).toContain('只核对中国专利号码')
  })

  it('parses Chinese publication numbers into parts', () => {
    expect(parsePublicationNumber('cn 111504366 b')).toEqual({ country: 'CN', serial: '111504366', kindCode: 'B' })
    expect(parsePublicationNumber('202310397744.0')).toBeNull()
    expect(parsePublicationNumber('')).toBeNull()
  })

  it('knows which kind codes prove a grant', () => {
    for (const code of ['B', 'C', 'U', 'Y', 'S', 'B8', 'B9', 'U9', 'S1', 'C2', 'Y1', 'b', ' u ']) {
      expect(isGrantKindCode(code), code).toBe(true)
    }
    for (const code of ['A', 'A8', 'A9', 'a', '', 'Z', 'B1', 'A1']) {
      expect(isGrantKindCode(code), code).toBe(false)
    }
    expect(isValidKindCode('S9')).toBe(true)
    expect(isValidKindCode('U1')).toBe(false)
  })
})

describe('software copyright registration numbers', () => {
  it.each([
    ['2026SR0581563', '2026SR0581563'],
    ['2010SR012345', '2010SR012345'],
    ['2010sr012345', '2010SR012345'],
    [' 2010 SR 012345 ', '2010SR012345'],
    ['２０１０ＳＲ０１２３４５', '2010SR012345'],
    ['2005SR12345', '2005SR12345'],
  ])('normalises %j', (input, normalized) => {
    const result = checkNumber(input, YEAR)
    expect(result).toMatchObject({ valid: true, normalized, numberType: 'software_copyright', kind: 'software' })
  })

  it('rejects impossible years and serial lengths', () => {
    const future = checkNumber('2030SR0581563', YEAR)
    expect(future.valid).toBe(false)
    expect(future.message).toContain('登记号的年份 2030')
    expect(checkNumber('2026SR1234', YEAR).valid).toBe(false)
    expect(checkNumber('2026SR12345678', YEAR).valid).toBe(false)
  })
})

describe('kindMismatchMessage', () => {
  it('is null when the type digit agrees with the kind', () => {
    expect(kindMismatchMessage('CN202223220665.2', 'utility')).toBeNull()
    expect(kindMismatchMessage('CN201180020779.8', 'invention')).toBeNull()
    expect(kindMismatchMessage('CN114081026A', 'utility')).toBeNull()
  })

  it('names both kinds when they disagree', () => {
    const message = kindMismatchMessage('CN202223220665.2', 'invention')
    expect(message).toContain('实用新型')
    expect(message).toContain('发明')
    expect(message).toContain('请核对')
  })
})
