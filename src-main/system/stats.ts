import type { Kysely } from 'kysely'
import type { ArchiveCounts } from '../contract/system'
import type { DB } from '../db/schema'

export async function countArchive(db: Kysely<DB>): Promise<ArchiveCounts> {
  const count = async (table: 'ip_asset' | 'researcher' | 'project' | 'service_record' | 'disclosure' | 'evaluation') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return {
    assets: await count('ip_asset'),
    researchers: await count('researcher'),
    projects: await count('project'),
    services: await count('service_record'),
    disclosures: await count('disclosure'),
    evaluations: await count('evaluation'),
  }
}
