import { and, asc, eq, gt } from 'drizzle-orm'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import type { OrgUnit } from '#app/lib/org/units.server.ts'
import { type PersonReadiness, readinessOfPeople } from './readiness-report.server.ts'

// Everyone below a unit, for the people CSV above team level. An ICB holds tens of thousands of people,
// so they are read a page at a time, keyset-paginated by user id (the memberships primary key: each page
// is an index range, however deep into the export it is), and each page's readiness is worked out by the
// same function as a team's people table. Nothing holds more than one page.

export const EXPORT_PAGE_SIZE = 500

export interface ExportPerson {
  id: string
  name: string
  roleProfile: string
  jobTitle: string | null
  teamId: string
  teamName: string
}

/** One page of the people below `unit` (their teams and everything under them) after `afterId`, by user id. */
export async function peopleBelowUnitPage({
  unit,
  afterId,
  limit,
}: {
  unit: Pick<OrgUnit, 'id'>
  afterId: string | null
  limit: number
}): Promise<ExportPerson[]> {
  const { users, memberships, orgUnits, orgUnitClosure } = schema()
  const inUnit = eq(orgUnitClosure.ancestorId, unit.id)
  return db()
    .select({
      id: memberships.userId,
      name: users.name,
      roleProfile: memberships.roleProfile,
      jobTitle: memberships.jobTitle,
      teamId: orgUnits.id,
      teamName: orgUnits.name,
    })
    .from(orgUnitClosure)
    .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.teamId))
    .where(afterId === null ? inUnit : and(inUnit, gt(memberships.userId, afterId)))
    .orderBy(asc(memberships.userId))
    .limit(limit)
}

/**
 * Pages of the people below `unit` with their readiness, in user id order, measured at one moment
 * (`now`) so that every page agrees. Stops early if the consumer does (a cancelled download).
 */
export async function* peopleReadinessPages({
  unit,
  now = new Date(),
  pageSize = EXPORT_PAGE_SIZE,
}: {
  unit: Pick<OrgUnit, 'id'>
  now?: Date
  pageSize?: number
}): AsyncGenerator<PersonReadiness<ExportPerson>[]> {
  const framework = frameworkForContent()
  let afterId: string | null = null
  for (;;) {
    const page = await peopleBelowUnitPage({ unit, afterId, limit: pageSize })
    if (page.length === 0) return
    yield await readinessOfPeople({ people: page, now, framework })
    if (page.length < pageSize) return
    afterId = page[page.length - 1]?.id ?? null
  }
}
