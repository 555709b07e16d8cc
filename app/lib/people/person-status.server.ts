import { eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { type AdminActor, type AdminResult, assertAdmin } from './person-admin-result.ts'
import { revivePeople, suspendPeople } from './suspension.server.ts'

// One person suspended or restored by an administrator. suspendPeople and revivePeople do the work (sign-in
// stops, sessions end, headcounts leave them out; or back to their last team) and write the audit log.

async function personExists(userId: string) {
  const { users } = schema()
  const [person] = await db().select({ id: users.id }).from(users).where(eq(users.id, userId))
  return Boolean(person)
}

/** Suspends the person; an administrator cannot suspend themselves. Null when there is no such person. */
export async function suspendPerson({ actor, userId }: { actor: AdminActor; userId: string }) {
  assertAdmin(actor)
  if (!(await personExists(userId))) return null
  if (actor.id === userId) {
    return {
      ok: false,
      problem: 'You cannot suspend yourself. Ask another administrator to do it.',
    } satisfies AdminResult
  }
  await suspendPeople({ userIds: [userId], by: 'admin', actor })
  return { ok: true, done: 'suspended' } satisfies AdminResult
}

/** Restores the person to the team they were last in. Null when there is no such person. */
export async function restorePerson({ actor, userId }: { actor: AdminActor; userId: string }) {
  assertAdmin(actor)
  if (!(await personExists(userId))) return null
  await revivePeople({ userIds: [userId], actor })
  return { ok: true, done: 'restored' } satisfies AdminResult
}
