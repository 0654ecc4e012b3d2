import { describe, expect, it } from 'vitest'
import { isTrustedSender } from '../../../src-main/ipc/sender'

describe('isTrustedSender', () => {
  const prod = ['file://'] as const
  const dev = ['file://', 'http://localhost:5173'] as const
  it('trusts only the top frame of the app’s own origin', () => {
    expect(isTrustedSender({ kind: 'electron', frameUrl: 'file:///opt/IPDesk/resources/app.asar/out/renderer/index.html', isTopFrame: true, trustedOrigins: prod })).toBe(true)
    expect(isTrustedSender({ kind: 'electron', frameUrl: 'file:///x/index.html', isTopFrame: false, trustedOrigins: prod })).toBe(false)
    expect(isTrustedSender({ kind: 'electron', frameUrl: 'https://evil.example/', isTopFrame: true, trustedOrigins: prod })).toBe(false)
    expect(isTrustedSender({ kind: 'electron', frameUrl: 'http://localhost:5173/', isTopFrame: true, trustedOrigins: prod })).toBe(false)
    expect(isTrustedSender({ kind: 'electron', frameUrl: 'http://localhost:5173/#/archive', isTopFrame: true, trustedOrigins: dev })).toBe(true)
    expect(isTrustedSender({ kind: 'electron', frameUrl: null, isTopFrame: true, trustedOrigins: prod })).toBe(false)
    expect(isTrustedSender({ kind: 'electron', frameUrl: 'not a url', isTopFrame: true, trustedOrigins: prod })).toBe(false)
  })
  it('trusts web callers only with the token and an allowed origin', () => {
    expect(isTrustedSender({ kind: 'web', tokenValid: true, originAllowed: true })).toBe(true)
    expect(isTrustedSender({ kind: 'web', tokenValid: false, originAllowed: true })).toBe(false)
    expect(isTrustedSender({ kind: 'web', tokenValid: true, originAllowed: false })).toBe(false)
  })
})
