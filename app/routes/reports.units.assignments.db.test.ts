import { describe, expect, test } from 'vitest'
import { OVERDUE_COLUMNS } from '#app/lib/assignments/assignment-options.ts'
import { createAssignment } from '#app/lib/assignments/assignments.server.ts'
import { DAY_MS, formatDate, isoDay } from '#app/lib/dates/dates.ts'
import { datePartsOf } from '#app/lib/forms/date-field.ts'
import { parseCsv } from '#app/lib/reports/csv.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { recordPasses } from '#tests/report-fixture.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import HomePage, { loader as homeLoader } from './_index.tsx'
import AssignPage, { action as assignAction, loader as assignLoader } from './reports.units.$unitId.assign.tsx'
import OverduePage, { loader as overdueLoader } from './reports.units.$unitId.overdue.tsx'
import { loader as csvLoader } from './reports.units.$unitId.overdue[.]csv.ts'

const FIXING = 'fixing-everyday-it-problems'
const PHISHING = 'spotting-phishing'
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS)

/** The body rows of the page's table, each as its cells' text. */
function tableRows(html: string): string[][] {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? ''
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => readableText(cell[1] ?? '')),
  )
}

async function post(userId: string, unitId: string, fields: Record<string, string>) {
  return assignAction({
    request: await signedInRequest(userId, `/reports/units/${unitId}/assign`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    }),
    params: { unitId },
    context: loadContext,
  })
}

/** A YYYY-MM-DD due date as typed into the form's day, month and year boxes. */
function dueDateBoxes(isoDate: string) {
  const { day, month, year } = datePartsOf(isoDate)
  return { 'dueDate-day': day, 'dueDate-month': month, 'dueDate-year': year }
}

async function organisation() {
  const { directorate } = await createOrg()
  const team = await createTeam({ under: directorate })
  const otherTeam = await createTeam({ under: directorate })
  const manager = await createUser({ manages: [team] })
  const otherManager = await createUser({ manages: [otherTeam] })
  const learner = await createUser({ team, roleProfile: 'estates-support' })
  const colleague = await createUser({ team, roleProfile: 'estates-support' })
  return { directorate, team, otherTeam, manager, otherManager, learner, colleague }
}

describe('who may open the assignment and overdue reports', () => {
  test('learners get 403 on every page and CSV; a unit outside the manager’s scope is 404; their own team is 200', async () => {
    const { directorate, team, manager, otherManager, learner } = await organisation()
    const admin = await createUser({ isAdmin: true })
    const get = async (userId: string, unitId: string, page: 'assign' | 'overdue' | 'overdue.csv') => {
      const request = await signedInRequest(userId, `/reports/units/${unitId}/${page}`)
      const args = { request, params: { unitId }, context: loadContext }
      return statusOf(
        page === 'assign' ? assignLoader(args) : page === 'overdue' ? overdueLoader(args) : csvLoader(args),
      )
    }
    for (const page of ['assign', 'overdue', 'overdue.csv'] as const) {
      expect(await get(learner.id, team.id, page), `learner, ${page}`).toBe(403)
      expect(await get(otherManager.id, team.id, page), `another team's manager, ${page}`).toBe(404)
      expect(await get(manager.id, directorate.id, page), `the unit above the manager's team, ${page}`).toBe(404)
      expect(await get(manager.id, 'no-such-unit', page), `an unknown unit, ${page}`).toBe(404)
      expect(await get(manager.id, team.id, page), `the team's manager, ${page}`).toBe(200)
      expect(await get(admin.id, directorate.id, page), `an administrator, ${page}`).toBe(200)
    }
    const assign = { what: FIXING, who: 'unit', dueDate: isoDay(new Date()) }
    expect(await statusOf(post(learner.id, team.id, assign))).toBe(403)
    expect(await statusOf(post(otherManager.id, team.id, assign))).toBe(404)
  })
})

