import { DISCLOSURE_PURPOSES } from '../contract/disclosures'
import { sheet, writeWorkbook } from '../spreadsheet'

// 披露清单模板.xlsx: the list a researcher fills in before coming to the centre. The first sheet is the
// list itself (header only, read back by intake.ts); the second explains each column.

export const TEMPLATE_FILE_NAME = '披露清单模板.xlsx'

export const TEMPLATE_COLUMNS = ['序号', '成果类型', '申请号/登记号', '名称', '本人排名', '声明状态', '声明日期', '备注'] as const

const GUIDE: [string, string][] = [
  ['序号', '从 1 开始，每项成果一行。'],
  ['成果类型', '发明、实用新型、外观设计、软件著作权、集成电路布图设计、植物新品种 之一。'],
  ['申请号/登记号', '专利填申请号（专利号），如 202310397744.0 或 ZL202310397744.0，请连同小数点后的校验位完整填写；软件著作权填登记号，如 2026SR0581563。'],
  ['名称', '与专利证书或登记证书上的名称一致。'],
  ['本人排名', '本人在发明人（设计人、著作权人）中的位次，填数字：1 表示第一发明人。'],
  ['声明状态', '申请（已提交申请、尚未授权）、授权（专利已授权）或 登记（软件著作权等已登记）。'],
  ['声明日期', '可选。申请的填申请日，授权的填授权公告日，登记的填登记日，如 2024-05-20。'],
  ['备注', '可选，需要说明的情况。'],
  ['核实用途', `由信息服务中心在核实时选择：${DISCLOSURE_PURPOSES.join('、')}。`],
  ['注意', '请勿修改第一个工作表的列名；空行会被忽略。信息服务中心将逐项与学校知识产权档案核对，并出具核实意见书。'],
]

export async function writeClaimTemplate(path: string): Promise<void> {
  await writeWorkbook(path, [
    sheet<never>({
      name: '披露清单',
      columns: TEMPLATE_COLUMNS.map((header) => ({
        header,
        kind: header === '序号' || header === '本人排名' ? 'integer' : header === '声明日期' ? 'date' : 'text',
        width: header === '名称' ? 44 : header === '申请号/登记号' ? 22 : header === '备注' ? 24 : 12,
        value: () => null,
      })),
      rows: [],
    }),
    sheet<[string, string]>({
      name: '填写说明',
      columns: [
        { header: '列', width: 16, value: (r) => r[0] },
        { header: '填写说明', width: 100, value: (r) => r[1] },
      ],
      rows: GUIDE,
      autoFilter: false,
    }),
  ])
}
