// Who is calling. Each transport describes its caller; the one wrapper decides whether to trust it.

export type Sender =
  | {
      kind: 'electron'
      /** URL of the frame that sent the message (event.senderFrame.url). */
      frameUrl: string | null
      /** True when the frame is the window's top frame (no parent). */
      isTopFrame: boolean
      /** Origins the app's own renderer is served from (file:// in production, the dev server in dev). */
      trustedOrigins: readonly string[]
    }
  | { kind: 'web'; tokenValid: boolean; originAllowed: boolean }
  | { kind: 'cli' }

export function isTrustedSender(sender: Sender): boolean {
  switch (sender.kind) {
    case 'electron': {
      if (!sender.isTopFrame || !sender.frameUrl) return false
      let url: URL
      try {
        url = new URL(sender.frameUrl)
      } catch {
        return false
      }
      if (url.protocol === 'file:') return sender.trustedOrigins.includes('file://')
      return sender.trustedOrigins.includes(url.origin)
    }
    case 'web':
      return sender.tokenValid && sender.originAllowed
    case 'cli':
      return true
    default: {
      const unreachable: never = sender
      return unreachable
    }
  }
}
