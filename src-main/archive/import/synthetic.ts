import { applicationCheckChar } from '../../domain/cn-number'
import type { ColumnKind } from '../../spreadsheet'

// A synthetic patent list with CNIPA headers and valid numbers, for large-import tests and for measuring
// the import against exceljs streaming the same file (scripts/measure-import.ts, `npm run bench`).
// Deterministic: row i is always the same patent.

export const SYNTHETIC_COLUMNS: { header: string; kind: ColumnKind }[] = [
  { header: '申请号', kind: 'text' },
  { header: '申请日', kind: 'date' },
  { header: '公开（公告）号', kind: 'text' },
  { header: '公开（公告）日', kind: 'date' },
  { header: '名称', kind: 'text' },
  { header: '申请（专利权）人', kind: 'text' },
  { header: '发明（设计）人', kind: 'text' },
  { header: '主分类号', kind: 'text' },
  { header: '分类号', kind: 'text' },
  { header: '法律状态', kind: 'text' },
  { header: '学院', kind: 'text' },
  { header: '摘要', kind: 'text' },
]
export const SYNTHETIC_HEADERS = SYNTHETIC_COLUMNS.map((c) => c.header)

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉宇浩凯健俊帆婷雪琳晨阳博文斌宁欣怡楠峰鑫'
const TOPICS = ['锂电池隔膜', '芯片封装结构', '图像识别方法', '污水处理装置', '复合材料', '无人机控制系统', '光伏组件', '基因检测试剂盒', '智能传感器', '钢渣胶凝材料']
const FORMS = ['一种', '一种新型', '基于深度学习的', '一种高效']
const ENDINGS = ['及其制备方法', '装置', '系统', '方法']
const COLLEGES = ['计算机学院', '材料学院', '机械学院', '化学化工学院', '电气学院', '生命科学学院']
const IPC = ['H01M50/409', 'H01L23/31', 'G06V10/82', 'C02F9/00', 'C08L67/04', 'G05D1/10', 'H02S40/10', 'C12Q1/68', 'G01D5/12', 'C04B7/147']
const STATUS = ['实质审查', '授权', '专利权维持', '未缴年费终止失效', '公开', '等年费滞纳金']

function name(i: number): string {
  return SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length]! : '')
}

function isoDay(start: number, offsetDays: number): Date {
  return new Date(start + offsetDays * 86_400_000)
}

/** Row i of the synthetic list, in SYNTHETIC_COLUMNS order. */
export function syntheticPatentRow(i: number, university: string): (string | Date | null)[] {
  const year = 2015 + (i % 10)
  const typeDigit = i % 5 === 0 ? '2' : '1'
  const digits = `${year}${typeDigit}${String(100000 + i).padStart(7, '0')}`
  const appNo = `${digits}.${applicationCheckChar(digits)}`
  const filing = isoDay(Date.UTC(year, 0, 1), i % 360)
  const topic = TOPICS[i % TOPICS.length]!
  const title = `${FORMS[i % FORMS.length]}${topic}${ENDINGS[(i >> 2) % ENDINGS.length]}`
  const pubNo = `CN${String(110_000_000 + i)}${typeDigit === '2' ? 'U' : 'A'}`
  const inventors = [name(i), name(i + 1), name(i * 3 + 2)].join(';')
  return [
    appNo,
    filing,
    pubNo,
    isoDay(filing.getTime(), 180),
    title,
    i % 7 === 0 ? `${university};东海科技有限公司` : university,
    inventors,
    IPC[i % IPC.length]!,
    `${IPC[i % IPC.length]};${IPC[(i + 3) % IPC.length]}`,
    STATUS[i % STATUS.length]!,
    COLLEGES[i % COLLEGES.length]!,
    `本${typeDigit === '2' ? '实用新型' : '发明'}公开了${title}，涉及${topic}技术领域，解决了现有技术中效率低、成本高的问题。`,
  ]
}

export function* syntheticPatentRows(n: number, university: string): Generator<(string | Date | null)[]> {
  for (let i = 0; i < n; i++) yield syntheticPatentRow(i, university)
}
