// Chinese text of the application shell.
export const SHELL_TEXT = {
  appName: 'IPDesk',
  appSubtitle: '高校知识产权信息服务',
  nav: {
    archive: '档案库',
    services: '咨询服务',
    disclosures: '披露核实',
    evaluations: '申请前评估',
    pool: '可转化专利',
    reports: '年度报告',
    backup: '备份与恢复',
    audit: '审计日志',
    settings: '设置',
  },
  status: {
    archive: '档案',
    assets: '知识产权',
    researchers: '科研人员',
    projects: '项目',
    services: '服务记录',
    disclosures: '披露核实',
    evaluations: '评估',
    transportWeb: '浏览器版（本机）',
    transportElectron: '桌面版',
  },
  empty: {
    title: '档案库还是空的',
    body: '导入从国家知识产权局、incoPat 或智慧芽导出的专利清单，即可建立学校的知识产权档案；也可以先载入演示数据，看看 IPDesk 能做什么。',
    import: '导入专利清单',
    demo: '载入演示数据',
    demoDone: (n: number) => `已载入演示数据：${n} 项知识产权`,
  },
  noToken: {
    title: '无法连接',
    body: '缺少访问令牌。请使用 npm run web 启动时打印的完整地址（含 ?token=…）打开本页面。',
  },
  job: {
    cancel: '取消',
    working: '正在处理…',
  },
  integrity: {
    title: '档案文件可能已损坏',
    action: '前往备份与恢复',
  },
  notFound: '页面不存在',
  comingSoon: '此功能正在建设中。',
} as const
