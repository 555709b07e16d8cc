import { eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { createUser } from './factories.ts'

// People with the names and HR numbers a search looks for: createUser's people, renamed and numbered.

export async function createPerson({
  name,
  email,
  employeeNumber = null,
  organisationCode = null,
  ...options
}: Parameters<typeof createUser>[0] & {
  name: string
  email?: string
  employeeNumber?: string | null
  organisationCode?: string | null
}) {
  const user = await createUser(options)
  const { users } = schema()
  const [person] = await db()
    .update(users)
    .set({ name, email: email ?? user.email, employeeNumber, organisationCode })
    .where(eq(users.id, user.id))
    .returning()
  if (!person) throw new Error('the person just created is missing')
  return { ...person, email: person.email ?? user.email }
}

/** A post in the staff list, as an import would have written it. */
export async function createStaffPost({
  userId,
  unitId,
  isPrimary = true,
  positionTitle = 'Staff nurse',
  startDate = '2024-04-01',
  endDate = null,
}: {
  userId: string
  unitId: string
  isPrimary?: boolean
  positionTitle?: string
  startDate?: string | null
  endDate?: string | null
}) {
  const { staffAssignments } = schema()
  await db()
    .insert(staffAssignments)
    .values({
      assignmentNumber: `${userId}-${unitId}-${isPrimary ? 1 : 2}`,
      userId,
      unitId,
      positionTitle,
      staffGroup: 'Nursing and Midwifery Registered',
      jobRole: 'Staff Nurse',
      isPrimary,
      status: 'Active Assignment',
      active: true,
      startDate,
      endDate,
      updatedAt: new Date(),
    })
}

/** The audit log's entries about a person, oldest first. */
export async function auditOf(personId: string) {
  const { auditEvents } = schema()
  const rows = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, personId))
  return rows.sort((a, b) => a.seq - b.seq)
}
