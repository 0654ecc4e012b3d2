import type { Random } from './random'

// Invented people and units for the demo archive. Surnames follow their real frequency roughly so the
// demo has the namesakes (同名) a real roster has.

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '文', '辉', '鑫', '宇', '浩', '婷', '博', '晨', '思', '雨', '子', '轩', '欣', '琳', '建', '国', '华', '志', '海', '俊', '佳', '悦', '晓', '鹏', '凯', '峰', '翔', '颖']

export function personName(random: Random): string {
  const surname = random.pick(SURNAMES)
  return random.chance(0.55) ? surname + random.pick(GIVEN) + random.pick(GIVEN) : surname + random.pick(GIVEN)
}

export interface College {
  name: string
  /** 一级学科 codes of the 2022 catalogue this college's researchers belong to. */
  disciplines: string[]
  /** IPC sections/classes its patents tend to fall under. */
  ipcPrefixes: string[]
}

export const COLLEGES: College[] = [
  { name: '计算机科学与技术学院', disciplines: ['0812', '0835'], ipcPrefixes: ['G06', 'H04L'] },
  { name: '信息与电子工程学院', disciplines: ['0810', '0809'], ipcPrefixes: ['H04', 'H01', 'G01'] },
  { name: '电气工程学院', disciplines: ['0808'], ipcPrefixes: ['H02', 'H01M', 'G01R'] },
  { name: '机械工程学院', disciplines: ['0802'], ipcPrefixes: ['B23', 'F16', 'B25', 'B65'] },
  { name: '材料科学与工程学院', disciplines: ['0805'], ipcPrefixes: ['C22', 'C04', 'C08', 'B22'] },
  { name: '化学工程与生物工程学院', disciplines: ['0817', '0703'], ipcPrefixes: ['C07', 'C01', 'B01'] },
  { name: '环境与资源学院', disciplines: ['0830'], ipcPrefixes: ['C02', 'B09', 'E02'] },
  { name: '生命科学学院', disciplines: ['0710', '0836'], ipcPrefixes: ['C12', 'A61K', 'A01'] },
  { name: '医学院', disciplines: ['1002', '1007'], ipcPrefixes: ['A61'] },
  { name: '建筑工程学院', disciplines: ['0814', '0813'], ipcPrefixes: ['E04', 'E01', 'G01M'] },
  { name: '能源工程学院', disciplines: ['0807'], ipcPrefixes: ['F24', 'F23', 'F01', 'F02'] },
  { name: '农业与生物技术学院', disciplines: ['0901', '0904'], ipcPrefixes: ['A01', 'A23'] },
]

export const TITLES = ['教授', '研究员', '副教授', '副研究员', '讲师', '助理研究员', '高级工程师', '工程师']

export const PARTNER_COMPANIES = [
  '杭州智芯科技有限公司',
  '宁波海天精工股份有限公司',
  '苏州纳微材料有限公司',
  '合肥清源环保科技有限公司',
  '无锡储能电池技术有限公司',
  '上海联影智能医疗科技有限公司',
  '南京绿洲农业发展有限公司',
  '深圳云启数据服务有限公司',
  '常州精密传动有限公司',
  '温州光电器件有限公司',
]

export const FUNDERS: [string, 'national' | 'provincial' | 'industry' | 'university', boolean][] = [
  ['国家自然科学基金委员会', 'national', true],
  ['科学技术部（国家重点研发计划）', 'national', true],
  ['省科学技术厅', 'provincial', true],
  ['省自然科学基金', 'provincial', true],
  ['企业委托（横向）', 'industry', false],
  ['校科研基金', 'university', true],
]
