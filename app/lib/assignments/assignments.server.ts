import { and, asc, count, eq, inArray, isNull, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { canSeeUnit, visibleUnitCondition, type Viewer, type VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { assignmentMade } from './assignment-effects.server.ts'
import { peopleInUnit } from '#app/lib/org/units.server.ts'
import { isoDay } from '#app/lib/dates/dates.ts'
import { endOfDueDate } from './due-dates.ts'
import {
  MAX_ASSIGNMENTS_LISTED,
  MAX_PEOPLE_TO_CHOOSE_FROM,
  ROLE_TARGETS,
  ROLE_TARGETS_TITLE,
} from './assignment-options.ts'
import { learningCatalogue } from './modules.server.ts'
import { assignmentStatuses } from './status.server.ts'

/*
 * Assignments: a manager sets a module, or everything a person's role targets need, for a unit (everyone
 * whose team is that unit or below it) or for one person, due by a date. Learners see theirs at the top
 * of "My learning"; reports list overdue work.
 *
 * Who is covered: a person is covered by the assignments of their team and of every unit above it
 * (org_unit_closure), plus their personal ones. Cancelled assignments (cancelledAt set) are ignored
 * everywhere. The same work assigned twice (say to the team and to the person) is two assignments; the
 * learner's home shows it once, at its most pressing.
 *
 * Status at a moment `now` (status.server.ts evaluates these in SQL; none of them is stored):
 * - Module, not recurring: done when the person has a passed attempt of the module
 *   (module_attempts.status = 'passed') or any evidence from it, whenever it happened; overdue when not
 *   done and now > dueAt. An imported course (a slug of content/courses.yaml) is judged the same way: it has
 *   no attempts, and the evidence the platform's satisfied statement gives is what makes it done.
 * - Module, recurring (offered only for a module mapped to a competency with refreshMonths; if the
 *   framework drops the refresh period later, the assignment is judged as not recurring): done while the
 *   person holds current evidence from the module (competency_evidence.module_slug = slug with expiresAt
 *   > now; only the rows that expire count, so a module that also maps to a competency without a refresh
 *   period still comes round; evidence comes only from trusted passes, see the projector). Once their evidence from it has expired it is due again at
 *   max(dueAt, latest expiry), and overdue when not done and now > that date. With no evidence at all it is
 *   simply due at dueAt.
 * - Everything their role targets need (moduleSlug null): done when the person is ready in every domain
 *   for their role, read from readiness_periods: ready in domain d at now when a row exists for (person,
 *   d, level = their role's target for d) with readyFrom <= now and (readyUntil null or > now), which
 *   agrees with readiness.ts domainReadiness on their evidence. As on the learner's home, someone without
 *   a team is measured as clinical, and a role profile the framework lacks has target 1 in every domain.
 *   Overdue when not done and now > dueAt.
 * - Otherwise "due". Due dates are whole days: due by the end of the chosen day (UTC; see due-dates.ts).
 *
 * Rights: assignments are created and cancelled only by someone who sees the unit or person through the
 * units they manage (or an administrator): being able to see yourself is not enough.
 */

export { overdueCountByPerson, overdueCountInUnit } from './status.server.ts'
export { eachOverdueRow, overdueCells, overdueWork, type OverdueRow } from './overdue.server.ts'
export {
  MAX_ASSIGNMENTS_LISTED,
  MAX_PEOPLE_TO_CHOOSE_FROM,
  OVERDUE_COLUMNS,
  ROLE_TARGETS,
  ROLE_TARGETS_TITLE,
} from './assignment-options.ts'

type AssignmentRow = ReturnType<typeof schema>['assignments']['$inferSelect']

/** True when the viewer sees this person through a unit they manage, or is an administrator. */
async function managesPerson({
  viewer,
  personId,
  withinUnitId,
}: {
  viewer: Viewer
  personId: string
  withinUnitId?: string
}): Promise<boolean> {
  const { memberships, orgUnitClosure, users } = schema()
  const visible = visibleUnitCondition({ viewer, unitColumn: memberships.teamId })
  if (!withinUnitId && viewer.isAdmin) {
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.id, personId))
    return Boolean(user)
  }
  const [row] = await db()
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.descendantId, memberships.teamId))
    .where(
      and(
        eq(memberships.userId, personId),
        withinUnitId ? eq(orgUnitClosure.ancestorId, withinUnitId) : eq(orgUnitClosure.depth, 0),
        visible,
      ),
    )
    .limit(1)
  return Boolean(row)
}

