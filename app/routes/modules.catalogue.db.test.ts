import { describe, expect, test } from 'vitest'
import { createAssignment } from '#app/lib/assignments/assignments.server.ts'
import { DAY_MS, formatDate, isoDay } from '#app/lib/dates/dates.ts'
import { createTeam, createUser, passSpottingPhishing } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import CataloguePage, { loader as catalogueLoader } from './modules._index.tsx'
import OverviewPage, { loader as overviewLoader } from './modules.$slug._index.tsx'
import { loader as sectionLoader } from './modules.$slug.sections.$number.tsx'

// The catalogue and a module's page as one learner sees them: their own status on each module.

const PHISHING = 'spotting-phishing'
const FIXING = 'fixing-everyday-it-problems'

async function catalogue(userId: string, query = '') {
  const request = await signedInRequest(userId, `/modules${query}`)
  return readableText(
    await renderRoute({ pattern: '/modules', loader: catalogueLoader, Component: CataloguePage }, request),
  )
}

async function overview(userId: string, slug: string) {
  const request = await signedInRequest(userId, `/modules/${slug}`)
  return readableText(
    await renderRoute({ pattern: '/modules/:slug', loader: overviewLoader, Component: OverviewPage }, request),
  )
}

describe('the module catalogue', () => {
  test('tags each module with the learner’s status and offers three views, for-your-role first', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const learner = await createUser({ team, roleProfile: 'clinical' })
    const due = new Date(Date.now() + 14 * DAY_MS)
    const assigned = await createAssignment({
      viewer: manager,
      unitId: team.id,
      input: { what: FIXING, who: 'person', personId: learner.id, dueDate: isoDay(due) },
    })
    expect(assigned.ok).toBe(true)
    await passSpottingPhishing(learner)

    const text = await catalogue(learner.id)
    expect(text).toContain('For your role (')
    expect(text).toMatch(/For your role Clinical \d+ modules/)
    expect(text).toContain('Passed Spotting and reporting phishing')
    expect(text).toContain(`Assigned, due ${formatDate(isoDay(due))} Fixing everyday IT problems`)
    expect(text).toMatch(/Not started [A-Z]/)
    expect(text).not.toMatch(/\b(SAFE|TECH|COMM|DATA|LEARN|INNOV)\.\d/)

    const assignedView = await catalogue(learner.id, '?view=assigned')
    expect(assignedView).toContain('Assigned to you 1 module')
    expect(assignedView).toContain('Fixing everyday IT problems')
    expect(assignedView).not.toContain('Spotting and reporting phishing')

    const searched = await catalogue(learner.id, '?view=all&q=phishing')
    expect(searched).toMatch(/\d+ of \d+ modules match/)
    expect(searched).toContain('Spotting and reporting phishing')
    expect(searched).not.toContain('Fixing everyday IT problems')
  })

  test('each view says so when it is empty; someone with no role sees all modules first', async () => {
    const learner = await createUser()
    const text = await catalogue(learner.id)
    expect(text).not.toContain('For your role')
    expect(text).toMatch(/All modules \d+ modules/)
    expect(await catalogue(learner.id, '?view=assigned')).toContain('Nothing is assigned to you at the moment.')
    expect(await catalogue(learner.id, '?view=all&q=zzzz')).toContain(
      'No modules match. Try fewer filters or a different search.',
    )
  })
})

describe("a passed module's page", () => {
  test('offers a review and taking it again, never "Continue", even with a page of it open', async () => {
    const learner = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    await passSpottingPhishing(learner)
    // Looking back at page 2 after passing leaves a bookmark there.
    await sectionLoader({
      request: await signedInRequest(learner.id, `/modules/${PHISHING}/sections/2`),
      params: { slug: PHISHING, number: '2' },
      context: loadContext,
    })
    const text = await overview(learner.id, PHISHING)
    expect(text).toContain(`You passed this module on ${formatDate(new Date())}`)
    expect(text).toContain('Review the module')
    expect(text).toContain('Take it again')
    expect(text).not.toContain('Continue from page')
    expect(text).toContain(
      'Counts towards Recognises phishing and uses multi-factor authentication, at Foundation level',
    )
    expect(text).toMatch(/Last updated \d{1,2} [A-Z][a-z]+ \d{4}\./)
    expect(await catalogue(learner.id)).not.toContain('Continue')
  })
})
