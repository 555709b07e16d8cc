import { randomUUID } from 'node:crypto'
import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import { type AuditActor, type AuditEntry, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { moveSubtree } from './closure.server.ts'
import {
  allowedChildKinds,
  canHold,
  kindLabel,
  kindPlural,
  kindWithArticle,
  type OrgUnit,
  type OrgUnitKind,
} from './org-unit.ts'
import { lockOrgTree } from './tree-lock.server.ts'
import { createOrgUnit } from './units.server.ts'

// An administrator's changes to the organisation tree: add, rename, move, close and reopen a unit. Each one
// checks what it may do inside its transaction, makes the change and appends it to the audit log in the same
// transaction. A refusal comes back as field errors in parseForm's shape, worded for the page.

export type UnitChangeResult = { ok: true; unit: OrgUnit } | { ok: false; errors: FieldErrors }

const refused = (field: string, message: string): UnitChangeResult => ({ ok: false, errors: { [field]: message } })

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Why a unit of this kind cannot go under that parent, in words; null when it can. */
function kindProblem(parent: OrgUnitKind, child: OrgUnitKind): string | null {
  if (canHold(parent, child)) return null
  const allowed = allowedChildKinds[parent]
  if (allowed.length === 0) return `${capitalised(kindWithArticle[parent])} cannot hold other units`
  return `${capitalised(kindWithArticle[parent])} can only hold ${allowed.map((kind) => kindPlural[kind]).join(' or ')}`
}

async function findUnitOrNull(unitId: string): Promise<OrgUnit | null> {
  const { orgUnits } = schema()
  const [unit] = await db().select().from(orgUnits).where(eq(orgUnits.id, unitId))
  return unit ?? null
}

/** A unit the page has already found: its absence now is a bug (units are never deleted), not a refusal. */
async function findUnit(unitId: string): Promise<OrgUnit> {
  const unit = await findUnitOrNull(unitId)
  if (!unit) throw new Error(`unit ${unitId} does not exist`)
  return unit
}

/** Another unit of this name under the parent (closed ones too): two of a name side by side cannot be told apart. */
async function siblingNamed({ parentId, name, except }: { parentId: string; name: string; except?: string }) {
  const { orgUnits } = schema()
  const [sibling] = await db()
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.parentId, parentId),
        eq(sql`lower(${orgUnits.name})`, name.toLowerCase()),
        except ? ne(orgUnits.id, except) : undefined,
      ),
    )
  return Boolean(sibling)
}

async function audit(actor: AuditActor, unit: OrgUnit, entry: Pick<AuditEntry, 'action' | 'before' | 'after'>) {
  await recordAudit({
    actor,
    entries: [{ ...entry, subjectType: 'unit', subjectId: unit.id, subjectName: unit.name }],
  })
}

/**
 * Adds a unit under a parent. The kind is implied where the parent can hold one kind only; otherwise it must be
 * one the parent can hold. Its code is an internal key (`local-<uuid>`): imports own the codes they bring.
 */
export async function createChildUnit({
  parentId,
  name,
  kind,
  actor,
}: {
  parentId: string
  name: string
  kind?: OrgUnitKind
  actor: AuditActor
}): Promise<UnitChangeResult> {
  return transaction(async (tx) => {
    await lockOrgTree(tx)
    const parent = await findUnit(parentId)
    const allowed = allowedChildKinds[parent.kind]
    if (allowed.length === 0) return refused('childName', kindProblem(parent.kind, 'team') ?? '')
    const childKind = kind ?? (allowed.length === 1 ? allowed[0] : undefined)
    if (!childKind) return refused('childKind', 'Choose what kind of unit to add')
    const problem = kindProblem(parent.kind, childKind)
    if (problem) return refused('childKind', problem)
    if (parent.closedAt) {
      return refused('childName', `You cannot add units to ${parent.name} while it is closed. Reopen it first.`)
    }
    if (await siblingNamed({ parentId, name })) {
      return refused('childName', `There is already a unit called ${name} in ${parent.name}`)
    }
    const unit = await createOrgUnit({ code: `local-${randomUUID()}`, name, kind: childKind, parentId })
    await audit(actor, unit, {
      action: 'unit.created',
      after: { name, kind: kindLabel[childKind], parent: parent.name },
    })
    return { ok: true, unit }
  })
}

/** Gives a unit a new name; the audit log keeps the old one. */
export async function renameUnit({
  unitId,
  name,
  actor,
}: {
  unitId: string
  name: string
  actor: AuditActor
}): Promise<UnitChangeResult> {
  const { orgUnits } = schema()
  return transaction(async () => {
    const unit = await findUnit(unitId)
    if (unit.name === name) return refused('name', `The unit is already called ${name}`)
    if (unit.parentId && (await siblingNamed({ parentId: unit.parentId, name, except: unit.id }))) {
      const parent = await findUnit(unit.parentId)
      return refused('name', `There is already a unit called ${name} in ${parent.name}`)
    }
    const [renamed] = await db().update(orgUnits).set({ name }).where(eq(orgUnits.id, unitId)).returning()
    if (!renamed) throw new Error('update returned no unit')
    await audit(actor, renamed, { action: 'unit.renamed', before: { name: unit.name }, after: { name } })
    return { ok: true, unit: renamed }
  })
}

/**
 * Puts a unit, with everything below it, under another parent. Managers of the old parent stop seeing it and
 * managers of the new one start to; figures above team level follow it, since they are added up through the
 * ancestor table. Past memberships and team figures are per team, so they do not change.
 */
