import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-main/contract/channels'
import type { EventName } from '../../src-main/contract/events'
import type { PickedFile } from '../../src-main/contract/system'
import type { Result } from '../../src-main/contract/result'

/** How the renderer reaches main. Feature code never sees which one is in use. */
export interface Transport {
  kind: 'electron' | 'web'
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void
  /** Let the user choose a file to read (native dialog or browser upload). */
  pickFile(title: string, extensions: string[]): Promise<PickedFile | null>
  /** Hand a file IPDesk wrote to the user (Save-as dialog or browser download). */
  deliverFile(ref: string, suggestedName: string): Promise<string | null>
}
