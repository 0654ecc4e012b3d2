import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NUMBER_COLUMNS, numbersQuery } from '../../../../src-main/archive/import/known-numbers'
import { SYNTHETIC_COLUMNS, syntheticPatentRow } from '../../../../src-main/archive/import/synthetic'
import { tempDir } from '../../helpers/temp'
import { importFile, one, universityArchive, UNIVERSITY, writeSyntheticRows } from './helpers'

// The writer skips the look-ups of numbers certainly not in the archive (known-numbers.ts), from the
// 512th look-up of an import on. Numbers the archive holds, and numbers written earlier in the same
// file, must still be found after that point — in whatever form the file spells them.

const APP = SYNTHETIC_COLUMNS.findIndex((c) => c.header === '申请号')
const PUB = SYNTHETIC_COLUMNS.findIndex((c) => c.header === '公开（公告）号')

describe('numbers already in the archive, late in a large import', () => {
  it('merges a number repeated in another spelling and refuses a publication number of another patent, after 1,500 new rows', async () => {
    const dir = tempDir()
    const archive = await universityArchive()
    try {
      const first = join(dir, 'first.xlsx')
      await writeSyntheticRows(first, Array.from({ length: 50 }, (_, i) => syntheticPatentRow(i, UNIVERSITY)))
      expect((await importFile(archive, 'patents', first)).inserted).toBe(50)

      const data = Array.from({ length: 1500 }, (_, i) => syntheticPatentRow(1000 + i, UNIVERSITY))
      // 1. An application number of this same file (written after the numbers were loaded), spelled as users paste it (CN prefix, no dot).
      const repeated = syntheticPatentRow(2403, UNIVERSITY)
      repeated[APP] = `CN${String(repeated[APP]).replace('.', '')}`
      repeated[PUB] = null
      data.push(repeated)
      // 2. An application number imported before, in full-width digits.
      const before = syntheticPatentRow(7, UNIVERSITY)
      before[APP] = String(before[APP]).replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      data.push(before)
      // 3. A new application number with the publication number of a patent imported before.
      const stolen = syntheticPatentRow(5001, UNIVERSITY) // an invention, as row 9
      stolen[PUB] = syntheticPatentRow(9, UNIVERSITY)[PUB]!
      data.push(stolen)
      // 4. A new application number with the publication number of a row earlier in this file (written after the load).
      const stolenHere = syntheticPatentRow(5005, UNIVERSITY) // a utility model, as row 2410
      stolenHere[PUB] = syntheticPatentRow(2410, UNIVERSITY)[PUB]!
      data.push(stolenHere)
      const second = join(dir, 'second.xlsx')
      await writeSyntheticRows(second, data)

      const summary = await importFile(archive, 'patents', second, { skipInvalid: true })
      expect({ inserted: summary.inserted, merged: summary.updated + summary.unchanged, rejected: summary.rejected }).toEqual({ inserted: 1500, merged: 2, rejected: 2 })
      expect(summary.errors.map((e) => [e.row, e.message])).toEqual([
        [1504, expect.stringContaining(`属于申请号 ${String(syntheticPatentRow(9, UNIVERSITY)[APP])}`)],
        [1505, expect.stringContaining(`属于申请号 ${String(syntheticPatentRow(2410, UNIVERSITY)[APP])}`)],
      ])
      expect(one<{ n: number }>(archive, 'SELECT count(*) AS n FROM ip_asset').n).toBe(1550)
    } finally {
      await archive.close()
    }
  })
})

describe('loading the numbers', () => {
  it('reads each column from its own covering index, never the table with its abstracts', async () => {
    const archive = await universityArchive()
    try {
      for (const column of NUMBER_COLUMNS) {
        const plan = archive.sqlite.prepare(`EXPLAIN QUERY PLAN ${numbersQuery(column)}`).all() as { detail: string }[]
        expect(plan.map((p) => p.detail).join(' ')).toMatch(new RegExp(`USING COVERING INDEX ip_asset_${column}\\b`, 'u'))
      }
    } finally {
      await archive.close()
    }
  })
})
