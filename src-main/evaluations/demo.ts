import type { Insertable, Kysely } from 'kysely'
import type { EvaluationInventor, EvaluationReviewer, EvaluationRoute, EvaluationStatusCode, Scores, TemplateBody } from '../contract/evaluations'
import { appendAudit } from '../audit/log'
import { nowIso, todayIso } from '../core/clock'
import type { DB, EvaluationTable } from '../db/schema'
import { PARTNER_COMPANIES, personName } from '../demo/people'
import { Random, addDays } from '../demo/random'
import { realTitles } from '../demo/real-titles'
import { scoreEvaluation } from './scoring'
import { currentTemplate, indicatorsOf } from './template'

// Demo evaluations for the demo archive: every workflow status, every grade, decisions that were
// filed (linked to the archive patent they became), decisions for 技术秘密 / 暂缓, and two filed
// patents left unlinked so the link suggestions have something to offer. Called by the demo seed
// inside its transaction, after researchers, projects and assets exist.

interface Plan {
  status: EvaluationStatusCode
  /** Rough quality 1..5 the scores scatter around. */
  level: number
  recommendation: EvaluationRoute
  decision?: EvaluationRoute
  /** Built from an archive patent filed after the evaluation; linked or left for a suggestion. */
  fromAsset?: 'linked' | 'unlinked'
}

const PLANS: Plan[] = [
  { status: 'decided', level: 4.6, recommendation: 'invention', decision: 'invention', fromAsset: 'linked' },
  { status: 'decided', level: 4.2, recommendation: 'invention', decision: 'invention', fromAsset: 'linked' },
  { status: 'decided', level: 3.8, recommendation: 'dual', decision: 'dual', fromAsset: 'linked' },
  { status: 'decided', level: 3.3, recommendation: 'utility', decision: 'utility', fromAsset: 'linked' },
  { status: 'decided', level: 4.4, recommendation: 'invention', decision: 'invention', fromAsset: 'unlinked' },
  { status: 'decided', level: 3.6, recommendation: 'open_license', decision: 'invention', fromAsset: 'unlinked' },
  { status: 'decided', level: 3.0, recommendation: 'trade_secret', decision: 'trade_secret' },
  { status: 'decided', level: 2.4, recommendation: 'defer', decision: 'defer' },
  { status: 'decided', level: 1.8, recommendation: 'not_recommended', decision: 'not_recommended' },
  { status: 'decided', level: 3.9, recommendation: 'invention', decision: 'invention' },
  { status: 'reviewed', level: 4.0, recommendation: 'invention' },
  { status: 'reviewed', level: 2.9, recommendation: 'software' },
  { status: 'submitted', level: 3.5, recommendation: 'utility' },
  { status: 'submitted', level: 4.3, recommendation: 'dual' },
  { status: 'draft', level: 3.2, recommendation: 'invention' },
  { status: 'draft', level: 3.7, recommendation: 'invention' },
]

const REVIEWER_ROLES = ['校外技术专家', '专利代理师', '学院分管科研副院长', '技术转移中心经理', '知识产权管理部门']
const OPINIONS: Record<'agree' | 'reserve' | 'disagree', string[]> = {
  agree: ['技术方案清楚，市场需求明确，同意按建议申请。', '与现有技术相比区别明显，建议尽快提交申请并关注海外布局。', '已有企业表达合作意向，同意申请并同步推进许可谈判。'],
  reserve: ['创造性尚需补充对比实验数据，建议完善交底后申请。', '保护范围偏窄，建议撰写时增加上位概括。', '市场前景尚不明朗，可先申请实用新型。'],
  disagree: ['核心算法更适合作为技术秘密保护。', '现有技术已公开主要特征，不建议申请。'],
}
const PRIOR_ART = [
  '检索了 CNABS、DWPI 和 CNKI，检索式围绕核心技术特征与应用场景。最接近的现有技术为同领域的两篇中国发明专利申请，主要区别在于关键结构和控制方式。',
  '在 incoPat 中以关键词和 IPC 组合检索，命中 37 篇，人工筛选出 3 篇相关文献；均未公开本方案的关键技术特征。',
  '检索发现国外已有相近的学术论文，但未涉及本方案的工艺参数和应用场景，新颖性风险较低。',
]

function clampScore(x: number): number {
  return Math.max(1, Math.min(5, Math.round(x)))
}

function scoresAround(random: Random, body: TemplateBody, level: number): Scores {
  const scores: Scores = {}
  for (const { indicator } of indicatorsOf(body)) {
    scores[indicator.id] = { score: clampScore(level + (random.next() - 0.5) * 1.8), comment: random.chance(0.25) ? '见技术交底书及检索报告。' : '' }
  }
  return scores
}

/**
 * Add demo evaluations to an archive that already holds the demo researchers, projects and assets.
 * Deterministic for a given `random`. Returns how many evaluations were written.
 */
