import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DISCLOSURE_PURPOSES, type DisclosureDetail, type DisclosureItem } from '../../contract/disclosures'
import { DISCREPANCY_LABELS, VERDICT_LABELS } from '../../contract/labels'
import { AppError } from '../../contract/result'
import { outputBaseName, writeCertificate } from '../../disclosures/certificate'
import { parsePeriodText, readClaimsFile } from '../../disclosures/intake'
import { createDisclosure, getDisclosure, getResearcherByStaffNo, signDisclosure } from '../../disclosures/service'
import { writeResultSheet } from '../../disclosures/sheet'
import { writeClaimTemplate } from '../../disclosures/template'
import { removeBlanks } from '../../domain/text-width'
import { getSettings } from '../../settings/service'
import { printJson, stringOption, UsageError, type Command, type ParsedCommand } from '../command'
import { withArchive } from '../with-archive'

const ISO = /^\d{4}-\d{2}-\d{2}$/

function dateOption(p: ParsedCommand, name: string, end: boolean): string | null {
  const raw = stringOption(p, name)
  if (raw === undefined) return null
  if (ISO.test(raw)) return raw
  if (/^\d{4}$/.test(raw)) return end ? `${raw}-12-31` : `${raw}-01-01`
  throw new UsageError(`--${name} 应为 YYYY-MM-DD 或年份，而不是“${raw}”`)
}

/** What `ipdesk verify --json` prints per item. */
function itemJson(item: DisclosureItem) {
  const suggestion = item.suggestion
  // The valid number itself for a mistyped number; otherwise the suggestion in words (it names the numbers).
  const text = item.verdict === 'invalid_number' && suggestion?.numbers.length ? suggestion.numbers[0]! : suggestion?.text
  return {
    seq: item.seq,
    number: item.claim.number,
    verdict: item.effectiveVerdict,
    discrepancies: item.discrepancies,
    ...(text ? { suggestion: text, suggestedNumbers: suggestion!.numbers } : {}),
    remarks: item.remarks.map((r) => r.code),
    assetId: item.evidence?.asset?.id ?? null,
  }
}

function summaryLines(detail: DisclosureDetail): string[] {
  const lines = [
    `${detail.researcher.name}（工号 ${detail.researcher.staffNo}）  用途：${detail.purpose}  核实 ${detail.counts.total} 项：一致 ${detail.counts.consistent}，不一致 ${detail.counts.inconsistent}，未找到 ${detail.counts.not_found}，号码无效 ${detail.counts.invalid_number}`,
  ]
  for (const item of detail.items) {
    const verdict = item.effectiveVerdict ? VERDICT_LABELS[item.effectiveVerdict] : '未核实'
    const codes = item.discrepancies.map((c) => DISCREPANCY_LABELS[c]).join('、')
    lines.push(`${String(item.seq).padStart(3)}  ${item.claim.number || '（未填写）'}  ${verdict}${codes ? '：' + codes : ''}${item.suggestion ? '  建议：' + item.suggestion.text : ''}`)
  }
  return lines
}

