import type { Kysely } from 'kysely'
import * as m0001 from './0001_core'
import * as m0002 from './0002_archive_search'
import * as m0003 from './0003_evaluations_workflow'
import * as m0004 from './0004_reports_annual'
import * as m0005 from './0005_disclosures_verification'
import * as m0006 from './0006_pool'
import * as m0007 from './0007_archive_import'
import * as m0008 from './0008_services_ledger'
import * as m0009 from './0009_archive_search_prefix'
import * as m0010 from './0010_archive_search_order'
import * as m0011 from './0011_archive_filter_index'
import * as m0012 from './0012_drop_redundant_indexes'
import * as m0013 from './0013_import_row_sheet'

export interface Migration {
  /** Becomes PRAGMA user_version once applied. */
  version: number
  name: string
  up(db: Kysely<any>): Promise<void>
}

// Static and append-only: bundles cannot list a folder at run time, and a migration that shipped is
// never edited — a change is a new entry at the end.
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001_core', up: m0001.up },
  { version: 2, name: '0002_archive_search', up: m0002.up },
  { version: 3, name: '0003_evaluations_workflow', up: m0003.up },
  { version: 4, name: '0004_reports_annual', up: m0004.up },
  { version: 5, name: '0005_disclosures_verification', up: m0005.up },
  { version: 6, name: '0006_pool', up: m0006.up },
  { version: 7, name: '0007_archive_import', up: m0007.up },
  { version: 8, name: '0008_services_ledger', up: m0008.up },
  { version: 9, name: '0009_archive_search_prefix', up: m0009.up },
  { version: 10, name: '0010_archive_search_order', up: m0010.up },
  { version: 11, name: '0011_archive_filter_index', up: m0011.up },
  { version: 12, name: '0012_drop_redundant_indexes', up: m0012.up },
  { version: 13, name: '0013_import_row_sheet', up: m0013.up },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version
