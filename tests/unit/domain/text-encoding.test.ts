import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeTextBytes } from '../../../src-main/domain/text-encoding'
import { readFixtureBytes, readFixtureText } from './fixtures'

const zkdsjText = readFixtureText('cn_patents_zkdsj_sample_10.csv')
const cnkiText = readFixtureText('cnki_patents_material_chemistry_2018_33.csv')

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

const BOM_UTF8 = new Uint8Array([0xef, 0xbb, 0xbf])
const BOM_UTF16LE = new Uint8Array([0xff, 0xfe])
const BOM_UTF16BE = new Uint8Array([0xfe, 0xff])

describe('decodeTextBytes', () => {
  it('reads the real UTF-8 exports as UTF-8', () => {
    for (const [name, text] of [
      ['cn_patents_zkdsj_sample_10.csv', zkdsjText],
      ['cnki_patents_material_chemistry_2018_33.csv', cnkiText],
    ] as const) {
      const decoded = decodeTextBytes(readFixtureBytes(name))
      expect(decoded.encoding).toBe('utf-8')
      expect(decoded.text).toBe(text)
    }
  })

  it('strips a UTF-8 BOM and says it was there', () => {
    const decoded = decodeTextBytes(concat(BOM_UTF8, new TextEncoder().encode(zkdsjText)))
    expect(decoded.encoding).toBe('utf-8-bom')
    expect(decoded.text).toBe(zkdsjText)
    expect(decoded.text.startsWith('序号,申请日')).toBe(true)
  })

  it('decodes GBK bytes of a real export as GB18030', () => {
    const gbk = iconv.encode(zkdsjText, 'gbk')
    // The bytes really are not UTF-8, so a UTF-8 reader would have produced mojibake.
    expect(new TextDecoder('utf-8').decode(gbk)).not.toBe(zkdsjText)
    const decoded = decodeTextBytes(new Uint8Array(gbk))
    expect(decoded.encoding).toBe('gb18030')
    expect(decoded.text).toBe(zkdsjText)
    expect(decoded.text).toContain('郑州明华专利代理事务所（普通合伙）')
  })

  it('decodes GB18030 bytes of the CNKI scrape', () => {
    const decoded = decodeTextBytes(new Uint8Array(iconv.encode(cnkiText, 'gb18030')))
    expect(decoded.encoding).toBe('gb18030')
    expect(decoded.text).toBe(cnkiText)
  })

  it('is not fooled by short GBK text that looks like UTF-8 (the 联通 case)', () => {
    const decoded = decodeTextBytes(new Uint8Array(iconv.encode('联通', 'gbk')))
    expect(decoded).toEqual({ text: '联通', encoding: 'gb18030' })
    const header = decodeTextBytes(new Uint8Array(iconv.encode('申请号,申请日,名称\r\n', 'gbk')))
    expect(header).toEqual({ text: '申请号,申请日,名称\r\n', encoding: 'gb18030' })
  })

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = decodeTextBytes(concat(BOM_UTF16LE, new Uint8Array(iconv.encode(zkdsjText, 'utf-16le'))))
    expect(le.encoding).toBe('utf-16le')
    expect(le.text).toBe(zkdsjText)
    const be = decodeTextBytes(concat(BOM_UTF16BE, new Uint8Array(iconv.encode(zkdsjText, 'utf-16be'))))
    expect(be.encoding).toBe('utf-16be')
    expect(be.text).toBe(zkdsjText)
  })

  it('recognises UTF-16 without a BOM from its zero bytes', () => {
    const text = 'publication_number,title,applicant\nCN108982325A,一种材料,浙江大学\n'
    const le = decodeTextBytes(new Uint8Array(iconv.encode(text, 'utf-16le')))
    expect(le).toEqual({ text, encoding: 'utf-16le' })
    const be = decodeTextBytes(new Uint8Array(iconv.encode(text, 'utf-16be')))
    expect(be).toEqual({ text, encoding: 'utf-16be' })
  })

  it('treats empty and pure-ASCII input as UTF-8', () => {
    expect(decodeTextBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' })
    expect(decodeTextBytes(new TextEncoder().encode('a,b\n1,2\n'))).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' })
  })
})
