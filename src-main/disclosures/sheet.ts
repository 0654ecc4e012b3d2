import type { DisclosureDetail, DisclosureItem } from '../contract/disclosures'
import { ASSET_KIND_LABELS, CLAIMED_STATUS_LABELS, DISCLOSURE_STATUS_LABELS, STATUS_GROUP_LABELS, VERDICT_LABELS } from '../contract/labels'
import { sheet, writeWorkbook } from '../spreadsheet'
import { chineseDate, itemExplanation, periodText, type CertificateSettings } from './certificate'

// The result sheet: the certificate's table with the claim and the archive evidence side by side, one row
// per item, plus an overview sheet. Text cells are always text (the kit never writes formulas).

const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? '是' : '否')

export async function writeResultSheet(path: string, detail: DisclosureDetail, settings: CertificateSettings): Promise<void> {
  const c = detail.counts
  const overview: [string, string][] = [
    ['核实意见书编号', detail.certificateNo ?? '（未签发）'],
    ['状态', DISCLOSURE_STATUS_LABELS[detail.status]],
    ['姓名', detail.researcher.name],
    ['工号', detail.researcher.staffNo],
    ['所在单位', detail.researcher.college],
    ['核实用途', detail.purpose],
    ['核实期间', periodText(detail.periodFrom, detail.periodTo)],
    ['核实依据', `${settings.universityName || '本校'}知识产权档案（核实时点：${chineseDate(detail.verifiedAt)}）`],
    ['声明成果', String(c.total)],
    ['一致', String(c.consistent)],
    ['不一致', String(c.inconsistent)],
    ['档案中未找到', String(c.not_found)],
    ['号码无效', String(c.invalid_number)],
    ['复核更改结论', String(c.overridden)],
    ['核实人', detail.signedBy ?? ''],
    ['签发日期', detail.signedOn ?? ''],
    ['服务中心', settings.centreName],
    ['其他说明', detail.note],
  ]
  await writeWorkbook(
    path,
    [
      sheet<DisclosureItem>({
        name: '核实结果',
        columns: [
          { header: '序号', kind: 'integer', width: 6, value: (i) => i.seq },
          { header: '成果类型', width: 10, value: (i) => (i.claim.kind ? ASSET_KIND_LABELS[i.claim.kind] : (i.claim.raw.kind ?? '')) },
          { header: '申请号/登记号', width: 20, value: (i) => i.claim.number },
          { header: '名称', width: 36, value: (i) => i.claim.title },
          { header: '本人排名', kind: 'integer', width: 8, value: (i) => i.claim.rank },
          { header: '声明状态', width: 8, value: (i) => (i.claim.status ? CLAIMED_STATUS_LABELS[i.claim.status] : (i.claim.raw.status ?? '')) },
          { header: '声明日期', width: 12, value: (i) => i.claim.date },
          { header: '核实结论', width: 12, value: (i) => (i.effectiveVerdict ? VERDICT_LABELS[i.effectiveVerdict] : '未核实') },
          { header: '系统结论', width: 12, value: (i) => (i.verdict ? VERDICT_LABELS[i.verdict] : '未核实') },
          { header: '差异', width: 24, value: (i) => i.findings.map((f) => f.label).join('；') },
          { header: '差异及说明', width: 60, value: (i) => itemExplanation(i) },
          { header: '建议', width: 40, value: (i) => i.suggestion?.text ?? '' },
          { header: '其他情况', width: 30, value: (i) => i.remarks.map((r) => r.text).join('；') },
          { header: '档案申请号/登记号', width: 20, value: (i) => i.evidence?.asset?.appNo ?? '' },
          { header: '档案名称', width: 36, value: (i) => i.evidence?.asset?.title ?? '' },
          { header: '档案类型', width: 10, value: (i) => (i.evidence?.asset ? ASSET_KIND_LABELS[i.evidence.asset.kind] : '') },
          { header: '档案中本人排名', kind: 'integer', width: 10, value: (i) => i.evidence?.self?.rank ?? null },
          { header: '档案发明人', width: 30, value: (i) => (i.evidence?.inventors ?? []).map((v) => v.name).join('、') },
          { header: '学校为权利人', width: 10, value: (i) => yesNo(i.evidence?.asset?.universityOwned) },
          { header: '档案法律状态', width: 14, value: (i) => (i.evidence?.asset ? `${STATUS_GROUP_LABELS[i.evidence.asset.statusGroup]}${i.evidence.asset.statusEvent ? '（' + i.evidence.asset.statusEvent + '）' : ''}` : '') },
          { header: '申请日', kind: 'date', width: 12, value: (i) => i.evidence?.asset?.filingDate ?? null },
          { header: '授权公告日', kind: 'date', width: 12, value: (i) => i.evidence?.asset?.grantDate ?? null },
          { header: '更改结论理由', width: 30, value: (i) => i.override?.reason ?? '' },
          { header: '备注', width: 30, value: (i) => i.note },
          { header: '核实时间', width: 20, value: (i) => i.verifiedAt },
          { header: '核实人', width: 12, value: (i) => i.override?.by ?? i.operator },
        ],
        rows: detail.items,
      }),
      sheet<[string, string]>({
        name: '核实概况',
        columns: [
          { header: '项目', width: 16, value: (r) => r[0] },
          { header: '内容', width: 60, value: (r) => r[1] },
        ],
        rows: overview,
        autoFilter: false,
      }),
    ],
    { creator: settings.centreName || 'IPDesk' },
  )
}
