import { describe, expect, it } from 'vitest'
import { normalizeLegalStatus, STATUS_GROUP_LABELS } from '../../../src-main/domain/legal-status'
import type { StatusGroup } from '../../../src-main/db/schema'
import { readCsvFixture } from './fixtures'

type Case = [raw: string, group: StatusGroup, event: string, recoverable?: boolean]

function expectStatus([raw, group, event, recoverable = false]: Case): void {
  expect(normalizeLegalStatus(raw), raw).toEqual({ group, event, recoverable })
}

describe('normalizeLegalStatus', () => {
  it.each<Case>([
    // Patsnap 简单法律状态
    ['有效', 'valid', '有效'],
    ['审中', 'pending', '审中'],
    ['失效', 'lapsed', '失效'],
    ['PCT指定期内', 'pending', 'PCT指定期内'],
    ['PCT指定期满', 'lapsed', 'PCT指定期满'],
    ['未确认', 'unknown', '未知'],
    // Patsnap / incoPat 法律状态 and 当前法律状态
    ['授权', 'valid', '授权'],
    ['实质审查', 'pending', '实质审查'],
    ['公开', 'pending', '公开'],
    ['撤回', 'lapsed', '撤回'],
    ['驳回', 'lapsed', '驳回'],
    ['未缴年费', 'lapsed', '未缴年费终止'],
    ['期限届满', 'lapsed', '届满'],
    ['避重放弃', 'lapsed', '避重放弃'],
    ['放弃', 'lapsed', '放弃'],
    ['全部无效', 'lapsed', '宣告无效'],
    ['部分无效', 'valid', '部分无效'],
    ['权利恢复', 'valid', '权利恢复'],
    ['权利终止', 'lapsed', '终止'],
    ['无效', 'lapsed', '失效'],
    ['PCT未进入指定国（指定期满）', 'lapsed', 'PCT指定期满'],
    // 佰腾 group-event pairs
    ['有权-审定授权', 'valid', '授权'],
    ['审中-实质审查', 'pending', '实质审查'],
    ['审中-公开', 'pending', '公开'],
    ['无权-视为撤回', 'lapsed', '视为撤回'],
    ['无权-驳回', 'lapsed', '驳回'],
    ['无权-未缴年费', 'lapsed', '未缴年费终止'],
    ['无权-期限届满', 'lapsed', '届满'],
    ['有权-权利转移', 'valid', '权利转移'],
    ['有权－审定授权', 'valid', '授权'],
    // CNIPA case states (案件状态)
    ['专利权维持', 'valid', '专利权维持'],
    ['等年费滞纳金', 'valid', '年费滞纳期'],
    ['等年登印费', 'valid', '待办登'],
    ['未缴年费终止失效', 'lapsed', '未缴年费终止'],
    ['视为放弃失效', 'lapsed', '视为放弃'],
    ['驳回失效', 'lapsed', '驳回'],
    ['届满终止失效', 'lapsed', '届满'],
    ['视撤失效', 'lapsed', '视为撤回'],
    ['未缴年费终止等恢复', 'lapsed', '恢复中', true],
    ['视为撤回等恢复', 'lapsed', '恢复中', true],
    ['等恢复', 'lapsed', '恢复中', true],
    ['驳回等复审请求', 'lapsed', '驳回待复审', true],
    ['避免重复授予专利权', 'lapsed', '避重放弃'],
    ['未下证', 'pending', '审中'],
    ['不再维持', 'lapsed', '终止'],
    ['待下证', 'valid', '待办登'],
    ['待发证', 'valid', '待办登'],
    ['未缴申请费视为撤回', 'lapsed', '视为撤回'],
    // University ledgers' own words
    ['有效专利', 'valid', '有效'],
    ['在审专利', 'pending', '审中'],
    ['失效专利', 'lapsed', '失效'],
    ['已下证', 'valid', '授权'],
    ['初审', 'pending', '初审'],
    ['待答复', 'pending', '待答复'],
    ['一通出案待答复', 'pending', '待答复'],
    ['等实审请求', 'pending', '实质审查'],
    ['实审请求的生效', 'pending', '实质审查'],
    // Longer legal-event wording
    ['发明专利申请公布后的视为撤回', 'lapsed', '视为撤回'],
    ['发明专利申请公布后的驳回', 'lapsed', '驳回'],
    ['专利权有效期届满', 'lapsed', '届满'],
    ['专利权的终止（未缴年费）', 'lapsed', '未缴年费终止'],
    ['专利权质押合同登记的生效', 'valid', '质押'],
    ['专利实施许可合同备案的生效', 'valid', '许可'],
    ['  授权  ', 'valid', '授权'],
  ])('reads %j', (raw, group, event, recoverable) => {
    expectStatus([raw, group, event, recoverable])
  })

  it('treats empty and placeholder text as unknown', () => {
    for (const raw of ['', '   ', '\u3000', '-', '未知', '暂无']) {
      expect(normalizeLegalStatus(raw).group, JSON.stringify(raw)).toBe('unknown')
    }
  })

  it('keeps unrecognised text unknown instead of guessing', () => {
    expect(normalizeLegalStatus('请联系代理机构')).toEqual({ group: 'unknown', event: '未识别', recoverable: false })
  })

  it('does not read 有效 inside 有效期届满 as valid', () => {
    expect(normalizeLegalStatus('有效期届满').group).toBe('lapsed')
  })

  it('reports neutral events alone as unknown but keeps the event', () => {
    expect(normalizeLegalStatus('权利转移')).toEqual({ group: 'unknown', event: '权利转移', recoverable: false })
    expect(normalizeLegalStatus('著录项目变更')).toEqual({ group: 'unknown', event: '著录项目变更', recoverable: false })
    expect(normalizeLegalStatus('专利权的保全')).toEqual({ group: 'unknown', event: '保全', recoverable: false })
  })
})

