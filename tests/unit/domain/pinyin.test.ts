import { describe, expect, it } from 'vitest'
import { nameInitials } from '../../../src-main/domain/pinyin'
import { splitMulti } from '../../../src-main/domain/cell-values'
import { readCsvFixture } from './fixtures'

describe('nameInitials', () => {
  it.each([
    ['张三', 'zs'],
    ['王元卓', 'wyz'],
    ['欧阳荣波', 'oyrb'],
    // Surname readings of polyphonic characters.
    ['曾志伟', 'zzw'],
    ['单田芳', 'stf'],
    ['解缙', 'xj'],
    ['仇英', 'qy'],
    ['查良镛', 'zly'],
    ['  刘迪  ', 'ld'],
    ['托马斯·L·埃文斯', 'tmslaws'],
    ['John Smith', 'js'],
    ['Thomas L. Evans', 'tle'],
    ['ZHANG San', 'zs'],
    ['Ｊｏｈｎ　Ｓｍｉｔｈ', 'js'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (name, initials) => {
    expect(nameInitials(name)).toBe(initials)
  })

  it('gives one lower-case letter per character for every inventor of the real sample', () => {
    const { records } = readCsvFixture('cn_patents_zkdsj_sample_10.csv')
    const names = records.flatMap((r) => splitMulti(r['发明人'] ?? ''))
    expect(names.length).toBe(50)
    for (const name of names) {
      expect(nameInitials(name), name).toMatch(new RegExp(`^[a-z]{${name.length}}$`, 'u'))
    }
    expect(nameInitials('付艳波')).toBe('fyb')
    expect(nameInitials('王煜炜')).toBe('wyw')
  })
})