function assignmentSchema({ publishedSlugs, today }: { publishedSlugs: Set<string>; today: string }) {
  return z.object({
    what: z
      .string({ error: 'Choose what to assign' })
      .trim()
      .min(1, 'Choose what to assign')
      .refine(
        (value) => value === ROLE_TARGETS || publishedSlugs.has(value),
        'Choose a published module, or everything their role targets need',
      ),
    who: z.enum(['unit', 'person'], { error: 'Choose who the work is for' }),
    personId: z.string().trim().optional(),
    dueDate: z
      .string({ error: 'Enter a due date' })
      .trim()
      .min(1, 'Enter a due date')
      .refine((value) => endOfDueDate(value) !== null, {
        message: 'Due date must be a real date',
        abort: true,
      })
      .refine((value) => value >= today, 'Due date must be today or in the future'),
    recurs: z.string().optional(),
  })
}

/** An assignment that has passed every check and may be written: what, for whom, due when. */
export interface AssignmentPlan {
  /** null: everything their role targets need. */
  moduleSlug: string | null
  /** Set for the whole unit (and people who join later)… */
  unitId: string | null
  /** …or for one person. */
  userId: string | null
  /** YYYY-MM-DD; due by the end of that day. */
  dueDate: string
  /** Only ever true for a module whose evidence expires. */
  recurs: boolean
}

export type CheckAssignmentResult = { ok: true; plan: AssignmentPlan } | { ok: false; errors: FieldErrors }
export type CreateAssignmentResult = { ok: true; assignment: AssignmentRow } | { ok: false; errors: FieldErrors }

/**
 * Validates the assign form's values (what, who = unit | person, personId, dueDate YYYY-MM-DD, recurs =
 * "yes") for the unit the form belongs to, with the viewer's rights, and writes nothing. Errors are keyed
 * by field name. "recurs" is kept only for a module whose evidence expires.
 */
export async function checkAssignment({
  viewer,
  unitId,
  input,
  now = new Date(),
}: {
  viewer: Viewer
  unitId: string
  input: Record<string, unknown>
  now?: Date
}): Promise<CheckAssignmentResult> {
  const catalogue = await learningCatalogue()
  const publishedSlugs = new Set(catalogue.filter((module) => module.published).map((module) => module.slug))
  const parsed = assignmentSchema({ publishedSlugs, today: isoDay(now) }).safeParse(input)
  const errors: FieldErrors = {}
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'what')] ??= issue.message

  const who = input.who
  const personId = typeof input.personId === 'string' ? input.personId.trim() : ''
  if (who === 'person' && !personId) errors.personId ??= 'Choose the person the work is for'
  else if (who === 'person' && !(await managesPerson({ viewer, personId, withinUnitId: unitId })))
    errors.personId ??= 'Choose someone in this unit'
  if (who === 'unit' && !(await canSeeUnit({ viewer, unitId }))) errors.who ??= 'You cannot assign work to this unit'
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }

  const { what, dueDate, recurs } = parsed.data
  const moduleSlug = what === ROLE_TARGETS ? null : what
  const refreshes = catalogue.some((module) => module.slug === moduleSlug && module.refreshMonths !== null)
  return {
    ok: true,
    plan: {
      moduleSlug,
      unitId: parsed.data.who === 'unit' ? unitId : null,
      userId: parsed.data.who === 'person' ? personId : null,
      dueDate,
      recurs: refreshes && recurs === 'yes',
    },
  }
}