describe('the assign page', () => {
  test('offers modules, the team and its people; assigns; lists what is assigned; cancels', async () => {
    const { team, manager, otherManager, learner, colleague } = await organisation()
    const data = await assignLoader({
      request: await signedInRequest(manager.id, `/reports/units/${team.id}/assign`),
      params: { unitId: team.id },
      context: loadContext,
    })
    expect(data.modules.find((module) => module.slug === PHISHING)).toEqual({
      slug: PHISHING,
      title: 'Spotting and reporting phishing',
      refreshMonths: 12,
      kind: 'module',
    })
    expect(data.modules.find((module) => module.slug === FIXING)).toMatchObject({ refreshMonths: null })
    // Estates staff are not the audience of the NHS App module.
    expect(data.modules.some((module) => module.slug === 'helping-patients-use-the-nhs-app')).toBe(false)
    expect(data.people).toBe(2)
    expect(data.choices?.map((person) => person.id).sort()).toEqual([learner.id, colleague.id].sort())
    expect(data.suggestedDueDate).toBe(isoDay(new Date(Date.now() + 28 * DAY_MS)))
    expect(data.current.assignments).toEqual([])

    const invalid = await post(manager.id, team.id, {
      intent: 'check',
      what: '',
      who: 'person',
      ...dueDateBoxes('2020-01-01'),
    })
    if (!('data' in invalid)) throw new Error('expected errors')
    expect(invalid.init?.status).toBe(400)
    expect(invalid.data.errors).toEqual({
      what: 'Choose what to assign',
      personId: 'Choose the person the work is for',
      dueDate: 'Due date must be today or in the future',
    })
    expect(invalid.data.values).toEqual({
      what: '',
      who: 'person',
      personId: '',
      dueDate: { day: '1', month: '1', year: '2020' },
      recurs: false,
    })

    const dueDate = isoDay(new Date(Date.now() + 7 * DAY_MS))
    const answers = { what: PHISHING, who: 'unit', ...dueDateBoxes(dueDate), recurs: 'yes' }
    // Continue shows what, who (with how many people) and when, and stores nothing.
    const checked = await post(manager.id, team.id, { intent: 'check', ...answers })
    if (!('data' in checked)) throw new Error('expected the check step')
    expect(checked.data.review).toMatchObject({
      what: 'Spotting and reporting phishing',
      who: `Everyone in ${team.name}`,
      people: 2,
      joinersIncluded: true,
      dueDate,
      recurs: true,
    })
    const beforeConfirm = await assignLoader({
      request: await signedInRequest(manager.id, `/reports/units/${team.id}/assign`),
      params: { unitId: team.id },
      context: loadContext,
    })
    expect(beforeConfirm.current.assignments).toEqual([])
    const onePerson = await post(manager.id, team.id, {
      intent: 'check',
      what: FIXING,
      who: 'person',
      personId: learner.id,
      ...dueDateBoxes(dueDate),
      recurs: 'yes',
    })
    if (!('data' in onePerson)) throw new Error('expected the check step')
    // A module whose evidence does not expire never repeats, whatever was ticked.
    expect(onePerson.data.review).toMatchObject({ who: learner.name, people: 1, joinersIncluded: false, recurs: null })

    // "Change" opens the form again with the answers kept.
    const changeRequest = await signedInRequest(
      manager.id,
      `/reports/units/${team.id}/assign?${new URLSearchParams(answers).toString()}`,
    )
    const changing = await assignLoader({ request: changeRequest, params: { unitId: team.id }, context: loadContext })
    expect(changing.prefill).toEqual({
      what: PHISHING,
      who: 'unit',
      personId: '',
      dueDate: datePartsOf(dueDate),
      recurs: true,
    })

    const created = await post(manager.id, team.id, { intent: 'confirm', ...answers })
    if ('data' in created) throw new Error(`expected a redirect: ${JSON.stringify(created.data)}`)
    expect(created.status).toBe(302)
    expect(created.headers.get('Location')).toBe(`/reports/units/${team.id}?assigned=1`)
    await post(manager.id, team.id, {
      intent: 'confirm',
      what: 'role-targets',
      who: 'person',
      personId: learner.id,
      ...dueDateBoxes(dueDate),
    })

    const request = await signedInRequest(manager.id, `/reports/units/${team.id}/assign`)
    const after = await assignLoader({ request, params: { unitId: team.id }, context: loadContext })
    expect(
      after.current.assignments
        .map(({ what, who, dueDate, recurs, assignedBy }) => ({ what, who, dueDate, recurs, assignedBy }))
        .sort((a, b) => a.what.localeCompare(b.what)),
    ).toEqual([
      {
        what: 'Everything their role targets need',
        who: learner.name,
        dueDate,
        recurs: false,
        assignedBy: manager.name,
      },
      {
        what: 'Spotting and reporting phishing',
        who: `Everyone in ${team.name}`,
        dueDate,
        recurs: true,
        assignedBy: manager.name,
      },
    ])

    const html = readableText(
      await renderRoute(
        {
          pattern: '/reports/units/:unitId/assign',
          loader: assignLoader,
          Component: AssignPage,
        },
        request,
      ),
    )
    expect(html).toContain(`Assign learning`)
    expect(html).toContain(`Everyone in ${team.name} (2 people)`)
    expect(html).toContain('Spotting and reporting phishing (renew every 12 months)')
    expect(html).toContain(
      `Spotting and reporting phishing Everyone in ${team.name} ${formatDate(dueDate)} Yes, when evidence expires ${
        manager.name
      } Cancel`,
    )

    const [first] = after.current.assignments
    if (!first) throw new Error('expected an assignment')
    expect(await statusOf(post(otherManager.id, team.id, { intent: 'cancel', assignmentId: first.id }))).toBe(404)
    expect(await statusOf(post(manager.id, team.id, { intent: 'cancel', assignmentId: 'no-such-assignment' }))).toBe(
      404,
    )
    const cancelled = await post(manager.id, team.id, { intent: 'cancel', assignmentId: first.id })
    if ('data' in cancelled) throw new Error('expected a redirect')
    expect(cancelled.headers.get('Location')).toBe(`/reports/units/${team.id}/assign?cancelled=1`)
    const remaining = await assignLoader({ request, params: { unitId: team.id }, context: loadContext })
    expect(remaining.current.assignments.map((assignment) => assignment.id)).not.toContain(first.id)
    expect(remaining.current.assignments).toHaveLength(1)
    const confirmation = await renderRoute(
      {
        pattern: '/reports/units/:unitId/assign',
        loader: assignLoader,
        Component: AssignPage,
      },
      await signedInRequest(manager.id, `/reports/units/${team.id}/assign?cancelled=1`),
    )
    expect(readableText(confirmation)).toContain('The assignment was cancelled.')
  })
})

