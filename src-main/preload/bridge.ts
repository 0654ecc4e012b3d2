import { CHANNEL_NAMES, type ChannelInput, type ChannelName, type ChannelOutput } from '../contract/channels'
import type { EventName, EventPayload } from '../contract/events'
import type { Result } from '../contract/result'

export type ChannelFunctions = { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> }
export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** What the preload puts on `window.ipdesk`: one function per channel, and an event subscription. */
export interface IpdeskBridge {
  channels: ChannelFunctions
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void
}

export function buildBridge(
  invoke: (channel: ChannelName, input: unknown) => Promise<unknown>,
  subscribe: (listener: (event: EventName, payload: unknown) => void) => () => void,
): IpdeskBridge {
  const channels = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, (input: unknown) => invoke(name, input)]),
  ) as unknown as ChannelFunctions
  return { channels, onEvent: subscribe } satisfies IpdeskBridge
}
