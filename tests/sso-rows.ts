import { and, eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'

// Rows the single sign-on tests look at directly (routes' tests may not query the database themselves).

export async function identityRows(userId: string) {
  const { userIdentities } = schema()
  return db().select().from(userIdentities).where(eq(userIdentities.userId, userId))
}

export async function auditRows({ subjectId, action }: { subjectId: string; action?: string }) {
  const { auditEvents } = schema()
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), action ? eq(auditEvents.action, action) : undefined))
}

export async function userRow(userId: string) {
  const { users } = schema()
  const [user] = await db().select().from(users).where(eq(users.id, userId))
  return user ?? null
}

export async function usersWithEmail(email: string) {
  const { users } = schema()
  return db().select({ id: users.id }).from(users).where(eq(users.email, email))
}

export async function membershipRows(userId: string) {
  const { memberships } = schema()
  return db().select().from(memberships).where(eq(memberships.userId, userId))
}

export async function signInSettingsRow(unitId: string) {
  const { signInSettings } = schema()
  const [row] = await db().select().from(signInSettings).where(eq(signInSettings.unitId, unitId))
  return row ?? null
}

/** Links an identity directly, as a first sign-in would have. */
export async function linkIdentity(values: {
  userId: string
  provider: string
  issuer: string
  subject: string
  email?: string | null
  createdAt?: Date
  lastUsedAt?: Date | null
}) {
  const { userIdentities } = schema()
  const [identity] = await db().insert(userIdentities).values(values).returning()
  if (!identity) throw new Error('no identity was stored')
  return identity
}

/** Someone added without a team or staff list record (as a first single sign-on adds them). */
export async function insertUnplacedPerson({ name, email }: { name: string; email: string | null }) {
  const { users } = schema()
  const [person] = await db().insert(users).values({ name, email }).returning()
  if (!person) throw new Error('no person was stored')
  return person
}