describe('the overdue page and its CSV', () => {
  test('list the same rows; the CSV is an attachment with a header row', async () => {
    const { directorate, team, otherTeam, learner, colleague } = await organisation()
    const directorateManager = await createUser({ manages: [directorate] })
    const elsewhere = await createUser({ team: otherTeam, roleProfile: 'clinical' })
    // Assigned a month ago, due ten days ago (and so overdue now) unless done.
    const past = daysAgo(30)
    const assign = async (unitId: string, input: Record<string, string>) => {
      const result = await createAssignment({ viewer: directorateManager, unitId, input, now: past })
      if (!result.ok) throw new Error(JSON.stringify(result.errors))
    }
    await assign(directorate.id, { what: FIXING, who: 'unit', dueDate: isoDay(daysAgo(10)) })
    await assign(directorate.id, {
      what: 'role-targets',
      who: 'person',
      personId: elsewhere.id,
      dueDate: isoDay(daysAgo(5)),
    })
    await assign(team.id, {
      what: PHISHING,
      who: 'person',
      personId: learner.id,
      dueDate: isoDay(daysAgo(2)),
      recurs: 'yes',
    })
    await recordPasses([{ userId: colleague.id, slug: FIXING, at: daysAgo(1) }])

    const path = `/reports/units/${directorate.id}/overdue`
    const request = await signedInRequest(directorateManager.id, path)
    const html = await renderRoute(
      { pattern: '/reports/units/:unitId/overdue', loader: overdueLoader, Component: OverduePage },
      request,
    )
    const pageRows = tableRows(html)
    expect(readableText(html)).toContain('4 overdue assignments for 2 people')
    expect(pageRows).toHaveLength(4)
    expect(pageRows).toEqual(
      expect.arrayContaining([
        [learner.name, team.name, 'Fixing everyday IT problems', formatDate(isoDay(daysAgo(10))), '10'],
        [learner.name, team.name, 'Spotting and reporting phishing', formatDate(isoDay(daysAgo(2))), '2'],
        [
          elsewhere.name,
          otherTeam.name,
          'Everything their role targets need (6 domains short)',
          formatDate(isoDay(daysAgo(5))),
          '5',
        ],
      ]),
    )
    expect(pageRows.some((row) => row[0] === colleague.name)).toBe(false)
    expect(html).toContain(`href="/reports/units/${directorate.id}/overdue.csv"`)

    const response = await csvLoader({
      request: await signedInRequest(directorateManager.id, `${path}.csv`),
      params: { unitId: directorate.id },
      context: loadContext,
    })
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="overdue-work-directorate-\d+-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const [header, ...csvRows] = parseCsv(await response.text())
    expect(header).toEqual([...OVERDUE_COLUMNS])
    expect(
      csvRows.map(([person, team, what, dueDate, days]) => [person, team, what, formatDate(dueDate ?? ''), days]),
    ).toEqual(pageRows)

    // A team's own manager sees only their team's rows.
    const teamRows = await overdueLoader({
      request: await signedInRequest(directorateManager.id, `/reports/units/${team.id}/overdue`),
      params: { unitId: team.id },
      context: loadContext,
    })
    expect(teamRows.rows.map((row) => row.cells[0])).toEqual([learner.name, learner.name])
  })

  test('with nothing overdue the page says so', async () => {
    const { team, manager } = await organisation()
    const path = `/reports/units/${team.id}/overdue`
    const html = await renderRoute(
      { pattern: '/reports/units/:unitId/overdue', loader: overdueLoader, Component: OverduePage },
      await signedInRequest(manager.id, path),
    )
    expect(readableText(html)).toContain(`Nobody in ${team.name} has overdue work.`)
    expect(html).not.toContain('<table')
    const response = await csvLoader({
      request: await signedInRequest(manager.id, `${path}.csv`),
      params: { unitId: team.id },
      context: loadContext,
    })
    expect(parseCsv(await response.text())).toEqual([[...OVERDUE_COLUMNS]])
  })
})