export async function seedDemoEvaluations(trx: Kysely<DB>, random: Random = new Random(20261126), today: string = todayIso()): Promise<number> {
  const template = await currentTemplate(trx)
  const at = nowIso()
  const researchers = await trx.selectFrom('researcher').select(['id', 'name', 'college']).where('active', '=', 1).orderBy('id').execute()
  if (!researchers.length) return 0
  const projects = await trx.selectFrom('project').select(['id', 'project_no', 'name', 'fiscal_funded']).orderBy('id').execute()
  // Recent university patents with linked inventors: what an evaluation may have become.
  const recent = await trx
    .selectFrom('ip_asset as a')
    .select(['a.id', 'a.kind', 'a.app_no', 'a.title', 'a.filing_date', 'a.ipc_main', 'a.college'])
    .where('a.university_owned', '=', 1)
    .where('a.kind', 'in', ['invention', 'utility'])
    .where('a.filing_date', '>=', addDays(today, -700))
    .where('a.filing_date', '<=', addDays(today, -20))
    .where((eb) => eb.exists(eb.selectFrom('asset_inventor as ai').select('ai.rank').whereRef('ai.asset_id', '=', 'a.id').where('ai.researcher_id', 'is not', null)))
    .orderBy('a.filing_date', 'desc')
    .limit(40)
    .execute()
  const titles = realTitles()
  let assetIndex = 0
  let written = 0

  for (const plan of PLANS) {
    let title: string
    let inventors: EvaluationInventor[]
    let evaluatedOn: string
    let ipc: string | null = null
    let filed: { appNo: string; assetId: number } | null = null
    const asset = plan.fromAsset ? recent[assetIndex++] : undefined
    if (asset && asset.filing_date) {
      const people = await trx
        .selectFrom('asset_inventor as ai')
        .leftJoin('researcher as r', 'r.id', 'ai.researcher_id')
        .select(['ai.raw_name', 'ai.researcher_id', 'r.college'])
        .where('ai.asset_id', '=', asset.id)
        .orderBy('ai.rank')
        .execute()
      title = asset.title
      inventors = people.map((p) => ({ name: p.raw_name, researcherId: p.researcher_id, college: p.college ?? '', external: p.researcher_id === null }))
      evaluatedOn = addDays(asset.filing_date, -random.int(20, 90))
      ipc = asset.ipc_main
      if (plan.fromAsset === 'linked') filed = { appNo: asset.app_no, assetId: asset.id }
    } else {
      const real = titles[random.int(0, titles.length - 1)]!
      title = real.title
      ipc = real.ipc[0] ?? null
      const lead = random.pick(researchers)
      inventors = [{ name: lead.name, researcherId: lead.id, college: lead.college, external: false }]
      for (let n = random.int(0, 3); n > 0; n--) {
        const other = random.pick(researchers)
        if (inventors.some((i) => i.researcherId === other.id)) continue
        inventors.push({ name: other.name, researcherId: other.id, college: other.college, external: false })
      }
      if (random.chance(0.3)) inventors.push({ name: personName(random), researcherId: null, college: random.pick(PARTNER_COMPANIES), external: true })
      evaluatedOn = plan.status === 'draft' || plan.status === 'submitted' ? addDays(today, -random.int(1, 25)) : addDays(today, -random.int(30, 540))
    }
    const project = projects.length && random.chance(0.7) ? random.pick(projects) : null
    const scores = scoresAround(random, template.body, plan.level)
    if (plan.status === 'draft') {
      // A draft half filled in: the later indicators are not scored yet.
      for (const { indicator } of indicatorsOf(template.body).slice(random.int(5, 11))) delete scores[indicator.id]
    }
    const result = scoreEvaluation(template.body, scores)
    const reviewers: EvaluationReviewer[] =
      plan.status === 'draft'
        ? []
        : Array.from({ length: plan.status === 'submitted' ? random.int(0, 1) : random.int(2, 3) }, (_, k) => {
            const stance = plan.level >= 3.5 ? (random.chance(0.8) ? 'agree' : 'reserve') : plan.level >= 2.5 ? (random.chance(0.6) ? 'reserve' : 'agree') : random.chance(0.7) ? 'disagree' : 'reserve'
            return { name: personName(random), role: REVIEWER_ROLES[k % REVIEWER_ROLES.length]!, stance, opinion: random.pick(OPINIONS[stance]), date: addDays(evaluatedOn, random.int(3, 14)) }
          })
    // A patent that came out of an evaluation was decided on before it was filed.
    const decisionDate = plan.status === 'decided' ? addDays(evaluatedOn, asset ? random.int(5, 15) : random.int(15, 30)) : null
    const row: Insertable<EvaluationTable> = {
      title,
      inventors: JSON.stringify(inventors),
      project_id: project?.id ?? null,
      project_name: project ? `${project.name}（${project.project_no}）` : '',
      fiscal_funded: project ? project.fiscal_funded : null,
      tech_field: ipc ? `IPC ${ipc.slice(0, 4)} 相关领域` : '',
      ipc_suggested: ipc,
      disclosure_date: addDays(evaluatedOn, -random.int(7, 40)),
      evaluated_on: evaluatedOn,
      prior_art_summary: plan.status === 'draft' && random.chance(0.5) ? '' : random.pick(PRIOR_ART),
      template_id: template.id,
      scores: JSON.stringify(scores),
      total: result.total,
      grade: result.grade,
      recommendation: plan.recommendation,
      reviewers: JSON.stringify(reviewers),
      status: plan.status,
      decision: plan.status === 'decided' ? (plan.decision ?? plan.recommendation) : null,
      decision_date: decisionDate && decisionDate <= today ? decisionDate : plan.status === 'decided' ? today : null,
      decision_note: plan.status === 'decided' ? '经中心评审会议讨论决定。' : '',
      decided_by: plan.status === 'decided' ? '演示馆员' : null,
      filed_app_no: filed?.appNo ?? null,
      filed_asset_id: filed?.assetId ?? null,
      created_at: at,
      updated_at: at,
    }
    await trx.insertInto('evaluation').values(row).execute()
    written++
  }
  await appendAudit(trx, { operator: '演示馆员', action: 'import', entity: 'evaluation', after: { demoEvaluations: written, templateVersion: template.version } })
  return written
}
