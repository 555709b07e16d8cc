import { and, eq } from 'drizzle-orm'
import { recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { assignManager } from '#app/lib/org/memberships.server.ts'
import { kindLabel } from '#app/lib/org/org-unit.ts'
import { type AdminActor, type AdminResult, assertAdmin } from './person-admin-result.ts'

// Manager and administrator rights given or taken back by an administrator. Manager rights that the staff
// list's line-manager links give (source 'import') belong to the import, which works them out again each
// time: taking one back by hand would not last, so it is refused and the page says why.

async function personNamed(userId: string) {
  const { users } = schema()
  const [person] = await db()
    .select({ name: users.name, isAdmin: users.isAdmin, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.id, userId))
  return person ?? null
}

async function unitNamed(unitId: string) {
  const { orgUnits } = schema()
  const [unit] = await db()
    .select({ name: orgUnits.name, kind: orgUnits.kind, closedAt: orgUnits.closedAt })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId))
  return unit ?? null
}

/** Gives the person manager rights over the unit and everything below it. Null when either does not exist. */
export async function grantManager({
  actor,
  userId,
  unitId,
}: {
  actor: AdminActor
  userId: string
  unitId: string
}): Promise<AdminResult | null> {
  assertAdmin(actor)
  const [person, unit] = await Promise.all([personNamed(userId), unitNamed(unitId)])
  if (!person || !unit) return null
  if (person.suspendedAt) return { ok: false, problem: `${person.name} is suspended. Restore them first.` }
  if (unit.closedAt) return { ok: false, problem: `${unit.name} is closed. Choose a unit that is open.` }
  const { managerAssignments } = schema()
  return transaction(async () => {
    const [held] = await db()
      .select({ userId: managerAssignments.userId })
      .from(managerAssignments)
      .where(
        and(
          eq(managerAssignments.userId, userId),
          eq(managerAssignments.orgUnitId, unitId),
          eq(managerAssignments.source, 'admin'),
        ),
      )
    if (!held) {
      await assignManager({ userId, unitId, source: 'admin' })
      await recordAudit({
        actor,
        entries: [
          {
            action: 'rights.manager-granted',
            subjectType: 'person',
            subjectId: userId,
            subjectName: person.name,
            after: { manages: unit.name, unitKind: kindLabel[unit.kind] },
          },
        ],
      })
    }
    return { ok: true, done: 'manager-granted', unitId } satisfies AdminResult
  })
}

/** Takes back manager rights an administrator gave; rights from the staff list are refused with the reason. */
export async function revokeManager({
  actor,
  userId,
  unitId,
}: {
  actor: AdminActor
  userId: string
  unitId: string
}): Promise<AdminResult | null> {
  assertAdmin(actor)
  const [person, unit] = await Promise.all([personNamed(userId), unitNamed(unitId)])
  if (!person || !unit) return null
  const { managerAssignments } = schema()
  return transaction(async (): Promise<AdminResult> => {
    const held = await db()
      .select({ source: managerAssignments.source })
      .from(managerAssignments)
      .where(and(eq(managerAssignments.userId, userId), eq(managerAssignments.orgUnitId, unitId)))
    const sources = new Set(held.map((row) => row.source))
    if (!sources.has('admin')) {
      return {
        ok: false,
        problem: sources.has('import')
          ? `This comes from the staff list: ${person.name} is line manager of people in ${unit.name}. ` +
            'It will be recalculated at the next import.'
          : `${person.name} does not have manager rights over ${unit.name}.`,
      }
    }
    await db()
      .delete(managerAssignments)
      .where(
        and(
          eq(managerAssignments.userId, userId),
          eq(managerAssignments.orgUnitId, unitId),
          eq(managerAssignments.source, 'admin'),
        ),
      )
    await recordAudit({
      actor,
      entries: [
        {
          action: 'rights.manager-revoked',
          subjectType: 'person',
          subjectId: userId,
          subjectName: person.name,
          before: { manages: unit.name, unitKind: kindLabel[unit.kind] },
          // They may still manage it through the staff list; the log says so rather than leaving it to guess.
          after: sources.has('import') ? { manages: unit.name, from: 'the staff list' } : null,
        },
      ],
    })
    return { ok: true, done: 'manager-revoked', unitId }
  })
}

/** Makes the person an administrator. Null when there is no such person. */
export async function grantAdmin({ actor, userId }: { actor: AdminActor; userId: string }) {
  assertAdmin(actor)
  return setAdmin({ actor, userId, isAdmin: true })
}

/** Takes away the person's administrator rights; no one can take away their own. */
export async function revokeAdmin({ actor, userId }: { actor: AdminActor; userId: string }) {
  assertAdmin(actor)
  if (actor.id === userId) {
    return {
      ok: false,
      problem: 'You cannot remove your own administrator rights. Ask another administrator to do it.',
    } satisfies AdminResult
  }
  return setAdmin({ actor, userId, isAdmin: false })
}

async function setAdmin({
  actor,
  userId,
  isAdmin,
}: {
  actor: AdminActor
  userId: string
  isAdmin: boolean
}): Promise<AdminResult | null> {
  const person = await personNamed(userId)
  if (!person) return null
  if (isAdmin && person.suspendedAt) return { ok: false, problem: `${person.name} is suspended. Restore them first.` }
  const done = isAdmin ? 'admin-granted' : 'admin-revoked'
  const { users } = schema()
  return transaction(async () => {
    const changed = await db()
      .update(users)
      .set({ isAdmin })
      .where(and(eq(users.id, userId), eq(users.isAdmin, !isAdmin)))
      .returning({ id: users.id })
    if (changed.length > 0) {
      await recordAudit({
        actor,
        entries: [
          {
            action: isAdmin ? 'rights.admin-granted' : 'rights.admin-revoked',
            subjectType: 'person',
            subjectId: userId,
            subjectName: person.name,
            before: { administrator: !isAdmin },
            after: { administrator: isAdmin },
          },
        ],
      })
    }
    return { ok: true, done } satisfies AdminResult
  })
}