describe("the learner's home", () => {
  test('shows work still to do above the readiness summary, overdue in words; nothing when there is none', async () => {
    const { team, manager, learner, colleague } = await organisation()
    const result = await createAssignment({
      viewer: manager,
      unitId: team.id,
      input: { what: FIXING, who: 'person', personId: learner.id, dueDate: isoDay(daysAgo(3)) },
      now: daysAgo(10),
    })
    expect(result.ok).toBe(true)
    const request = await signedInRequest(learner.id, '/')
    const data = await homeLoader({ request, params: {}, context: loadContext })
    expect(data.assigned).toMatchObject([
      { title: 'Fixing everyday IT problems', status: 'overdue', moduleSlug: FIXING },
    ])
    const html = readableText(await renderRoute({ pattern: '/', loader: homeLoader, Component: HomePage }, request))
    expect(html).toContain(
      `Assigned to you Overdue Fixing everyday IT problems Overdue: it was due on ${formatDate(isoDay(daysAgo(3)))}.`,
    )
    expect(html.indexOf('Assigned to you')).toBeLessThan(html.indexOf('Your readiness for your role'))

    const nothing = readableText(
      await renderRoute(
        { pattern: '/', loader: homeLoader, Component: HomePage },
        await signedInRequest(colleague.id, '/'),
      ),
    )
    expect(nothing).not.toContain('Assigned to you')
    expect(nothing).not.toContain('You are not in a team yet')
  })

  test('someone in no team is told that their targets are those for clinical staff until they are placed', async () => {
    const unplaced = await createUser()
    const html = readableText(
      await renderRoute(
        { pattern: '/', loader: homeLoader, Component: HomePage },
        await signedInRequest(unplaced.id, '/'),
      ),
    )
    expect(html).toContain('You are not in a team yet, so the platform does not know your role.')
  })
})
