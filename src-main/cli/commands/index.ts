import type { Command } from '../command'
import { coreCommands } from './core'

/** Every CLI command. Areas add their own module here (archive, services, disclosures, …). */
export const COMMANDS: Command[] = [...coreCommands]
