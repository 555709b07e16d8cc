import { newId } from '#db/new-id.ts'
import type { OrgUnitKind } from '#app/lib/org/org-unit.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { type RoleProfileRules, roleProfileFor } from '#app/lib/workforce/role-profile-rules.ts'
import type { RowProblem, StaffRow } from '#app/lib/workforce/staff-file.schema.ts'
import type { CurrentWorkforce } from '#app/lib/workforce/staff-import-state.server.ts'
import { UNIT_PATH_SEPARATOR, unitCode } from '#app/lib/workforce/unit-code.ts'

// The heart of a staff import, without a database: from the rows of a staff list and what the platform
// holds now for the organisations in it, every change an import would make. The list is a full snapshot of
// each organisation it names, so a second run of the same file plans nothing.

/** More than this share of an organisation's active staff suspended in one run needs an explicit yes. */
export const MASS_SUSPENSION_SHARE = 0.1

export const changeKinds = ['new', 'changed', 'moved', 'suspended', 'revived'] as const
export type ChangeKind = (typeof changeKinds)[number]

export interface PlannedChange {
  kind: ChangeKind
  /** The line of the person's primary assignment in the file (none for someone missing from it). */
  line: number | null
  organisationCode: string
  employeeNumber: string
  name: string
  /** What changes, in words: "Ward 7 → Ward 8", "Email changed". */
  detail: string
}

export interface OrganisationSummary {
  code: string
  name: string
  counts: Record<ChangeKind | 'unchanged', number>
  /** People in the organisation who could sign in before this import. */
  activeBefore: number
  /** The run would suspend more than MASS_SUSPENSION_SHARE of them. */
  massSuspension: boolean
}

export interface PlannedUnit {
  id: string
  code: string
  name: string
  kind: OrgUnitKind
  /** null only for the integrated care board made by a first import into an empty platform. */
  parentId: string | null
}

/** The top of the tree when a first import finds none: an administrator can rename it. */
export const FIRST_ICB = { code: 'icb', name: 'Integrated care board' }

export type AssignmentRow = CurrentWorkforce['assignments'][number]

export interface StaffImportPlan {
  organisations: OrganisationSummary[]
  changes: PlannedChange[]
  /** Row problems: the rows left out. Warnings: rows applied with something missing or assumed. */
  problems: RowProblem[]
  warnings: RowProblem[]
  units: { create: PlannedUnit[]; close: { id: string; name: string }[]; reopen: { id: string; name: string }[] }
  people: {
    create: { id: string; organisationCode: string; employeeNumber: string; name: string; email: string | null }[]
    update: { id: string; name: string; email: string | null; before: { name: string; email: string | null } }[]
    revive: string[]
    suspend: string[]
  }
  memberships: {
    userId: string
    teamId: string | null
    roleProfile: string
    jobTitle: string | null
    at: Date
    /** What it was, for the audit log. */
    before?: { teamId: string | null; roleProfile: string | null; jobTitle: string | null }
  }[]
  assignments: { upsert: AssignmentRow[]; remove: string[] }
  rights: { grant: { userId: string; unitId: string }[]; revoke: { userId: string; unitId: string }[] }
  /** Names for the audit log and messages. */
  names: { units: Map<string, string>; people: Map<string, string> }
}

/** Which column a message about a field points at: the file's own header, from the mapping. */
export interface StaffHeaders {
  hierarchy: string
  lineManager: string
  jobRole: string
  primaryAssignment: string
}

const samePeriodKey = (organisationCode: string, employeeNumber: string) => `${organisationCode}\u0000${employeeNumber}`
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** The levels below the organisation: the first is dropped when it only repeats the organisation's name. */
function pathBelowOrganisation(row: StaffRow): string[] {
  const [first, ...rest] = row.hierarchy
  const organisationName = (row.organisationName ?? '').trim().toLowerCase()
  if (first && rest.length > 0 && first.trim().toLowerCase() === organisationName) return rest
  return row.hierarchy
}

