import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mainWindowOptions } from '../../../src-main/app/window-options'
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../src-main/app/window-state'
import { tempDir } from '../helpers/temp'

describe('main window options', () => {
  it('are hardened: isolated, sandboxed, no Node in the page, no webviews', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs', DEFAULT_WINDOW_STATE)
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  it('restore the remembered size and position', () => {
    const options = mainWindowOptions('/p', { width: 1500, height: 900, x: 10, y: 20, maximized: false })
    expect(options).toMatchObject({ width: 1500, height: 900, x: 10, y: 20 })
  })
})

describe('window state', () => {
  it('round-trips through a file and falls back to defaults on garbage', () => {
    const file = join(tempDir(), 'window-state.json')
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE)
    saveWindowState(file, { width: 1200, height: 800, x: 5, y: 6, maximized: true })
    expect(loadWindowState(file)).toEqual({ width: 1200, height: 800, x: 5, y: 6, maximized: true })
    saveWindowState(file, { width: 5, height: -1, maximized: false })
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE)
  })
})

describe('renderer page', () => {
  it('carries a strict Content-Security-Policy without unsafe-eval or remote sources', () => {
    const html = readFileSync(resolve(__dirname, '../../../src-renderer/index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/https?:/)
  })
})