/** Checks the assignment as checkAssignment does, then stores it (and tells whoever reacts to new assignments). */
export async function createAssignment({
  viewer,
  unitId,
  input,
  now = new Date(),
}: {
  viewer: Viewer
  unitId: string
  input: Record<string, unknown>
  now?: Date
}): Promise<CreateAssignmentResult> {
  const checked = await checkAssignment({ viewer, unitId, input, now })
  if (!checked.ok) return checked
  const { plan } = checked
  const { assignments } = schema()
  const assignment = await transaction(async () => {
    const [made] = await db()
      .insert(assignments)
      .values({
        moduleSlug: plan.moduleSlug,
        unitId: plan.unitId,
        userId: plan.userId,
        dueAt: endOfDueDate(plan.dueDate) as Date,
        recurs: plan.recurs,
        assignedBy: viewer.id,
        createdAt: now,
      })
      .returning()
    if (!made) throw new Error('insert returned no assignment')
    await assignmentMade.run({ assignmentId: made.id, at: now })
    return made
  })
  return { ok: true, assignment }
}

/** What a checked assignment means in words, for the check-your-answers step: what, who with how many people, when. */
export async function describeAssignment({ plan, unit }: { plan: AssignmentPlan; unit: VisibleUnit }) {
  const catalogue = await learningCatalogue()
  const what =
    plan.moduleSlug === null
      ? ROLE_TARGETS_TITLE
      : (catalogue.find((module) => module.slug === plan.moduleSlug)?.title ?? plan.moduleSlug)
  const refreshes =
    plan.moduleSlug !== null &&
    catalogue.some((module) => module.slug === plan.moduleSlug && module.refreshMonths !== null)
  if (plan.userId) {
    const { users } = schema()
    const [person] = await db().select({ name: users.name }).from(users).where(eq(users.id, plan.userId))
    return { what, who: person?.name ?? 'One person', people: 1, joinersIncluded: false, refreshes }
  }
  const { memberships, orgUnitClosure } = schema()
  const [headcount] = await db()
    .select({ people: count() })
    .from(orgUnitClosure)
    .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
    .where(eq(orgUnitClosure.ancestorId, unit.id))
  return {
    what,
    who: `Everyone in ${unit.name}`,
    people: Number(headcount?.people ?? 0),
    joinersIncluded: true,
    refreshes,
  }
}

/** Cancels an assignment the viewer may see (its unit, or its person through a unit they manage). False when there is none to cancel. */
export async function cancelAssignment({
  viewer,
  assignmentId,
  now = new Date(),
}: {
  viewer: Viewer
  assignmentId: string
  now?: Date
}): Promise<boolean> {
  const { assignments } = schema()
  const [assignment] = await db()
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), isNull(assignments.cancelledAt)))
  if (!assignment) return false
  const allowed = assignment.unitId
    ? await canSeeUnit({ viewer, unitId: assignment.unitId })
    : assignment.userId !== null && (await managesPerson({ viewer, personId: assignment.userId }))
  if (!allowed) return false
  await db()
    .update(assignments)
    .set({ cancelledAt: now })
    .where(and(eq(assignments.id, assignmentId), isNull(assignments.cancelledAt)))
  return true
}

export interface LearnerAssignment {
  id: string
  /** null: everything their role targets need. */
  moduleSlug: string | null
  title: string
  dueAt: Date
  status: 'due' | 'overdue' | 'done'
  /** Recurring and done: when the evidence lapses and it comes round again. */
  renewBy: Date | null
  /** Role targets only: domains still short of the role's target. */
  domainsShort: number | null
}

const STATUS_ORDER = { overdue: 0, due: 1, done: 2 } as const

/** A learner's assigned work for their home: overdue first, then due (soonest first), then done; each piece of work once. */
export async function assignmentsForLearner({
  userId,
  now = new Date(),
}: {
  userId: string
  now?: Date
}): Promise<LearnerAssignment[]> {
  const statuses = await assignmentStatuses({ people: { userId }, now })
  if (statuses.length === 0) return []
  const titles = new Map((await learningCatalogue()).map((module) => [module.slug, module.title]))
  const sorted = statuses.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.dueAt.getTime() - b.dueAt.getTime() ||
      a.assignmentId.localeCompare(b.assignmentId),
  )
  const seen = new Set<string>()
  return sorted.flatMap((status) => {
    const key = status.moduleSlug ?? ROLE_TARGETS
    if (seen.has(key)) return []
    seen.add(key)
    return [
      {
        id: status.assignmentId,
        moduleSlug: status.moduleSlug,
        title: status.moduleSlug === null ? ROLE_TARGETS_TITLE : (titles.get(status.moduleSlug) ?? status.moduleSlug),
        dueAt: status.dueAt,
        status: status.status,
        renewBy: status.renewBy,
        domainsShort: status.domainsShort,
      },
    ]
  })
}

