import type { Command } from '../command'
import { coreCommands } from './core'
import { evaluationsCommands } from './evaluations'
import { archiveImportCommands } from './archive-import'
import { archiveCommands } from './archive'
import { servicesCommands } from './services'
import { guardCommands, trustCommands } from './trust'
import { disclosuresCommands } from './disclosures'
import { reportsCommands } from './reports'
import { poolCommands } from './pool'

/** Every CLI command. Areas add their own module here (archive, services, disclosures, …). */
export const COMMANDS: Command[] = guardCommands([...coreCommands, ...archiveImportCommands, ...archiveCommands, ...servicesCommands, ...trustCommands, ...disclosuresCommands, ...reportsCommands, ...poolCommands, ...evaluationsCommands])
