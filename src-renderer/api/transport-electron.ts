import type { IpdeskBridge } from '../../src-main/preload/bridge'
import type { Transport } from './types'

declare global {
  interface Window {
    ipdesk?: IpdeskBridge
  }
}

export function electronTransport(bridge: IpdeskBridge): Transport {
  const invoke: Transport['invoke'] = (channel, input) =>
    (bridge.channels[channel] as (i: unknown) => Promise<never>)(input)
  return {
    kind: 'electron',
    invoke,
    onEvent: (listener) => bridge.onEvent(listener),
    async pickFile(title, extensions) {
      const result = await invoke('files:pick', { title, extensions })
      if (!result.ok) throw result.error
      return result.value
    },
    async deliverFile(ref, suggestedName) {
      const result = await invoke('files:deliver', { ref, suggestedName })
      if (!result.ok) throw result.error
      return result.value.savedTo
    },
  }
}