/**
 * Assignments in force that were set on this unit, on a unit below it, or on a person in it, soonest due
 * first (at most MAX_ASSIGNMENTS_LISTED).
 */
export async function assignmentsSetInUnit({ unit }: { unit: VisibleUnit }) {
  const { assignments, orgUnits, orgUnitClosure, memberships, users } = schema()
  const person = alias(users, 'person')
  const assigner = alias(users, 'assigner')
  const unitsBelow = db()
    .select({ id: orgUnitClosure.descendantId })
    .from(orgUnitClosure)
    .where(eq(orgUnitClosure.ancestorId, unit.id))
  const peopleBelow = db()
    .select({ id: memberships.userId })
    .from(memberships)
    .where(inArray(memberships.teamId, unitsBelow))
  const rows = await db()
    .select({
      id: assignments.id,
      moduleSlug: assignments.moduleSlug,
      dueAt: assignments.dueAt,
      recurs: assignments.recurs,
      unitName: orgUnits.name,
      personName: person.name,
      assignedBy: assigner.name,
    })
    .from(assignments)
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.unitId))
    .leftJoin(person, eq(person.id, assignments.userId))
    .innerJoin(assigner, eq(assigner.id, assignments.assignedBy))
    .where(
      and(
        isNull(assignments.cancelledAt),
        or(inArray(assignments.unitId, unitsBelow), inArray(assignments.userId, peopleBelow)),
      ),
    )
    .orderBy(asc(assignments.dueAt), asc(assignments.id))
    .limit(MAX_ASSIGNMENTS_LISTED + 1)
  const titles = new Map((await learningCatalogue()).map((module) => [module.slug, module.title]))
  return {
    assignments: rows.slice(0, MAX_ASSIGNMENTS_LISTED).map((row) => ({
      id: row.id,
      what: row.moduleSlug === null ? ROLE_TARGETS_TITLE : (titles.get(row.moduleSlug) ?? row.moduleSlug),
      who: row.unitName ? `Everyone in ${row.unitName}` : (row.personName ?? 'Someone who has left'),
      dueDate: isoDay(row.dueAt),
      recurs: row.recurs,
      assignedBy: row.assignedBy,
    })),
    more: rows.length > MAX_ASSIGNMENTS_LISTED,
  }
}

/**
 * What the assign form offers for a unit: published modules for the role profiles of its people (all
 * published modules when it has nobody yet), with their refresh periods, and its people to pick one from
 * (null when there are more than MAX_PEOPLE_TO_CHOOSE_FROM).
 */
export async function assignFormOptions({ unit }: { unit: VisibleUnit }) {
  const { memberships, orgUnitClosure } = schema()
  const inUnit = eq(orgUnitClosure.ancestorId, unit.id)
  const [roles, [headcount]] = await Promise.all([
    db()
      .selectDistinct({ role: memberships.roleProfile })
      .from(orgUnitClosure)
      .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
      .where(inUnit)
      .then((rows) => rows.map((row) => row.role)),
    db()
      .select({ people: count() })
      .from(orgUnitClosure)
      .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
      .where(inUnit),
  ])
  const people = Number(headcount?.people ?? 0)
  const modules = (await learningCatalogue())
    .filter(
      (module) => module.published && (roles.length === 0 || module.audience.some((role) => roles.includes(role))),
    )
    .sort((a, b) => a.title.localeCompare(b.title))
    .map(({ slug, title, refreshMonths, kind }) => ({ slug, title, refreshMonths, kind }))
  const choices =
    people > 0 && people <= MAX_PEOPLE_TO_CHOOSE_FROM
      ? (await peopleInUnit({ unit })).map((person) => ({
          id: person.id,
          name: person.name,
          team: person.teamName,
        }))
      : null
  return { modules, people, choices }
}