export function planStaffImport({
  rows,
  problems,
  current,
  rules,
  headers,
  now,
}: {
  rows: StaffRow[]
  problems: RowProblem[]
  current: CurrentWorkforce
  rules: RoleProfileRules
  headers: StaffHeaders
  now: Date
}): StaffImportPlan {
  const warnings: RowProblem[] = []
  const changes: PlannedChange[] = []
  const unitsByCode = new Map(current.units.map((unit) => [unit.code, unit]))
  const unitNames = new Map(current.units.map((unit) => [unit.id, unit.name]))
  const createdUnits: PlannedUnit[] = []
  const usedUnitIds = new Set<string>()
  const rowsLeftOut = new Set(
    problems.flatMap((problem) =>
      problem.person ? [samePeriodKey(problem.person.organisationCode, problem.person.employeeNumber)] : [],
    ),
  )

  // Units: every prefix of every row's path, created when new. A unit that holds people is a team; one that
  // only holds other units is a directorate.
  const leafCodes = new Set<string>()
  const rowUnit = new Map<StaffRow, string>()
  const organisationNames = new Map<string, string>()
  for (const row of rows) {
    if (!organisationNames.has(row.organisationCode) || row.organisationName)
      organisationNames.set(row.organisationCode, row.organisationName ?? row.organisationCode)
    leafCodes.add(unitCode(row.organisationCode, pathBelowOrganisation(row)))
  }
  let icbId = current.icbId
  const ensureIcb = (): string => {
    if (icbId) return icbId
    const unit = { id: newId(), ...FIRST_ICB, kind: 'icb' as const, parentId: null, closedAt: null }
    createdUnits.push(unit)
    unitNames.set(unit.id, unit.name)
    icbId = unit.id
    return unit.id
  }
  const ensureUnit = (organisationCode: string, path: string[]): string => {
    const code = unitCode(organisationCode, path)
    const existing = unitsByCode.get(code)
    if (existing) {
      // Its levels above are in use too (a closed directorate reopens with its team).
      if (!usedUnitIds.has(existing.id) && path.length > 0) ensureUnit(organisationCode, path.slice(0, -1))
      usedUnitIds.add(existing.id)
      return existing.id
    }
    const parentId = path.length === 0 ? ensureIcb() : ensureUnit(organisationCode, path.slice(0, -1))
    const kind: OrgUnitKind = path.length === 0 ? 'organisation' : leafCodes.has(code) ? 'team' : 'directorate'
    const name =
      path.length === 0 ? (organisationNames.get(organisationCode) ?? organisationCode) : (path.at(-1) as string)
    const unit = { id: newId(), code, name, kind, parentId, closedAt: null }
    unitsByCode.set(code, unit)
    unitNames.set(unit.id, name)
    usedUnitIds.add(unit.id)
    createdUnits.push(unit)
    return unit.id
  }
  const goodRows: StaffRow[] = []
  for (const row of rows) {
    const path = pathBelowOrganisation(row)
    // A level that holds people cannot also hold other units: a team is where people are.
    let blocked: string | null = null
    for (let depth = 1; depth < path.length; depth++) {
      const prefix = unitCode(row.organisationCode, path.slice(0, depth))
      const known = unitsByCode.get(prefix)
      if (leafCodes.has(prefix) || known?.kind === 'team') blocked = path[depth - 1] ?? null
    }
    const known = unitsByCode.get(unitCode(row.organisationCode, path))
    if (known && known.kind !== 'team') blocked = path.at(-1) ?? null
    if (blocked) {
      problems.push({
        line: row.line,
        field: 'Organisation hierarchy',
        value: path.join(UNIT_PATH_SEPARATOR),
        message: `${blocked} holds both people and other units. Put people in the lowest level only.`,
        person: { organisationCode: row.organisationCode, employeeNumber: row.employeeNumber },
      })
      rowsLeftOut.add(samePeriodKey(row.organisationCode, row.employeeNumber))
      continue
    }
    ensureUnit(row.organisationCode, [])
    rowUnit.set(row, ensureUnit(row.organisationCode, path))
    goodRows.push(row)
  }

  // People: one per organisation and employee number, from their rows.
  const rowsOfPerson = new Map<string, StaffRow[]>()
  for (const row of goodRows) {
    const key = samePeriodKey(row.organisationCode, row.employeeNumber)
    rowsOfPerson.set(key, [...(rowsOfPerson.get(key) ?? []), row])
  }
  const existing = new Map(
    current.people.map((person) => [samePeriodKey(person.organisationCode, person.employeeNumber), person]),
  )
  const assignmentsOf = new Map<string, AssignmentRow[]>()
  for (const assignment of current.assignments)
    assignmentsOf.set(assignment.userId, [...(assignmentsOf.get(assignment.userId) ?? []), assignment])

  const plan: StaffImportPlan = {
    organisations: [],
    changes,
    problems,
    warnings,
    units: { create: createdUnits, close: [], reopen: [] },
    people: { create: [], update: [], revive: [], suspend: [] },
    memberships: [],
    assignments: { upsert: [], remove: [] },
    rights: { grant: [], revoke: [] },
    names: { units: unitNames, people: new Map() },
  }
  const counts = new Map<string, OrganisationSummary['counts']>()
  const count = (organisationCode: string, kind: ChangeKind | 'unchanged') => {
    let entry = counts.get(organisationCode)
    if (!entry) {
      entry = { new: 0, changed: 0, moved: 0, suspended: 0, revived: 0, unchanged: 0 }
      counts.set(organisationCode, entry)
    }
    entry[kind]++
  }
  const personIdOf = new Map<string, string>()
  const teamAfter = new Map<string, string | null>()
  for (const key of rowsOfPerson.keys()) personIdOf.set(key, existing.get(key)?.id ?? newId())

  for (const [key, personRows] of rowsOfPerson) {
    const active = personRows.filter((row) => row.active)
    const first = personRows[0] as StaffRow
    const before = existing.get(key)
    const id = personIdOf.get(key) as string
    const name = `${first.firstName} ${first.lastName}`
    plan.names.people.set(id, name)
    const change = (kind: ChangeKind, detail: string, line: number | null) => {
      changes.push({
        kind,
        line,
        organisationCode: first.organisationCode,
        employeeNumber: first.employeeNumber,
        name,
        detail,
      })
      count(first.organisationCode, kind)
    }
    if (active.length === 0) continue // Only ended posts: treated below as missing from the list.
    let primary = active.find((row) => row.primary)
    if (!primary) {
      primary = active[0] as StaffRow
      warnings.push({
        line: primary.line,
        field: headers.primaryAssignment,
        value: 'No',
        message: `${name} has no current primary assignment; their team is taken from this line.`,
      })
    }
    const email = primary.email
    const hrTeam = rowUnit.get(primary) as string
    const rule = roleProfileFor(rules, primary)
    if (!rule.matched && !before?.roleProfileOverride) {
      warnings.push({
        line: primary.line,
        field: headers.jobRole,
        value: [primary.staffGroup, primary.jobRole].filter(Boolean).join(' / '),
        message: `No role profile rule matches; ${name} gets the default profile.`,
      })
    }
    const teamId = before?.teamOverrideId ?? hrTeam
    const roleProfile = before?.roleProfileOverride ?? rule.profile
    const jobTitle = primary.positionTitle
    const startedAt = primary.startDate && day(primary.startDate) < now ? day(primary.startDate) : now

    // Posts: upsert those that differ, remove those gone from the list.
    const posts: AssignmentRow[] = personRows.map((row) => ({
      assignmentNumber: row.assignmentNumber,
      userId: id,
      unitId: rowUnit.get(row) as string,
      positionTitle: row.positionTitle,
      staffGroup: row.staffGroup,
      jobRole: row.jobRole,
      isPrimary: row === primary,
      status: row.status,
      active: row.active,
      startDate: row.startDate,
      endDate: row.endDate,
      lineManagerEmployeeNumber: row.lineManager.employeeNumber,
      lineManagerAssignmentNumber: row.lineManager.assignmentNumber,
      updatedAt: now,
    }))
    const heldBefore = new Map(
      (before ? (assignmentsOf.get(before.id) ?? []) : []).map((post) => [post.assignmentNumber, post]),
    )
    let postsChanged = false
    for (const post of posts) {
      const old = heldBefore.get(post.assignmentNumber)
      heldBefore.delete(post.assignmentNumber)
      if (!old || !samePost(old, post)) {
        plan.assignments.upsert.push(post)
        postsChanged = true
      }
    }
    for (const gone of heldBefore.keys()) {
      plan.assignments.remove.push(gone)
      postsChanged = true
    }
    teamAfter.set(id, teamId)

    if (!before) {
      plan.people.create.push({
        id,
        organisationCode: first.organisationCode,
        employeeNumber: first.employeeNumber,
        name,
        email,
      })
      plan.memberships.push({ userId: id, teamId, roleProfile, jobTitle, at: startedAt })
      change('new', `${unitNames.get(teamId)}, ${roleProfileLabel(roleProfile)}`, primary.line)
      continue
    }
    const details: string[] = []
    if (before.name !== name || before.email !== email) {
      plan.people.update.push({ id, name, email, before: { name: before.name, email: before.email } })
      if (before.name !== name) details.push(`Name was ${before.name}`)
      if (before.email !== email) details.push('Email changed')
    }
    const revived = before.suspendedAt !== null && before.suspendedBy === 'import'
    if (revived) plan.people.revive.push(id)
    const keptSuspended = before.suspendedAt !== null && !revived
    const moved = before.teamId !== null && before.teamId !== teamId
    const membershipDiffers =
      before.teamId !== teamId || before.roleProfile !== roleProfile || before.jobTitle !== jobTitle
    if (!keptSuspended && membershipDiffers) {
      plan.memberships.push({
        userId: id,
        teamId,
        roleProfile,
        jobTitle,
        at: revived || moved || before.teamId ? now : startedAt,
        before: { teamId: before.teamId, roleProfile: before.roleProfile, jobTitle: before.jobTitle },
      })
      if (moved) details.unshift(`${unitNames.get(before.teamId ?? '') ?? 'No team'} → ${unitNames.get(teamId)}`)
      else if (before.roleProfile !== roleProfile && before.roleProfile) details.push('Role profile changed')
      else if (before.jobTitle !== jobTitle) details.push('Job title changed')
    }
    if (postsChanged && details.length === 0) details.push('Posts changed')
    if (
      (before.teamOverrideId && before.teamOverrideId !== hrTeam) ||
      (before.roleProfileOverride && before.roleProfileOverride !== rule.profile)
    ) {
      warnings.push({
        line: primary.line,
        field: headers.hierarchy,
        value: unitNames.get(hrTeam) ?? '',
        message: `${name} is kept in ${unitNames.get(teamId)} as ${roleProfileLabel(roleProfile)}, as an administrator set; the staff list says ${unitNames.get(hrTeam)}, ${roleProfileLabel(rule.profile)}.`,
      })
    }
    if (revived) change('revived', details.join('; ') || 'Back in the staff list', primary.line)
    else if (moved && !keptSuspended) change('moved', details.join('; '), primary.line)
    else if (details.length > 0) change('changed', details.join('; '), primary.line)
    else count(first.organisationCode, 'unchanged')
  }

  // People of these organisations missing from the list (or with only ended posts) are suspended, unless a
  // row of theirs was left out for a problem: then they are left as they are.
  const organisationCodes = new Set(rows.map((row) => row.organisationCode))
  for (const person of current.people) {
    if (!organisationCodes.has(person.organisationCode)) continue
    const key = samePeriodKey(person.organisationCode, person.employeeNumber)
    const personRows = rowsOfPerson.get(key)
    if (personRows?.some((row) => row.active) || rowsLeftOut.has(key)) continue
    if (!personRows)
      for (const post of assignmentsOf.get(person.id) ?? []) plan.assignments.remove.push(post.assignmentNumber)
    teamAfter.set(person.id, null)
    plan.names.people.set(person.id, person.name)
    if (person.suspendedAt) {
      count(person.organisationCode, 'unchanged')
      continue
    }
    plan.people.suspend.push(person.id)
    plan.memberships.push({
      userId: person.id,
      teamId: null,
      roleProfile: person.roleProfile ?? '',
      jobTitle: null,
      at: now,
    })
    changes.push({
      kind: 'suspended',
      line: null,
      organisationCode: person.organisationCode,
      employeeNumber: person.employeeNumber,
      name: person.name,
      detail: personRows ? 'All their posts have ended' : 'Not in the staff list',
    })
    count(person.organisationCode, 'suspended')
  }

  // Line managers: each manages the units of the posts that report to them (recomputed every run; rights
  // an administrator gave are kept apart and never touched here).
  const personOfAssignment = new Map<string, string>()
  for (const [key, personRows] of rowsOfPerson)
    for (const row of personRows) personOfAssignment.set(row.assignmentNumber, personIdOf.get(key) as string)
  const wanted = new Map<string, { userId: string; unitId: string }>()
  for (const row of goodRows) {
    if (!row.active) continue
    const { employeeNumber, assignmentNumber } = row.lineManager
    if (!employeeNumber && !assignmentNumber) continue
    const managerId =
      (assignmentNumber ? personOfAssignment.get(assignmentNumber) : undefined) ??
      (employeeNumber ? personIdOf.get(samePeriodKey(row.organisationCode, employeeNumber)) : undefined)
    if (!managerId) {
      warnings.push({
        line: row.line,
        field: headers.lineManager,
        value: assignmentNumber ?? employeeNumber ?? '',
        message: 'No one in the staff list has this number, so no line manager is linked for this row.',
      })
      continue
    }
    const unitId = rowUnit.get(row) as string
    if (teamAfter.get(managerId) === null) continue
    wanted.set(`${managerId}\u0000${unitId}`, { userId: managerId, unitId })
  }
  const had = new Map(current.importRights.map((right) => [`${right.userId}\u0000${right.unitId}`, right]))
  for (const [key, right] of wanted) if (!had.has(key)) plan.rights.grant.push(right)
  for (const [key, right] of had) if (!wanted.has(key)) plan.rights.revoke.push(right)

  // Units of these organisations that no row uses any more are closed once no one is left in them;
  // closed ones back in the list are reopened.
  const membersAfter = new Map(current.outsideMembers)
  for (const teamId of teamAfter.values()) if (teamId) membersAfter.set(teamId, (membersAfter.get(teamId) ?? 0) + 1)
  for (const person of current.people)
    if (!teamAfter.has(person.id) && person.teamId)
      membersAfter.set(person.teamId, (membersAfter.get(person.teamId) ?? 0) + 1)
  const openChildren = new Map<string, number>()
  for (const unit of [...current.units, ...createdUnits.map((unit) => ({ ...unit, closedAt: null }))]) {
    const stillOpen = usedUnitIds.has(unit.id) || (unit.closedAt === null && (membersAfter.get(unit.id) ?? 0) > 0)
    if (stillOpen && unit.parentId) openChildren.set(unit.parentId, (openChildren.get(unit.parentId) ?? 0) + 1)
  }
  // Deepest first, so that a directorate whose teams all close closes too.
  const byDepth = [...current.units].sort(
    (a, b) => b.code.split(UNIT_PATH_SEPARATOR).length - a.code.split(UNIT_PATH_SEPARATOR).length,
  )
  for (const unit of byDepth) {
    if (!organisationCodes.has(unit.code.split(UNIT_PATH_SEPARATOR)[0] as string)) continue
    if (usedUnitIds.has(unit.id)) {
      if (unit.closedAt) plan.units.reopen.push({ id: unit.id, name: unit.name })
      continue
    }
    if (unit.closedAt || (membersAfter.get(unit.id) ?? 0) > 0 || (openChildren.get(unit.id) ?? 0) > 0) continue
    plan.units.close.push({ id: unit.id, name: unit.name })
    if (unit.parentId) openChildren.set(unit.parentId, (openChildren.get(unit.parentId) ?? 1) - 1)
  }

  for (const organisationCode of organisationCodes) {
    const entry = counts.get(organisationCode) ?? {
      new: 0,
      changed: 0,
      moved: 0,
      suspended: 0,
      revived: 0,
      unchanged: 0,
    }
    const activeBefore = current.people.filter(
      (person) => person.organisationCode === organisationCode && person.suspendedAt === null,
    ).length
    plan.organisations.push({
      code: organisationCode,
      name: organisationNames.get(organisationCode) ?? organisationCode,
      counts: entry,
      activeBefore,
      massSuspension: activeBefore > 0 && entry.suspended / activeBefore > MASS_SUSPENSION_SHARE,
    })
  }
  plan.organisations.sort((a, b) => a.name.localeCompare(b.name))
  return plan
}

function samePost(a: AssignmentRow, b: AssignmentRow): boolean {
  return (
    a.unitId === b.unitId &&
    a.positionTitle === b.positionTitle &&
    a.staffGroup === b.staffGroup &&
    a.jobRole === b.jobRole &&
    a.isPrimary === b.isPrimary &&
    a.status === b.status &&
    a.active === b.active &&
    a.startDate === b.startDate &&
    a.endDate === b.endDate &&
    a.lineManagerEmployeeNumber === b.lineManagerEmployeeNumber &&
    a.lineManagerAssignmentNumber === b.lineManagerAssignmentNumber
  )
}
