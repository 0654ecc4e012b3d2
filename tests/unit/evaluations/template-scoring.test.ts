import { describe, expect, it } from 'vitest'
import { templateBodySchema, type TemplateBody } from '../../../src-main/contract/evaluations'
import { gradeFor, indicatorPoints, routeSuggestedByGrade, scoreEvaluation } from '../../../src-main/evaluations/scoring'
import { defaultTemplateBody, indicatorsOf } from '../../../src-main/evaluations/template'
import { uniformScores } from './fixtures'

/** A small template whose totals are easy to work out by hand. */
const SMALL: TemplateBody = {
  name: '测试模板',
  description: '',
  dimensions: [
    {
      id: 'tech',
      name: '技术',
      description: '',
      indicators: [
        { id: 'tech.a', name: '甲', description: '', weight: 40, anchors: { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五' } },
        { id: 'tech.b', name: '乙', description: '', weight: 10, anchors: { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五' } },
      ],
    },
    {
      id: 'market',
      name: '市场',
      description: '',
      indicators: [
        { id: 'market.a', name: '丙', description: '', weight: 50, anchors: { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五' } },
        { id: 'market.off', name: '停用', description: '', weight: 0, anchors: { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五' } },
      ],
    },
  ],
  grades: [
    { grade: 'A', min: 80, label: '优', hint: '' },
    { grade: 'B', min: 65, label: '良', hint: '' },
    { grade: 'C', min: 50, label: '中', hint: '' },
    { grade: 'D', min: 0, label: '差', hint: '' },
  ],
}

describe('the default template (resources/evaluation/default-template.json)', () => {
  it('is valid data: four dimensions with the indicators the issue names, weights summing to 100, five anchors each', () => {
    const body = defaultTemplateBody()
    expect(body.dimensions.map((d) => d.name)).toEqual(['技术', '法律', '市场与产业化', '撰写与布局'])
    const names = indicatorsOf(body).map(({ indicator }) => indicator.name).join('|')
    for (const word of ['新颖性', '创造性', '成熟度', '替代', '保护的范围', '稳定', '侵权', '技术秘密', '软件著作权', '市场需求', '受让', '重点产业', '转化路径', '交底', '布局']) {
      expect(names).toContain(word)
    }
    expect(indicatorsOf(body).reduce((s, { indicator }) => s + indicator.weight, 0)).toBe(100)
    for (const { indicator } of indicatorsOf(body)) {
      expect(Object.keys(indicator.anchors)).toEqual(['1', '2', '3', '4', '5'])
      for (const anchor of Object.values(indicator.anchors)) expect(anchor).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(body.grades.map((g) => [g.grade, g.min])).toEqual([['A', 80], ['B', 65], ['C', 50], ['D', 0]])
    // 产业化前景 is the centre of the evaluation: the market dimension weighs most.
    const weights = body.dimensions.map((d) => d.indicators.reduce((s, i) => s + i.weight, 0))
    expect(Math.max(...weights)).toBe(weights[2])
  })

  it('refuses templates that would score wrongly', () => {
    const bad = (mutate: (b: TemplateBody) => void) => {
      const copy = structuredClone(SMALL)
      mutate(copy)
      return templateBodySchema.safeParse(copy)
    }
    expect(templateBodySchema.safeParse(SMALL).success).toBe(true)
    const sum = bad((b) => (b.dimensions[0]!.indicators[0]!.weight = 39))
    expect(sum.success).toBe(false)
    expect(sum.error!.issues[0]!.message).toContain('权重之和应为 100，现在是 99')
    expect(bad((b) => (b.dimensions[1]!.indicators[0]!.id = 'tech.a')).success).toBe(false)
    expect(bad((b) => (b.grades[1]!.min = 85)).success).toBe(false)
    expect(bad((b) => (b.grades[3]!.min = 10)).success).toBe(false)
    expect(bad((b) => (b.dimensions[0]!.indicators[0]!.anchors['3'] = ' ')).success).toBe(false)
    expect(bad((b) => (b.dimensions[0]!.indicators[0]!.weight = 12.5)).success).toBe(false)
  })
})

describe('scoring and grading from a template', () => {
  it('earns weight × score / 5 per indicator and grades the total by the template thresholds', () => {
    // 40×5/5 + 10×3/5 + 50×4/5 = 40 + 6 + 40 = 86 → A
    const result = scoreEvaluation(SMALL, { 'tech.a': { score: 5, comment: '' }, 'tech.b': { score: 3, comment: '' }, 'market.a': { score: 4, comment: '' } })
    expect(result.complete).toBe(true)
    expect(result.total).toBe(86)
    expect(result.grade).toBe('A')
    expect(result.gradeInfo?.label).toBe('优')
    expect(result.dimensions.map((d) => [d.name, d.weight, d.points])).toEqual([['技术', 50, 46], ['市场', 50, 40]])
    // A zero-weight indicator does not need a score and earns nothing.
    expect(result.count).toBe(3)
  })

  it('is exact at the grade boundaries (no float drift)', () => {
    // 40×4/5 + 10×4/5 + 50×4/5 = 80 exactly → A, not B.
    expect(scoreEvaluation(SMALL, uniformScores(SMALL, 4)).total).toBe(80)
    expect(scoreEvaluation(SMALL, uniformScores(SMALL, 4)).grade).toBe('A')
    // 40×4/5 + 10×3/5 + 50×4/5 = 78 → B
    const b = scoreEvaluation(SMALL, { ...uniformScores(SMALL, 4), 'tech.b': { score: 3, comment: '' } })
    expect([b.total, b.grade]).toEqual([78, 'B'])
    expect(gradeFor(SMALL, 65).grade).toBe('B')
    expect(gradeFor(SMALL, 64.8).grade).toBe('C')
    expect(gradeFor(SMALL, 0).grade).toBe('D')
    expect(indicatorPoints(7, 3)).toBe(4.2)
  })

  it('shows points so far but no total or grade while indicators are unscored', () => {
    const result = scoreEvaluation(SMALL, { 'tech.a': { score: 5, comment: '很好' }, 'tech.b': { score: null, comment: '' } })
    expect(result.points).toBe(40)
    expect(result.total).toBeNull()
    expect(result.grade).toBeNull()
    expect(result.missing.map((m) => m.id)).toEqual(['tech.b', 'market.a'])
  })

  it('scores the default template: all 5s make 100, all 1s make 20, all 3s make 60 (C)', () => {
    const body = defaultTemplateBody()
    expect(scoreEvaluation(body, uniformScores(body, 5)).total).toBe(100)
    expect(scoreEvaluation(body, uniformScores(body, 1)).total).toBe(20)
    const three = scoreEvaluation(body, uniformScores(body, 3))
    expect([three.total, three.grade]).toEqual([60, 'C'])
    expect(routeSuggestedByGrade('A')).toBe('invention')
    expect(routeSuggestedByGrade('D')).toBe('not_recommended')
  })
})