describe('multi-event strings (法律状态/事件)', () => {
  it.each<Case>([
    ['公开 | 实质审查 | 授权 | 权利转移', 'valid', '授权'],
    ['权利转移 | 授权 | 实质审查 | 公开', 'valid', '授权'],
    ['公开|实质审查', 'pending', '实质审查'],
    ['实质审查|公开', 'pending', '实质审查'],
    ['公开 | 实质审查 | 驳回', 'lapsed', '驳回'],
    ['授权 | 未缴年费', 'lapsed', '未缴年费终止'],
    ['未缴年费 | 授权 | 权利转移', 'lapsed', '未缴年费终止'],
    ['授权 | 质押 | 权利转移', 'valid', '授权'],
    ['公开；实质审查；视为撤回', 'lapsed', '视为撤回'],
    ['失效 | 驳回', 'lapsed', '驳回'],
    ['有效 | 授权', 'valid', '授权'],
    // A completed restoration cancels a restorable lapse, in either order, and is the latest news.
    ['授权 | 未缴年费 | 权利恢复', 'valid', '权利恢复'],
    ['权利恢复 | 未缴年费 | 授权', 'valid', '权利恢复'],
    ['公开 | 视为撤回 | 权利恢复 | 实质审查', 'pending', '实质审查'],
    // ...but not expiry, which cannot be restored.
    ['授权 | 期限届满 | 权利恢复', 'lapsed', '届满'],
    // Re-examination reopens a rejection.
    ['公开 | 实质审查 | 驳回 | 复审', 'pending', '复审'],
    ['有权-审定授权;有权-权利转移', 'valid', '授权'],
    ['未缴年费终止失效|等恢复', 'lapsed', '恢复中', true],
    ['授权\n权利转移\n未缴年费', 'lapsed', '未缴年费终止'],
    ['实质审查\r\n驳回', 'lapsed', '驳回'],
    ['授权 | 专利权的保全', 'valid', '授权'],
  ])('reads %j', (raw, group, event, recoverable) => {
    expectStatus([raw, group, event, recoverable])
  })
})

describe('real export values', () => {
  it('reads the 法律状态 column of the 58-column sample', () => {
    const { records } = readCsvFixture('cn_patents_zkdsj_sample_10.csv')
    const groups = records.map((r) => normalizeLegalStatus(r['法律状态'] ?? '').group)
    expect(groups.filter((g) => g === 'valid')).toHaveLength(8)
    expect(groups.filter((g) => g === 'pending')).toHaveLength(2)
    // The two pending rows are exactly the ones without a grant number.
    records.forEach((r, i) => {
      expect(groups[i] === 'valid').toBe((r['授权公告号'] ?? '') !== '')
    })
  })
})

describe('English exports', () => {
  it.each([
    ['Active', 'valid', '有效'],
    ['Inactive', 'lapsed', '失效'],
    ['Pending', 'pending', '审中'],
    ['Substantive Examination', 'pending', '实质审查'],
    ['Grant', 'valid', '授权'],
    ['Publication | Substantive Examination | Grant', 'valid', '授权'],
    ['Grant | Non-payment of annual fees', 'lapsed', '未缴年费终止'],
    ['Deemed Withdrawn', 'lapsed', '视为撤回'],
    ['Rejected', 'lapsed', '驳回'],
    ['Expired', 'lapsed', '届满'],
    ['Grant | Transfer', 'valid', '授权'],
  ] as const)('%s → %s (%s)', (raw, group, event) => {
    expect(normalizeLegalStatus(raw)).toMatchObject({ group, event })
  })
})

describe('STATUS_GROUP_LABELS', () => {
  it('labels every group in Chinese', () => {
    expect(STATUS_GROUP_LABELS).toEqual({ valid: '有效', pending: '审中', lapsed: '失效', unknown: '未知' })
  })
})
