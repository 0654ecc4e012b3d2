import type { EventName } from '../../src-main/contract/events'
import type { PickedFile } from '../../src-main/contract/system'
import type { Result } from '../../src-main/contract/result'
import type { Transport } from './types'

const TOKEN_KEY = 'ipdesk.token'

/** The token comes in the launch URL once; keep it for reloads, and take it out of the address bar. */
export function readWebToken(): string | null {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    params.delete('token')
    const query = params.toString()
    window.history.replaceState(null, '', window.location.pathname + (query ? `?${query}` : '') + window.location.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

function chooseLocalFile(extensions: string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = extensions.map((e) => `.${e}`).join(',')
    input.style.display = 'none'
    input.setAttribute('data-testid', 'web-file-input')
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null)
      input.remove()
    })
    input.addEventListener('cancel', () => {
      resolve(null)
      input.remove()
    })
    document.body.appendChild(input)
    input.click()
  })
}

export function webTransport(token: string): Transport {
  const headers = { 'Content-Type': 'application/json', 'X-IPDesk-Token': token }
  const invoke: Transport['invoke'] = async (channel, input) => {
    try {
      const response = await fetch(`/rpc/${encodeURIComponent(channel)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) })
      return (await response.json()) as Result<never>
    } catch {
      return { ok: false, error: { code: 'io', message: '无法连接 IPDesk 本机服务：请确认 npm run web 仍在运行。' } }
    }
  }
  return {
    kind: 'web',
    invoke,
    onEvent(listener) {
      const source = new EventSource(`/events?token=${encodeURIComponent(token)}`)
      source.addEventListener('ipdesk', (message) => {
        const { name, payload } = JSON.parse((message as MessageEvent<string>).data) as { name: EventName; payload: unknown }
        listener(name, payload)
      })
      return () => source.close()
    },
    async pickFile(_title, extensions) {
      const file = await chooseLocalFile(extensions)
      if (!file) return null
      const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'X-IPDesk-Token': token, 'Content-Type': 'application/octet-stream' },
        body: file,
      })
      const result = (await response.json()) as Result<PickedFile>
      if (!result.ok) throw result.error
      return result.value
    },
    async deliverFile(ref, suggestedName) {
      const link = document.createElement('a')
      link.href = `/download/${ref}?token=${encodeURIComponent(token)}&name=${encodeURIComponent(suggestedName)}`
      link.download = suggestedName
      document.body.appendChild(link)
      link.click()
      link.remove()
      return suggestedName
    },
  }
}
