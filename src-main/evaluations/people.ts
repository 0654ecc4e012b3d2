import { sql, type Kysely } from 'kysely'
import type { ProjectHit, ResearcherHit } from '../contract/evaluations'
import type { DB } from '../db/schema'

// Type-ahead for the form's inventors and project. Researchers: by name, pinyin initials (zs → 张三) or
// staff number. The archive area's shared researcher search replaces the researcher half when it lands.

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export async function findResearchers(db: Kysely<DB>, query: string, limit = 10): Promise<ResearcherHit[]> {
  const q = query.trim()
  if (!q) return []
  const prefix = likePrefix(q)
  const initials = likePrefix(q.toLowerCase())
  const rows = await db
    .selectFrom('researcher')
    .select(['id', 'staff_no', 'name', 'college', 'title', 'active'])
    .where((eb) =>
      eb.or([
        sql<boolean>`name LIKE ${prefix} ESCAPE '\\'`,
        sql<boolean>`name_initials LIKE ${initials} ESCAPE '\\'`,
        sql<boolean>`staff_no LIKE ${prefix} ESCAPE '\\'`,
      ]),
    )
    // Exact name first, then active staff, then by name: namesakes show side by side with their college.
    .orderBy(sql`CASE WHEN name = ${q} THEN 0 ELSE 1 END`)
    .orderBy('active', 'desc')
    .orderBy('name')
    .orderBy('college')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: r.id, staffNo: r.staff_no, name: r.name, college: r.college, title: r.title, active: r.active === 1 }))
}

export async function findProjects(db: Kysely<DB>, query: string, limit = 10): Promise<ProjectHit[]> {
  const q = query.trim()
  if (!q) return []
  const contains = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await db
    .selectFrom('project')
    .select(['id', 'project_no', 'name', 'level', 'fiscal_funded'])
    .where((eb) => eb.or([sql<boolean>`project_no LIKE ${contains} ESCAPE '\\'`, sql<boolean>`name LIKE ${contains} ESCAPE '\\'`]))
    .orderBy(sql`CASE WHEN project_no = ${q} THEN 0 ELSE 1 END`)
    .orderBy('start_date', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: r.id, projectNo: r.project_no, name: r.name, level: r.level, fiscalFunded: r.fiscal_funded === 1 }))
}
