import { app, BrowserWindow, dialog, Menu, shell } from 'electron'
import { copyFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAppCore } from './core/app-core'
import { ARCHIVE_FILE_NAME } from './core/paths'
import { backupArchive } from './backup/backup'
import { recoverFromLatestBackup, recoveryOffer, setAsideDamaged } from './backup/recovery'
import { todayIso } from './core/clock'
import { emitToWindow, registerIpc } from './ipc/electron-transport'
import type { PlatformHooks } from './ipc/context'
import { loadAppConfig, saveAppConfig } from './app/app-config'
import { buildMenu } from './app/menu'
import { applySecurityPolicy } from './app/security'
import { mainWindowOptions } from './app/window-options'
import { loadWindowState, saveWindowState } from './app/window-state'

// Electron composition root: one instance, one archive, one window. Everything below the shell
// (services, handlers, the dispatcher) is shared with the loopback host and the CLI.

const here = dirname(fileURLToPath(import.meta.url))
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const trustedOrigins: readonly string[] = devServerUrl ? ['file://', new URL(devServerUrl).origin] : ['file://']

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void start()
}

async function start(): Promise<void> {
  app.setName('IPDesk')
  applySecurityPolicy(trustedOrigins)
  let win: BrowserWindow | null = null

  const platform: PlatformHooks = {
    async pickFile(title, extensions) {
      const result = await dialog.showOpenDialog(win!, { title, properties: ['openFile'], filters: [{ name: title, extensions }] })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async saveFile(sourcePath, suggestedName) {
      const result = await dialog.showSaveDialog(win!, { defaultPath: join(app.getPath('documents'), suggestedName) })
      if (result.canceled || !result.filePath) return null
      copyFileSync(sourcePath, result.filePath)
      shell.showItemInFolder(result.filePath)
      return result.filePath
    },
    async showItemInFolder(path) {
      shell.showItemInFolder(path)
    },
  }
  const emit = emitToWindow(() => win)
  const core = createAppCore({ transport: 'electron', platform, emit })
  const userData = app.getPath('userData')
  const configFile = join(userData, 'ipdesk-config.json')
  const windowStateFile = join(userData, 'window-state.json')
  const config = loadAppConfig(configFile)

  type Recovery = 'restored' | 'fresh' | 'other' | 'cancel'
  /** A file that will not open: say why and offer the newest good backup — never a crash or a blank window. */
  async function offerRecovery(file: string, error: unknown): Promise<Recovery> {
    const offer = recoveryOffer(file, error)
    const choices: { label: string; run: () => Promise<Recovery> }[] = []
    if (offer.canRecover && offer.latestGood) {
      const when = new Date(offer.latestGood.createdAt).toLocaleString('zh-CN')
      choices.push({ label: `从最近的备份恢复（${when}）`, run: async () => (await recoverFromLatestBackup(file), 'restored') })
    }
    if (offer.canRecover && existsSync(file)) choices.push({ label: '移开原文件并新建空档案', run: async () => (setAsideDamaged(file), 'fresh') })
    choices.push({ label: '打开其他档案…', run: async () => 'other' }, { label: '取消', run: async () => 'cancel' })
    const detail = [
      offer.message,
      offer.latestGood ? `最近的完好备份：${offer.latestGood.name}。恢复时，无法打开的原文件会移到备份文件夹中保留。` : offer.canRecover ? '没有找到该档案的可用备份。' : '',
    ].filter(Boolean).join('\n\n')
    const { response } = await dialog.showMessageBox({ type: 'error', title: '无法打开档案', message: '无法打开档案', detail, buttons: choices.map((c) => c.label), defaultId: 0, cancelId: choices.length - 1, noLink: true })
    try {
      return await choices[response]!.run()
    } catch (failure) {
      await dialog.showMessageBox({ type: 'error', title: '恢复失败', message: '恢复失败', detail: failure instanceof Error ? failure.message : String(failure) })
      return 'cancel'
    }
  }

  async function openOrExplain(file: string, create: boolean): Promise<boolean> {
    let reason: 'opened' | 'created' | 'restored' = create ? 'created' : 'opened'
    for (;;) {
      try {
        await core.session.open(file, { create })
        saveAppConfig(configFile, { lastArchive: file })
        emit('archive:changed', { archiveFile: file, reason })
        return true
      } catch (error) {
        const choice = await offerRecovery(file, error)
        if (choice === 'restored') reason = 'restored'
        else if (choice === 'fresh') create = true
        else if (choice === 'other') {
          const picked = await dialog.showOpenDialog({ title: '打开档案', properties: ['openFile'], filters: [{ name: 'IPDesk 档案', extensions: ['sqlite', 'db'] }] })
          return !picked.canceled && !!picked.filePaths[0] && openOrExplain(picked.filePaths[0], false)
        } else return false
      }
    }
  }

  const actions = {
    async newArchive() {
      const result = await dialog.showSaveDialog(win!, { title: '新建档案', defaultPath: join(app.getPath('documents'), 'IPDesk档案.sqlite'), filters: [{ name: 'IPDesk 档案', extensions: ['sqlite'] }] })
      if (!result.canceled && result.filePath) await openOrExplain(result.filePath, true)
    },
    async openArchive() {
      const result = await dialog.showOpenDialog(win!, { title: '打开档案', properties: ['openFile'], filters: [{ name: 'IPDesk 档案', extensions: ['sqlite', 'db'] }] })
      if (!result.canceled && result.filePaths[0]) await openOrExplain(result.filePaths[0], false)
    },
    async backupArchive() {
      const result = await dialog.showSaveDialog(win!, { title: '备份档案', defaultPath: join(app.getPath('documents'), `IPDesk备份_${todayIso()}.sqlite`) })
      if (result.canceled || !result.filePath) return
      try {
        const done = await backupArchive(core.session.archive, result.filePath)
        await dialog.showMessageBox(win!, { type: 'info', title: '备份完成', message: `已备份到 ${done.file}` })
      } catch (error) {
        await dialog.showMessageBox(win!, { type: 'error', title: '备份失败', message: error instanceof Error ? error.message : String(error) })
      }
    },
    navigate(to: string) {
      emit('menu:navigate', { to })
    },
    about() {
      void dialog.showMessageBox(win!, { type: 'info', title: '关于 IPDesk', message: `IPDesk ${app.getVersion()}`, detail: '高校国家知识产权信息服务中心的离线桌面工具。' })
    },
  }

  await app.whenReady()
  const opened = await openOrExplain(config.lastArchive ?? join(userData, ARCHIVE_FILE_NAME), true)
  if (!opened && !(await openOrExplain(join(userData, ARCHIVE_FILE_NAME), true))) {
    app.quit()
    return
  }
  registerIpc(core.dispatcher, trustedOrigins)
  Menu.setApplicationMenu(buildMenu(actions))

  const state = loadWindowState(windowStateFile)
  // electronegativity-explained NODE_INTEGRATION_JS_CHECK CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK REMOTE_MODULE_JS_CHECK:
  // the options come from app/window-options.ts (nodeIntegration false, contextIsolation true, sandbox true,
  // Auxclick disabled; the remote module was removed in Electron 14), which the scanner cannot follow;
  // tests/unit/app/window-options.test.ts asserts every one of them.
  win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs'), state))
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win?.show())
  const remember = () => {
    if (!win || win.isDestroyed()) return
    const bounds = win.getNormalBounds()
    saveWindowState(windowStateFile, { ...bounds, maximized: win.isMaximized() })
  }
  win.on('close', remember)
  if (devServerUrl) await win.loadURL(devServerUrl)
  else await win.loadFile(join(here, '../renderer/index.html'))

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  app.on('window-all-closed', () => {
    void core.session.close().finally(() => {
      core.files.dispose()
      app.quit()
    })
  })
}
