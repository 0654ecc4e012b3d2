import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  newArchive(): void
  openArchive(): void
  backupArchive(): void
  navigate(to: string): void
  about(): void
}

export function buildMenu(actions: MenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '新建档案…', accelerator: 'CmdOrCtrl+N', click: () => actions.newArchive() },
        { label: '打开档案…', accelerator: 'CmdOrCtrl+O', click: () => actions.openArchive() },
        { type: 'separator' },
        { label: '备份档案…', accelerator: 'CmdOrCtrl+B', click: () => actions.backupArchive() },
        { type: 'separator' },
        { label: '设置', accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('/settings') },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '档案库', accelerator: 'CmdOrCtrl+1', click: () => actions.navigate('/archive') },
        { label: '咨询服务', accelerator: 'CmdOrCtrl+2', click: () => actions.navigate('/services') },
        { label: '披露核实', accelerator: 'CmdOrCtrl+3', click: () => actions.navigate('/disclosures') },
        { label: '申请前评估', accelerator: 'CmdOrCtrl+4', click: () => actions.navigate('/evaluations') },
        { label: '年度报告', accelerator: 'CmdOrCtrl+5', click: () => actions.navigate('/reports') },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于 IPDesk', click: () => actions.about() }] },
  ]
  return Menu.buildFromTemplate(template)
}
