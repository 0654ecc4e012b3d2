import type { DisclosureDetail, DisclosureItem } from '../contract/disclosures'
import { ASSET_KIND_LABELS, CLAIMED_STATUS_LABELS, VERDICT_LABELS } from '../contract/labels'
import { AlignmentType, Paragraph, TextRun } from 'docx'
import { dataTable, heading, keyValueTable, paragraph, SIZE, title, writeDocx, type Block } from '../docx'

// 核实意见书: the Word certificate the researcher takes away. Built only from the disclosure as stored
// (for a signed one: the frozen verdicts and evidence), never from the live archive.

export interface CertificateSettings {
  universityName: string
  centreName: string
}

export function chineseDate(iso: string | null): string {
  if (!iso) return '____年__月__日'
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

export function periodText(from: string | null, to: string | null): string {
  if (!from && !to) return '不限'
  return `${from ? chineseDate(from) : '不限'} 至 ${to ? chineseDate(to) : '不限'}`
}

/** What the 说明 column says about one item: the discrepancies, the suggestion, the override, the note. */
export function itemExplanation(item: DisclosureItem, options: { withDetails?: boolean } = {}): string {
  const lines: string[] = []
  for (const f of item.findings) lines.push(options.withDetails === false ? f.label : `${f.label}：${f.detail}`)
  if (item.verdict === 'invalid_number' || item.verdict === 'not_found') {
    if (item.verdict === 'invalid_number' && item.suggestion?.numbers.length) lines.push(`正确号码应为 ${item.suggestion.numbers[0]}`)
    else if (item.evidence?.lookup.message && item.verdict === 'invalid_number') lines.push(item.evidence.lookup.message)
    if (item.verdict === 'not_found') lines.push('档案中无该号码的记录')
  }
  if (item.override) lines.push(`经复核更改结论（原结论：${item.verdict ? VERDICT_LABELS[item.verdict] : '未核实'}）；理由：${item.override.reason}`)
  if (item.note) lines.push(`备注：${item.note}`)
  return lines.join('\n')
}

function claimedKind(item: DisclosureItem): string {
  return item.claim.kind ? ASSET_KIND_LABELS[item.claim.kind] : (item.claim.raw.kind ?? '')
}

function claimedStatus(item: DisclosureItem): string {
  return item.claim.status ? CLAIMED_STATUS_LABELS[item.claim.status] : (item.claim.raw.status ?? '')
}

export function certificateBlocks(detail: DisclosureDetail, settings: CertificateSettings): Block[] {
  const c = detail.counts
  const signed = detail.status === 'signed'
  const day = signed ? detail.signedOn : (detail.verifiedAt?.slice(0, 10) ?? null)
  const blocks: Block[] = [
    title('知识产权成果核实意见书'),
    paragraph(`编号：${detail.certificateNo ?? '（未签发）'}`, { align: 'right', indent: false }),
  ]
  if (!signed) blocks.push(paragraph('本意见书尚未签发，仅供核对，不作证明使用。', { align: 'center', indent: false, bold: true, color: 'C00000' }))
  blocks.push(
    keyValueTable([
      ['姓名', detail.researcher.name],
      ['工号', detail.researcher.staffNo],
      ['所在单位', detail.researcher.college || '—'],
      ['核实用途', detail.purpose],
      ['核实期间', periodText(detail.periodFrom, detail.periodTo)],
      ['声明成果', `${c.total} 项`],
      ['核实依据', `${settings.universityName || '本校'}知识产权档案（核实时点：${chineseDate(detail.verifiedAt)}）`],
    ]),
    heading('核实结果'),
    paragraph(
      `经逐项核对，共核实 ${c.total} 项：一致 ${c.consistent} 项，不一致 ${c.inconsistent} 项，档案中未找到 ${c.not_found} 项，号码无效 ${c.invalid_number} 项` +
        (c.unverified ? `，未核实 ${c.unverified} 项` : '') +
        (c.overridden ? `；其中 ${c.overridden} 项经核实人员复核更改了结论` : '') +
        '。',
    ),
  )
  const rows = detail.items.map((item) => [
    String(item.seq),
    claimedKind(item),
    item.claim.number || '（未填写）',
    item.claim.title,
    item.claim.rank === null ? (item.claim.raw.rank ?? '') : `第${item.claim.rank}`,
    claimedStatus(item),
    item.effectiveVerdict ? VERDICT_LABELS[item.effectiveVerdict] : '未核实',
    itemExplanation(item),
  ])
  blocks.push(
    dataTable(
      [
        // Widths so that '序号', '授权' and a 14-character application number each fit on one line.
        { header: '序号', width: 7, align: 'center' },
        { header: '成果类型', width: 9, align: 'center' },
        { header: '申请号/登记号', width: 19 },
        { header: '名称', width: 20 },
        { header: '本人排名', width: 7, align: 'center' },
        { header: '声明状态', width: 7, align: 'center' },
        { header: '核实结论', width: 9, align: 'center' },
        { header: '差异及说明', width: 22 },
      ],
      rows,
      { rowShading: (r) => (detail.items[r]!.effectiveVerdict === 'consistent' ? undefined : 'FDECEC') },
    ),
  )
  if (detail.note) blocks.push(paragraph(`其他说明：${detail.note}`))
  blocks.push(...sealBlock(detail.signedBy ?? detail.items.find((i) => i.operator)?.operator ?? '', settings.centreName || '国家知识产权信息服务中心', chineseDate(day)))
  // The fine print comes after the signature, in a smaller size, so the seal stays next to the table.
  const small = { size: SIZE.small, indent: false, align: 'justify' as const }
  blocks.push(
    paragraph('说明：', { ...small, bold: true }),
    paragraph(
      `1. 本意见依据${settings.universityName || '本校'}知识产权档案在核实时点的记录作出。核对内容包括：申请号/登记号及其校验位、成果类型、本人是否为发明人（设计人）及排名（按工号关联认定，不以姓名相同认定）、学校是否为权利人、法律状态（声明为授权的，须档案显示已授权）、日期及是否在核实期间内、成果名称。`,
      small,
    ),
    paragraph('2. “一致”表示声明与档案相符；“不一致”列出全部差异；“档案中未找到”表示档案中没有该号码的记录（可能尚未录入档案，或号码有误）；“号码无效”表示号码不符合编号规则（如校验位错误）。', small),
    paragraph('3. 本意见仅说明声明与学校知识产权档案的核对情况，不替代国家知识产权局出具的法律状态证明。', small),
  )
  return blocks
}

/**
 * 核实人, the centre's name with room above it for the round seal, and the date — right-aligned, and
 * kept on one page together (keepNext), so the seal line never ends up alone on a page of its own.
 */
function sealBlock(operator: string, centre: string, date: string): Paragraph[] {
  const line = (text: string, options: { before?: number; after?: number; last?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      keepNext: !options.last,
      keepLines: true,
      spacing: { before: options.before ?? 0, after: options.after ?? 120 },
      children: [new TextRun(text)],
    })
  return [
    line('', { before: 240 }),
    line(`核实人（签字）：${operator}`),
    // About 3.5 cm of blank space: where the 4 cm seal goes, overlapping the centre's name.
    line(`${centre}（盖章）`, { before: 1500 }),
    line(date, { last: true }),
  ]
}

export async function writeCertificate(path: string, detail: DisclosureDetail, settings: CertificateSettings): Promise<void> {
  await writeDocx(path, {
    title: `知识产权成果核实意见书（${detail.researcher.name}）`,
    creator: settings.centreName || 'IPDesk',
    sections: [{ children: certificateBlocks(detail, settings) }],
  })
}

/** File names the outputs are offered under. */
export function outputBaseName(detail: DisclosureDetail): string {
  const day = (detail.signedOn ?? detail.verifiedAt ?? detail.createdAt).slice(0, 10).replace(/-/g, '')
  return `${detail.researcher.name}_${detail.researcher.staffNo}_${day}`.replace(/[\\/:*?"<>|\s]+/g, '_')
}