export async function moveUnit({
  unitId,
  parentId,
  actor,
}: {
  unitId: string
  parentId: string
  actor: AuditActor
}): Promise<UnitChangeResult> {
  const { orgUnitClosure } = schema()
  return transaction(async (tx) => {
    await lockOrgTree(tx)
    const unit = await findUnit(unitId)
    if (!unit.parentId) return refused('parentId', `${capitalised(kindWithArticle[unit.kind])} cannot be moved`)
    const parent = await findUnitOrNull(parentId)
    if (!parent) return refused('parentId', 'Choose where to move the unit')
    const [inside] = await db()
      .select({ depth: orgUnitClosure.depth })
      .from(orgUnitClosure)
      .where(and(eq(orgUnitClosure.ancestorId, unit.id), eq(orgUnitClosure.descendantId, parent.id)))
    if (inside) return refused('parentId', 'You cannot move a unit into itself or one of its own units')
    const problem = kindProblem(parent.kind, unit.kind)
    if (problem) return refused('parentId', problem)
    if (parent.id === unit.parentId) return refused('parentId', `${unit.name} is already in ${parent.name}`)
    if (parent.closedAt) {
      return refused('parentId', `You cannot move a unit into ${parent.name} while it is closed. Reopen it first.`)
    }
    if (await siblingNamed({ parentId: parent.id, name: unit.name })) {
      return refused(
        'parentId',
        `There is already a unit called ${unit.name} in ${parent.name}. Rename one of them first.`,
      )
    }
    const oldParent = await findUnit(unit.parentId)
    await moveSubtree({ unitId: unit.id, newParentId: parent.id })
    await audit(actor, unit, {
      action: 'unit.moved',
      before: { parent: oldParent.name },
      after: { parent: parent.name },
    })
    return { ok: true, unit: { ...unit, parentId: parent.id } }
  })
}

/** How many people are in the unit or below it now, and how many open units are below it. */
export async function closeBlockers({ unitId }: { unitId: string }): Promise<{ people: number; openUnits: number }> {
  const { memberships, orgUnits, orgUnitClosure } = schema()
  const [people] = await db()
    .select({ n: count() })
    .from(orgUnitClosure)
    .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
    .where(eq(orgUnitClosure.ancestorId, unitId))
  const [openUnits] = await db()
    .select({ n: count() })
    .from(orgUnitClosure)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.descendantId))
    .where(and(eq(orgUnitClosure.ancestorId, unitId), gt(orgUnitClosure.depth, 0), isNull(orgUnits.closedAt)))
  return { people: Number(people?.n ?? 0), openUnits: Number(openUnits?.n ?? 0) }
}

/** Why the unit cannot be closed now, in words, or null when it can. */
export function closeProblem(unit: Pick<OrgUnit, 'name'>, blockers: { people: number; openUnits: number }) {
  if (blockers.people > 0) {
    const who = blockers.people === 1 ? '1 person is' : `${blockers.people} people are`
    return `You cannot close ${unit.name} while ${who} in it. Move them first.`
  }
  if (blockers.openUnits > 0) {
    const units = blockers.openUnits === 1 ? '1 open unit' : `${blockers.openUnits} open units`
    return `You cannot close ${unit.name} while it has ${units}. Close or move them first.`
  }
  return null
}

/**
 * Closes a unit that no one is in and that has no open units below it. A closed unit keeps its history (past
 * memberships, figures for the weeks it had people) and takes no new units.
 */
export async function closeUnit({
  unitId,
  actor,
  at = new Date(),
}: {
  unitId: string
  actor: AuditActor
  at?: Date
}): Promise<UnitChangeResult> {
  const { orgUnits } = schema()
  return transaction(async (tx) => {
    // Moves and new units change what is below this one: hold them off while it is checked and closed.
    await lockOrgTree(tx)
    const unit = await findUnit(unitId)
    if (unit.closedAt) return refused('close', `${unit.name} is already closed`)
    const problem = closeProblem(unit, await closeBlockers({ unitId }))
    if (problem) return refused('close', problem)
    const [closed] = await db().update(orgUnits).set({ closedAt: at }).where(eq(orgUnits.id, unitId)).returning()
    if (!closed) throw new Error('update returned no unit')
    await audit(actor, closed, { action: 'unit.closed', before: { status: 'open' }, after: { status: 'closed' } })
    return { ok: true, unit: closed }
  })
}

/** Opens a closed unit again, when the unit above it is open. */
export async function reopenUnit({ unitId, actor }: { unitId: string; actor: AuditActor }): Promise<UnitChangeResult> {
  const { orgUnits } = schema()
  return transaction(async (tx) => {
    await lockOrgTree(tx)
    const unit = await findUnit(unitId)
    if (!unit.closedAt) return refused('reopen', `${unit.name} is already open`)
    const parent = unit.parentId ? await findUnit(unit.parentId) : null
    if (parent?.closedAt) {
      return refused(
        'reopen',
        `You cannot reopen ${unit.name} while ${parent.name} is closed. Reopen ${parent.name} first.`,
      )
    }
    const [reopened] = await db().update(orgUnits).set({ closedAt: null }).where(eq(orgUnits.id, unitId)).returning()
    if (!reopened) throw new Error('update returned no unit')
    await audit(actor, reopened, { action: 'unit.reopened', before: { status: 'closed' }, after: { status: 'open' } })
    return { ok: true, unit: reopened }
  })
}
