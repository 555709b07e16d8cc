import { and, eq, inArray, sql } from 'drizzle-orm'
import { type AuditActor, type AuditEntry, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { changeMemberships } from '#app/lib/org/memberships.server.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import type { StaffImportPlan } from '#app/lib/workforce/staff-import-plan.ts'

// Writes a planned import in one transaction: units, people, posts, memberships (with their history and the
// team rollups), suspensions, line-manager rights, closed units, and an audit entry for each change. Either
// all of it lands or none of it does.

const PART = 400

export async function applyStaffImportPlan({
  plan,
  actor,
  now,
}: {
  plan: StaffImportPlan
  actor: AuditActor
  now: Date
}): Promise<void> {
  const { orgUnits, orgUnitClosure, users, sessions, staffAssignments, managerAssignments } = schema()
  const unitName = (id: string | null) => (id ? (plan.names.units.get(id) ?? '') : '')
  const personName = (id: string) => plan.names.people.get(id) ?? ''
  const audit: AuditEntry[] = []

  await transaction(async (tx) => {
    await lockStatementWrites(tx)

    // Units, parents first (the plan lists them in the order it met them, each after its parent).
    if (plan.units.create.length > 0) {
      const parents = [...new Set(plan.units.create.flatMap((unit) => (unit.parentId ? [unit.parentId] : [])))]
      const ancestorsOf = new Map<string, { ancestorId: string; depth: number }[]>()
      for (const part of chunks(parents, PART)) {
        const rows = await db()
          .select({
            descendantId: orgUnitClosure.descendantId,
            ancestorId: orgUnitClosure.ancestorId,
            depth: orgUnitClosure.depth,
          })
          .from(orgUnitClosure)
          .where(inArray(orgUnitClosure.descendantId, part))
        for (const row of rows)
          ancestorsOf.set(row.descendantId, [
            ...(ancestorsOf.get(row.descendantId) ?? []),
            { ancestorId: row.ancestorId, depth: row.depth },
          ])
      }
      const closure: (typeof orgUnitClosure.$inferInsert)[] = []
      for (const unit of plan.units.create) {
        const above = unit.parentId ? (ancestorsOf.get(unit.parentId) ?? []) : []
        const own = [
          { ancestorId: unit.id, depth: 0 },
          ...above.map((row) => ({ ancestorId: row.ancestorId, depth: row.depth + 1 })),
        ]
        ancestorsOf.set(unit.id, own)
        closure.push(...own.map((row) => ({ ...row, descendantId: unit.id })))
        audit.push({
          action: 'unit.created',
          subjectType: 'unit',
          subjectId: unit.id,
          subjectName: unit.name,
          after: { name: unit.name, parent: unitName(unit.parentId) },
        })
      }
      for (const part of chunks(plan.units.create, PART))
        await db()
          .insert(orgUnits)
          .values(
            part.map(({ id, code, name, kind, parentId }) => ({ id, code, name, kind, parentId, createdAt: now })),
          )
      for (const part of chunks(closure, PART)) await db().insert(orgUnitClosure).values(part)
    }
    audit.push(...(await setUnitsClosed({ units: plan.units.reopen, closedAt: null })))

    // People.
    for (const part of chunks(plan.people.create, PART)) {
      await db()
        .insert(users)
        .values(part.map((person) => ({ ...person, passwordHash: null, createdAt: now })))
    }
    for (const person of plan.people.update) {
      await db().update(users).set({ name: person.name, email: person.email }).where(eq(users.id, person.id))
      audit.push({
        action: 'person.updated',
        subjectType: 'person',
        subjectId: person.id,
        subjectName: person.name,
        before: person.before,
        after: { name: person.name, email: person.email },
      })
    }
    for (const part of chunks(plan.people.revive, PART)) {
      await db().update(users).set({ suspendedAt: null, suspendedBy: null }).where(inArray(users.id, part))
      for (const id of part)
        audit.push({
          action: 'person.revived',
          subjectType: 'person',
          subjectId: id,
          subjectName: personName(id),
          before: { status: 'suspended' },
          after: { status: 'active', reason: 'Back in the staff list' },
        })
    }
    for (const part of chunks(plan.people.suspend, PART)) {
      await db().update(users).set({ suspendedAt: now, suspendedBy: 'import' }).where(inArray(users.id, part))
      await db().delete(sessions).where(inArray(sessions.userId, part))
      for (const id of part)
        audit.push({
          action: 'person.suspended',
          subjectType: 'person',
          subjectId: id,
          subjectName: personName(id),
          before: { status: 'active' },
          after: { status: 'suspended', reason: 'Not in the staff list' },
        })
    }

    // Posts as the staff list has them.
    for (const part of chunks(plan.assignments.remove, PART))
      await db().delete(staffAssignments).where(inArray(staffAssignments.assignmentNumber, part))
    for (const part of chunks(plan.assignments.upsert, PART)) {
      await db()
        .insert(staffAssignments)
        .values(part)
        .onConflictDoUpdate({
          target: staffAssignments.assignmentNumber,
          set: Object.fromEntries(
            Object.entries({
              userId: 'user_id',
              unitId: 'unit_id',
              positionTitle: 'position_title',
              staffGroup: 'staff_group',
              jobRole: 'job_role',
              isPrimary: 'is_primary',
              status: 'status',
              active: 'active',
              startDate: 'start_date',
              endDate: 'end_date',
              lineManagerEmployeeNumber: 'line_manager_employee_number',
              lineManagerAssignmentNumber: 'line_manager_assignment_number',
              updatedAt: 'updated_at',
            }).map(([key, column]) => [key, sql.raw(`excluded.${column}`)]),
          ),
        })
    }

    // Teams and role profiles, with history and rollups.
    const created = new Set(plan.people.create.map((person) => person.id))
    await changeMemberships(plan.memberships)
    for (const change of plan.memberships) {
      if (change.teamId === null) continue
      const after = {
        team: unitName(change.teamId),
        roleProfile: roleProfileLabel(change.roleProfile),
        jobTitle: change.jobTitle,
      }
      audit.push(
        created.has(change.userId)
          ? {
              action: 'person.created',
              subjectType: 'person',
              subjectId: change.userId,
              subjectName: personName(change.userId),
              after,
            }
          : {
              action: 'person.moved',
              subjectType: 'person',
              subjectId: change.userId,
              subjectName: personName(change.userId),
              before: change.before
                ? {
                    team: unitName(change.before.teamId),
                    roleProfile: change.before.roleProfile ? roleProfileLabel(change.before.roleProfile) : null,
                    jobTitle: change.before.jobTitle,
                  }
                : null,
              after,
            },
      )
    }

    // Line-manager rights (those given by hand are a separate row and stay).
    for (const part of chunks(plan.rights.grant, PART))
      await db()
        .insert(managerAssignments)
        .values(
          part.map((right) => ({
            userId: right.userId,
            orgUnitId: right.unitId,
            source: 'import' as const,
            createdAt: now,
          })),
        )
        .onConflictDoNothing()
    for (const right of plan.rights.revoke) {
      await db()
        .delete(managerAssignments)
        .where(
          and(
            eq(managerAssignments.userId, right.userId),
            eq(managerAssignments.orgUnitId, right.unitId),
            eq(managerAssignments.source, 'import'),
          ),
        )
    }
    for (const [rights, action] of [
      [plan.rights.grant, 'rights.manager-granted'],
      [plan.rights.revoke, 'rights.manager-revoked'],
    ] as const) {
      for (const right of rights)
        audit.push({
          action,
          subjectType: 'person',
          subjectId: right.userId,
          subjectName: personName(right.userId),
          after: { unit: unitName(right.unitId), reason: 'Line manager in the staff list' },
        })
    }

    audit.push(...(await setUnitsClosed({ units: plan.units.close, closedAt: now })))
    await recordAudit({ actor, at: now, entries: audit })
  })
}

/** Closes (or, with closedAt null, reopens) these units; returns the audit entries to record. */
async function setUnitsClosed({
  units,
  closedAt,
}: {
  units: { id: string; name: string }[]
  closedAt: Date | null
}): Promise<AuditEntry[]> {
  const { orgUnits } = schema()
  for (const part of chunks(units, PART)) {
    await db()
      .update(orgUnits)
      .set({ closedAt })
      .where(
        inArray(
          orgUnits.id,
          part.map((unit) => unit.id),
        ),
      )
  }
  return units.map((unit) => ({
    action: closedAt ? 'unit.closed' : 'unit.reopened',
    subjectType: 'unit',
    subjectId: unit.id,
    subjectName: unit.name,
    before: { status: closedAt ? 'open' : 'closed' },
    after: closedAt ? { status: 'closed', reason: 'No longer in the staff list' } : { status: 'open' },
  }))
}
