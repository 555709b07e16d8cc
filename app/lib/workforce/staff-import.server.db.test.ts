import { and, count, eq, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { hashPassword } from '#app/lib/auth/password.server.ts'
import { signIn } from '#app/lib/auth/sign-in.server.ts'
import { createSession, validateSessionToken } from '#app/lib/auth/session.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { assignManager } from '#app/lib/org/memberships.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { runStaffImport } from '#app/lib/workforce/staff-import.server.ts'
import { openFile } from '#tests/staff-files.ts'
import { type ListedPost, importList, personByEmployee, staffList, unitNamed } from '#tests/staff-lists.ts'

// Every semantic of the staff import, on both databases. Each test uses its own organisation code, since the
// tests of this file share one database.

let organisations = 0
const nextOrganisation = () => `T${++organisations}`
const inOrg = (organisation: string, posts: ListedPost[]) => staffList(posts.map((post) => ({ organisation, ...post })))

beforeAll(async () => {
  await createOrgUnit({ code: 'test-icb', name: 'Test ICB', kind: 'icb' })
})

async function tableCounts() {
  const tables = schema()
  const counts: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) {
    if (typeof table !== 'object' || !table || !('getSQL' in table)) continue
    const [row] = await db()
      .select({ n: count() })
      .from(table as typeof tables.users)
    counts[name] = row?.n ?? 0
  }
  return counts
}

async function headcountAt(teamName: string, at: Date): Promise<number> {
  const { teamHeadcountSpans } = schema()
  const team = await unitNamed(teamName)
  const spans = await db().select().from(teamHeadcountSpans).where(eq(teamHeadcountSpans.teamId, team.id))
  return (
    spans.find(
      (span) => span.countedFrom <= at && (span.countedUntil === null || span.countedUntil.getTime() > at.getTime()),
    )?.people ?? 0
  )
}

async function currentTeamName(employeeNumber: string, organisation: string) {
  const { memberships, orgUnits } = schema()
  const person = await personByEmployee(employeeNumber, organisation)
  const [row] = await db()
    .select({ name: orgUnits.name })
    .from(memberships)
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.teamId))
    .where(eq(memberships.userId, person.id))
  return row?.name ?? null
}

