import { describe, expect, it } from 'vitest'
import * as domain from '../../../src-main/domain'

describe('src-main/domain index', () => {
  it('re-exports the API other areas depend on', () => {
    const functions = [
      'applicationCheckChar', 'formatApplicationNumber', 'checkNumber', 'isGrantKindCode', 'parsePublicationNumber',
      'normalizeLegalStatus', 'computeExpiryDate', 'annuityDueDates', 'lateFeePercent', 'normalizeHeader',
      'matchPatentHeader', 'detectPatentColumns', 'detectDialect', 'splitMulti', 'parseDateCell', 'parseKindCell',
      'parseAmountToYuan', 'toHalfWidth', 'decodeTextBytes', 'isUniversityHolder', 'nameInitials',
    ] as const
    for (const name of functions) expect(typeof domain[name], name).toBe('function')
    expect(domain.STATUS_GROUP_LABELS.lapsed).toBe('失效')
    expect(domain.PATENT_FIELD_LABELS.appNo).toBe('申请号')
    expect(domain.PATENT_FIELD_SYNONYMS.title).toContain('专利名称')
  })

  it('works end to end on one pasted row', () => {
    const check = domain.checkNumber('ZL 2022 1 1359874.7', { currentYear: 2026 })
    expect(check.normalized).toBe('202211359874.7')
    const filed = domain.parseDateCell('20221102')
    expect(domain.computeExpiryDate(check.kind ?? 'utility', filed ?? '')).toBe('2042-11-01')
    expect(domain.normalizeLegalStatus('有权-审定授权').group).toBe('valid')
  })
})
