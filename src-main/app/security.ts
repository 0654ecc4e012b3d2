import { app, session, type WebContents } from 'electron'

// Electron's security checklist, applied once for the whole app: no navigation away from the app,
// no new windows, no webviews, every permission request denied, nothing loaded from the network.

export function isAppUrl(url: string, trustedOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'file:') return trustedOrigins.includes('file://')
    return trustedOrigins.includes(parsed.origin)
  } catch {
    return false
  }
}

export function applySecurityPolicy(trustedOrigins: readonly string[]): void {
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, trustedOrigins)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, trustedOrigins)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    // No new windows of any kind; the app is offline and has no links out.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  app.whenReady().then(() => {
    const ses = session.defaultSession
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    ses.setPermissionCheckHandler(() => false)
    ses.setDevicePermissionHandler(() => false)
    // Offline by design: refuse any request that is not the app's own files or dev server.
    ses.webRequest.onBeforeRequest((details, callback) => {
      const ok = isAppUrl(details.url, trustedOrigins) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:')
      callback({ cancel: !ok })
    })
  })
}
