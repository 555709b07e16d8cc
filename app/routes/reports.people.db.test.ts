import { describe, expect, test } from 'vitest'
import { createAssignment } from '#app/lib/assignments/assignments.server.ts'
import { DAY_MS, formatDate, isoDay } from '#app/lib/dates/dates.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { signedInRequest } from '#tests/requests.ts'
import AssignPage, { loader as assignLoader } from './reports.units.$unitId.assign.tsx'
import PersonRecordPage, { loader as personLoader } from './reports.people.$personId.tsx'

const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS)

describe("a person's record, as their manager sees it", () => {
  test('lists what is assigned to them with its status, and leads to assigning them more with them already chosen', async () => {
    const { directorate } = await createOrg()
    const team = await createTeam({ under: directorate })
    const manager = await createUser({ manages: [team] })
    const learner = await createUser({ team, roleProfile: 'clinical' })
    await createUser({ team, roleProfile: 'clinical' })
    const assign = async (input: Record<string, string>, now = new Date()) => {
      const made = await createAssignment({ viewer: manager, unitId: team.id, input, now })
      if (!made.ok) throw new Error(JSON.stringify(made.errors))
    }
    const overdueBy = isoDay(daysFromNow(-3))
    const dueBy = isoDay(daysFromNow(14))
    await assign(
      { what: 'fixing-everyday-it-problems', who: 'person', personId: learner.id, dueDate: overdueBy },
      daysFromNow(-10),
    )
    await assign({ what: 'spotting-phishing', who: 'unit', dueDate: dueBy })

    const path = `/reports/people/${learner.id}`
    const html = await renderRoute(
      { pattern: '/reports/people/:personId', loader: personLoader, Component: PersonRecordPage },
      await signedInRequest(manager.id, path),
    )
    const text = readableText(html)
    expect(text).toContain('Assigned learning')
    expect(text).toContain(`Fixing everyday IT problems ${formatDate(overdueBy)} Overdue`)
    expect(text).toContain(`Spotting and reporting phishing ${formatDate(dueBy)} To do`)
    const assignHref = `/reports/units/${team.id}/assign?who=person&amp;personId=${learner.id}`
    expect(html).toContain(`href="${assignHref}"`)
    expect(text).toContain(`Assign learning to ${learner.name}`)

    // The assign form opens with "One person" and this person chosen.
    const form = await renderRoute(
      { pattern: '/reports/units/:unitId/assign', loader: assignLoader, Component: AssignPage },
      await signedInRequest(manager.id, assignHref.replace('&amp;', '&')),
    )
    const radios = [...form.matchAll(/<input[^>]*name="who"[^>]*>/g)].map(([input]) => input)
    expect(radios.filter((input) => input.includes('checked=""'))).toEqual([expect.stringContaining('value="person"')])
    expect(form).toMatch(new RegExp(`<option value="${learner.id}" selected="">`))
  })
})
