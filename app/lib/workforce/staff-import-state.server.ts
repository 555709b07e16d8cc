import { and, asc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { UNIT_PATH_SEPARATOR } from '#app/lib/workforce/unit-code.ts'

// What the platform holds now for the organisations in a staff list: the import compares the list with it.
// Read in a few queries per organisation, whatever its size, and held in compact rows.

export type CurrentWorkforce = Awaited<ReturnType<typeof loadCurrentWorkforce>>

export async function loadCurrentWorkforce({ organisationCodes }: { organisationCodes: string[] }) {
  const { orgUnits, users, memberships, staffAssignments, managerAssignments } = schema()
  const [icb] = await db()
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'icb'))
    .orderBy(asc(orgUnits.createdAt))
    .limit(1)

  const units: {
    id: string
    code: string
    name: string
    kind: (typeof orgUnits.$inferSelect)['kind']
    parentId: string | null
    closedAt: Date | null
  }[] = []
  for (const code of organisationCodes) {
    units.push(
      ...(await db()
        .select({
          id: orgUnits.id,
          code: orgUnits.code,
          name: orgUnits.name,
          kind: orgUnits.kind,
          parentId: orgUnits.parentId,
          closedAt: orgUnits.closedAt,
        })
        .from(orgUnits)
        .where(
          or(
            eq(orgUnits.code, code),
            sql`${orgUnits.code} like ${`${escapeLike(code + UNIT_PATH_SEPARATOR)}%`} escape '\\'`,
          ),
        )),
    )
  }

  const people = await db()
    .select({
      id: users.id,
      organisationCode: sql<string>`${users.organisationCode}`,
      employeeNumber: sql<string>`${users.employeeNumber}`,
      name: users.name,
      email: users.email,
      suspendedAt: users.suspendedAt,
      suspendedBy: users.suspendedBy,
      teamOverrideId: users.teamOverrideId,
      roleProfileOverride: users.roleProfileOverride,
      teamId: memberships.teamId,
      roleProfile: memberships.roleProfile,
      jobTitle: memberships.jobTitle,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(organisationCodes.length > 0 ? inArray(users.organisationCode, organisationCodes) : sql`false`)

  const personIds = people.map((person) => person.id)
  const assignments: (typeof staffAssignments.$inferSelect)[] = []
  const importRights: { userId: string; unitId: string }[] = []
  for (const part of chunks(personIds, 1000)) {
    assignments.push(...(await db().select().from(staffAssignments).where(inArray(staffAssignments.userId, part))))
  }
  const unitIds = units.map((unit) => unit.id)
  for (const part of chunks(unitIds, 1000)) {
    importRights.push(
      ...(await db()
        .select({ userId: managerAssignments.userId, unitId: managerAssignments.orgUnitId })
        .from(managerAssignments)
        .where(and(inArray(managerAssignments.orgUnitId, part), eq(managerAssignments.source, 'import')))),
    )
  }
  // People from elsewhere (other organisations, or added by hand) in these units: a unit they are in stays open.
  const outsideMembers = new Map<string, number>()
  for (const part of chunks(unitIds, 1000)) {
    const rows = await db()
      .select({ teamId: memberships.teamId, people: sql<number | string>`count(*)` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          inArray(memberships.teamId, part),
          organisationCodes.length > 0
            ? or(isNull(users.organisationCode), notInArray(users.organisationCode, organisationCodes))
            : undefined,
        ),
      )
      .groupBy(memberships.teamId)
    for (const row of rows) outsideMembers.set(row.teamId, Number(row.people))
  }
  return { icbId: icb?.id ?? null, units, people, assignments, importRights, outsideMembers }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}