export const disclosuresCommands: Command[] = [
  {
    name: 'verify',
    summary: '按档案逐项核实科研人员披露的知识产权成果，输出核实意见书（.docx）和核实结果（.xlsx）',
    usage:
      'ipdesk verify CLAIMS.xlsx --researcher STAFF_NO --db DB [--out DIR] [--json]\n' +
      `       [--purpose 用途（${DISCLOSURE_PURPOSES.join('/')}）] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--period "2021-01-01至2023-12-31"] [--sign]`,
    options: {
      db: { type: 'string' },
      researcher: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      purpose: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      period: { type: 'string' },
      sign: { type: 'boolean' },
    },
    async run(p) {
      const [claimsFile, ...extra] = p.positionals
      if (!claimsFile || extra.length) throw new UsageError('请指定一个披露清单文件（.xlsx 或 .csv）')
      const db = stringOption(p, 'db', true)
      const staffNoOption = stringOption(p, 'researcher')
      let periodFrom = dateOption(p, 'from', false)
      let periodTo = dateOption(p, 'to', true)
      const periodOption = stringOption(p, 'period')
      if (periodOption) {
        const [from, to] = parsePeriodText(periodOption)
        if (!from && !to) throw new UsageError(`--period 应为“2021-01-01至2023-12-31”或“2021-2023”，而不是“${periodOption}”`)
        periodFrom ??= from
        periodTo ??= to
      }

      const started = performance.now()
      const list = await readClaimsFile(resolve(claimsFile))
      const readMs = performance.now() - started
      const errors = list.problems.filter((x) => x.severity === 'error')
      if (errors.length) {
        const where = (x: (typeof errors)[number]) => [x.row ? `第 ${x.row} 行` : '', x.column ? `${x.column} 列` : ''].filter(Boolean).join(' ')
        throw new AppError('invalid_input', [`“${list.fileName}”有 ${errors.length} 处无法读取，未作任何修改：`, ...errors.map((x) => `  ${where(x)}：${x.message}`)].join('\n'))
      }
      const staffNo = staffNoOption ?? list.meta.staffNo
      if (!staffNo) throw new UsageError('缺少参数 --researcher（科研人员工号）')
      if (staffNoOption && list.meta.staffNo && list.meta.staffNo !== staffNoOption && !p.values.json) {
        p.io.err(`注意：清单中写的工号是 ${list.meta.staffNo}，按 --researcher ${staffNoOption} 核实。`)
      }
      periodFrom ??= list.meta.periodFrom
      periodTo ??= list.meta.periodTo
      const purpose = stringOption(p, 'purpose') ?? list.meta.purpose ?? '其他'
      const outDir = resolve(stringOption(p, 'out') ?? '.')

      let verifyMs = 0
      let filesMs = 0
      const { detail, files } = await withArchive(db, async (archive) => {
        const researcher = await getResearcherByStaffNo(archive.db, staffNo)
        // The list names its researcher (姓名：…) and he is someone else: the certificate would be about the wrong person.
        if (list.meta.name && removeBlanks(list.meta.name) !== removeBlanks(researcher.name) && !p.values.json) {
          p.io.err(`注意：清单中写的姓名是“${list.meta.name}”，而工号 ${researcher.staffNo} 是“${researcher.name}”：请核对工号是否填对。`)
        }
        const verifyStarted = performance.now()
        const id = await createDisclosure(archive.db, {
          researcherId: researcher.id,
          purpose,
          periodFrom,
          periodTo,
          sourceFile: list.fileName,
          items: list.claims,
        })
        if (p.values.sign) await signDisclosure(archive.db, id)
        verifyMs = performance.now() - verifyStarted
        const filesStarted = performance.now()
        const detail = await getDisclosure(archive.db, id)
        const settings = await getSettings(archive.db)
        mkdirSync(outDir, { recursive: true })
        const base = outputBaseName(detail)
        const docx = join(outDir, `核实意见书_${base}.docx`)
        const xlsx = join(outDir, `核实结果_${base}.xlsx`)
        await writeCertificate(docx, detail, settings)
        await writeResultSheet(xlsx, detail, settings)
        filesMs = performance.now() - filesStarted
        return { detail, files: [docx, xlsx] }
      })

      if (p.values.json) {
        printJson(p.io, {
          disclosureId: detail.id,
          status: detail.status,
          certificateNo: detail.certificateNo,
          researcher: { staffNo: detail.researcher.staffNo, name: detail.researcher.name },
          purpose: detail.purpose,
          periodFrom: detail.periodFrom,
          periodTo: detail.periodTo,
          counts: detail.counts,
          items: detail.items.map(itemJson),
          warnings: list.problems,
          files,
          /** Reading the sheet; saving and verifying the claims (the service); writing the .docx and .xlsx. */
          timings: { readMs: Math.round(readMs), verifyMs: Math.round(verifyMs), filesMs: Math.round(filesMs) },
        })
      } else {
        for (const x of list.problems) p.io.err(`注意：${x.row ? `第 ${x.row} 行 ` : ''}${x.column ?? ''} ${x.message}`)
        p.io.out([...summaryLines(detail), '', ...files.map((f) => `已写入 ${f}`)].join('\n'))
      }
      return 0
    },
  },
  {
    name: 'template disclosure',
    summary: '生成披露清单模板（披露清单模板.xlsx），交科研人员填写',
    usage: 'ipdesk template disclosure --out FILE',
    options: { out: { type: 'string' } },
    async run(p) {
      const out = resolve(stringOption(p, 'out', true))
      await writeClaimTemplate(out)
      p.io.out(`已生成 ${out}`)
      return 0
    },
  },
]