describe('staff import', () => {
  test('creates people, units and teams, and a second run of the same file changes nothing', async () => {
    const org = nextOrganisation()
    const file = inOrg(org, [
      { employee: '1001', first: 'Aisha', last: 'Khan', path: ['Medicine', `${org} Ward 7`] },
      { employee: '1002', first: 'Ben', last: 'Ng', path: ['Medicine', `${org} Ward 8`] },
      {
        employee: '1003',
        first: 'Cara',
        last: 'Doyle',
        path: ['Estates', `${org} Portering`],
        staffGroup: 'Estates and Ancillary',
        jobRole: 'Porter',
      },
    ])
    const first = await importList(file)
    expect(first.result).toBe('applied')
    expect(first.totals).toMatchObject({ new: 3, changed: 0, moved: 0, suspended: 0, unchanged: 0 })
    expect(await currentTeamName('1001', org)).toBe(`${org} Ward 7`)
    const porter = await personByEmployee('1003', org)
    const { memberships, orgUnits, auditEvents } = schema()
    const [membership] = await db().select().from(memberships).where(eq(memberships.userId, porter.id))
    expect(membership?.roleProfile).toBe('estates-support')
    const medicine = await unitNamed('Medicine')
    expect(medicine.kind).toBe('directorate')
    const [organisation] = await db().select().from(orgUnits).where(eq(orgUnits.code, org))
    expect(organisation).toMatchObject({ kind: 'organisation', name: 'First Trust (test)' })
    const [created] = await db()
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.created'), eq(auditEvents.subjectId, porter.id)))
    expect(created?.n).toBe(1)

    const before = await tableCounts()
    const again = await importList(file)
    expect(again.totals).toMatchObject({ new: 0, changed: 0, moved: 0, suspended: 0, revived: 0, unchanged: 3 })
    expect(again.changes).toEqual([])
    expect(await tableCounts()).toEqual(before)
  })

  test('a dry run reports what would change and writes nothing to any table', async () => {
    const org = nextOrganisation()
    await importList(inOrg(org, [{ employee: '2001' }, { employee: '2002' }]))
    const before = await tableCounts()
    const preview = await importList(
      inOrg(org, [{ employee: '2001', path: ['Medicine', 'Ward 8'] }, { employee: '2003' }]),
      {
        dryRun: true,
      },
    )
    expect(preview.result).toBe('preview')
    expect(preview.totals).toMatchObject({ new: 1, moved: 1, suspended: 1 })
    expect(preview.changes.map((change) => [change.kind, change.employeeNumber])).toEqual(
      expect.arrayContaining([
        ['new', '2003'],
        ['moved', '2001'],
        ['suspended', '2002'],
      ]),
    )
    expect(await tableCounts()).toEqual(before)
  })

  test('a mover’s old membership ends and history is kept: past weeks count them in the old team', async () => {
    const org = nextOrganisation()
    const [teamA, teamB] = [`${org} A`, `${org} B`]
    const start = new Date(Date.UTC(2026, 9, 1))
    const movedOn = new Date(start.getTime() + 21 * DAY_MS)
    const staff = (moverTeam: string) =>
      inOrg(org, [
        { employee: '3001', path: ['Dir', moverTeam] },
        { employee: '3002', path: ['Dir', teamA] },
        { employee: '3003', path: ['Dir', teamB] },
      ])
    await importList(staff(teamA), { now: start })
    const moved = await importList(staff(teamB), { now: movedOn })
    expect(moved.totals).toMatchObject({ moved: 1, unchanged: 2 })
    expect(moved.changes[0]?.detail).toBe(`${teamA} → ${teamB}`)

    const weekBefore = new Date(movedOn.getTime() - 7 * DAY_MS)
    expect(await headcountAt(teamA, weekBefore)).toBe(2)
    expect(await headcountAt(teamB, weekBefore)).toBe(1)
    expect(await headcountAt(teamA, movedOn)).toBe(1)
    expect(await headcountAt(teamB, movedOn)).toBe(2)

    const { membershipHistory } = schema()
    const mover = await personByEmployee('3001', org)
    const periods = await db().select().from(membershipHistory).where(eq(membershipHistory.userId, mover.id))
    expect(periods).toHaveLength(2)
    expect(periods.find((period) => period.endedAt !== null)?.endedAt).toEqual(movedOn)
    expect(periods.find((period) => period.endedAt === null)?.startedAt).toEqual(movedOn)
  })

  test('a leaver is suspended: cannot sign in, sessions end, left out of headcounts; their records stay; a returner is restored', async () => {
    const org = nextOrganisation()
    const team = `${org} Ward`
    const everyone = Array.from({ length: 12 }, (_, i) => ({ employee: `40${10 + i}`, path: ['Dir', team] }))
    await importList(inOrg(org, everyone))
    const leaver = await personByEmployee('4010', org)
    const { users, membershipHistory } = schema()
    await db()
      .update(users)
      .set({ passwordHash: await hashPassword('a leaver password') })
      .where(eq(users.id, leaver.id))
    const { token } = await createSession({ userId: leaver.id })

    const without = await importList(inOrg(org, everyone.slice(1)))
    expect(without.totals).toMatchObject({ suspended: 1, unchanged: 11 })
    expect(without.changes).toEqual([
      expect.objectContaining({ kind: 'suspended', employeeNumber: '4010', detail: 'Not in the staff list' }),
    ])
    expect(await validateSessionToken({ token })).toBeNull()
    expect(await signIn({ email: leaver.email ?? '', password: 'a leaver password', ip: null })).toEqual({
      ok: false,
      reason: 'suspended',
    })
    expect(await currentTeamName('4010', org)).toBeNull()
    expect(await headcountAt(team, new Date())).toBe(11)
    const periods = await db().select().from(membershipHistory).where(eq(membershipHistory.userId, leaver.id))
    expect(periods).toHaveLength(1)
    expect(periods[0]?.endedAt).not.toBeNull()

    const back = await importList(inOrg(org, everyone))
    expect(back.totals).toMatchObject({ revived: 1, unchanged: 11 })
    expect(await currentTeamName('4010', org)).toBe(team)
    expect((await signIn({ email: leaver.email ?? '', password: 'a leaver password', ip: null })).ok).toBe(true)
  })

  test('someone with two posts is in their primary post’s team; both posts are kept', async () => {
    const org = nextOrganisation()
    await importList(
      inOrg(org, [
        { employee: '5001', assignment: '5001-2', primary: false, path: ['Dir', `${org} Bank`] },
        { employee: '5001', assignment: '5001-1', primary: true, path: ['Dir', `${org} Ward`] },
      ]),
    )
    expect(await currentTeamName('5001', org)).toBe(`${org} Ward`)
    const { staffAssignments } = schema()
    const person = await personByEmployee('5001', org)
    const posts = await db().select().from(staffAssignments).where(eq(staffAssignments.userId, person.id))
    expect(posts.map((post) => [post.assignmentNumber, post.isPrimary]).sort()).toEqual([
      ['5001-1', true],
      ['5001-2', false],
    ])
  })

  test('a line manager listed after their staff still manages their team; hand-given rights survive every import', async () => {
    const org = nextOrganisation()
    const team = `${org} Ward`
    const other = `${org} Clinic`
    const list = (withManager: boolean) =>
      inOrg(org, [
        { employee: '6001', path: ['Dir', team], manager: withManager ? '6009' : undefined },
        { employee: '6002', path: ['Dir', team], manager: withManager ? '6009' : undefined },
        { employee: '6009', path: ['Dir', other], jobRole: 'Manager' },
      ])
    await importList(list(true))
    const manager = await personByEmployee('6009', org)
    const { managerAssignments } = schema()
    const rightsOf = async () =>
      (
        await db()
          .select({ unitId: managerAssignments.orgUnitId, source: managerAssignments.source })
          .from(managerAssignments)
          .where(eq(managerAssignments.userId, manager.id))
      ).map((right) => right.source + ':' + right.unitId)
    const teamUnit = await unitNamed(team)
    const otherUnit = await unitNamed(other)
    expect(await rightsOf()).toEqual([`import:${teamUnit.id}`])

    await assignManager({ userId: manager.id, unitId: otherUnit.id })
    await importList(list(false))
    expect(await rightsOf()).toEqual([`admin:${otherUnit.id}`])
    await importList(list(true))
    expect((await rightsOf()).sort()).toEqual([`admin:${otherUnit.id}`, `import:${teamUnit.id}`].sort())
  })

  test('a run that would suspend more than a tenth of an organisation is refused unless confirmed', async () => {
    const org = nextOrganisation()
    const everyone = Array.from({ length: 10 }, (_, i) => ({ employee: `70${10 + i}`, path: ['Dir', `${org} Ward`] }))
    await importList(inOrg(org, everyone))
    const before = await tableCounts()
    const refused = await importList(inOrg(org, everyone.slice(2)))
    expect(refused.result).toBe('refused')
    expect(refused.organisations[0]).toMatchObject({ massSuspension: true, activeBefore: 10 })
    expect(await tableCounts()).toEqual(before)
    const confirmed = await importList(inOrg(org, everyone.slice(2)), { confirm: true })
    expect(confirmed.result).toBe('applied')
    expect(confirmed.totals.suspended).toBe(2)
  })

  test('a file in Windows-1252 or with a byte order mark reads the same names', async () => {
    const org = nextOrganisation()
    const text = inOrg(org, [{ employee: '8001', first: 'Zoë', last: 'O’Neil' }])
    const windows1252 = Buffer.from(text.replace('Zoë', 'Zo\u0000').replace('O’Neil', 'O\u0001Neil'), 'latin1')
    windows1252[windows1252.indexOf(0)] = 0xeb
    windows1252[windows1252.indexOf(1)] = 0x92
    await importList(windows1252)
    expect((await personByEmployee('8001', org)).name).toBe('Zoë O’Neil')
    const again = await importList(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))
    expect(again.totals).toMatchObject({ unchanged: 1, changed: 0 })
  })

  test('a missing column stops the run with one message naming it; bad rows are listed by line and field and the rest applied', async () => {
    const org = nextOrganisation()
    const missing = await runStaffImport({
      open: openFile(inOrg(org, [{ employee: '9001' }]).replace('Assignment Number', 'Assignment No')),
      actor: { id: null, name: 'Test import' },
      dryRun: false,
    })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.problem.message).toContain('Assignment Number')

    const outcome = await importList(
      inOrg(org, [
        { employee: '9001' },
        { employee: '9002', email: 'not an email' },
        { employee: '9003', start: '31/02/2024' },
        { employee: '9004', manager: '9999' },
      ]),
    )
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'Work Email Address' }),
        expect.objectContaining({ line: 4, field: 'Assignment Start Date' }),
      ]),
    )
    expect(outcome.warnings).toEqual([expect.objectContaining({ line: 5, field: 'Supervisor Assignment Number' })])
    expect(outcome.totals.new).toBe(2)
    const { users } = schema()
    const created = await db()
      .select({ employeeNumber: users.employeeNumber })
      .from(users)
      .where(and(eq(users.organisationCode, org), isNull(users.suspendedAt)))
    expect(created.map((person) => person.employeeNumber).sort()).toEqual(['9001', '9004'])
  })

  test('units no longer in the list close once nobody is in them, and reopen when they come back', async () => {
    const org = nextOrganisation()
    const [ward, clinic] = [`${org} Ward`, `${org} Clinic`]
    const both = inOrg(org, [
      { employee: '9201', path: ['Surgery', ward] },
      { employee: '9202', path: ['Outpatients', clinic] },
    ])
    await importList(both)
    // Everyone in the clinic moves to the ward: the clinic and its directorate are empty and gone from the list.
    const moved = inOrg(org, [
      { employee: '9201', path: ['Surgery', ward] },
      { employee: '9202', path: ['Surgery', ward] },
    ])
    await importList(moved)
    expect((await unitNamed(clinic)).closedAt).not.toBeNull()
    expect((await unitNamed('Outpatients')).closedAt).not.toBeNull()
    expect((await unitNamed(ward)).closedAt).toBeNull()
    await importList(both)
    expect((await unitNamed(clinic)).closedAt).toBeNull()
    expect((await unitNamed('Outpatients')).closedAt).toBeNull()
  })

  test('an administrator’s team for someone is kept by the next import and reported', async () => {
    const org = nextOrganisation()
    const list = inOrg(org, [
      { employee: '9101', path: ['Dir', `${org} Ward`] },
      { employee: '9102', path: ['Dir', `${org} Clinic`] },
    ])
    await importList(list)
    const person = await personByEmployee('9101', org)
    const clinic = await unitNamed(`${org} Clinic`)
    const { users } = schema()
    await db().update(users).set({ teamOverrideId: clinic.id }).where(eq(users.id, person.id))
    const outcome = await importList(list)
    expect(await currentTeamName('9101', org)).toBe(`${org} Clinic`)
    expect(outcome.changes).toEqual([expect.objectContaining({ kind: 'moved', employeeNumber: '9101' })])
    const again = await importList(list)
    expect(again.changes).toEqual([])
    expect(again.warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('as an administrator set') }),
    ])
  })
})
