import { describe, expect, test } from 'vitest'
import { findModule } from '#app/lib/content/catalogue.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { saveDomainRatings } from '#app/lib/learning/self-assessment.server.ts'
import { appAuthority } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { createModuleStatement } from '#tests/statements.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import RecordPage, { loader } from './record.tsx'
import { DAY_MS } from '#app/lib/dates/dates.ts'

/** A pass of a module as the app's server issues it (so it counts as evidence), at a given time and content version. */
async function pass(
  user: { id: string; name: string },
  slug: string,
  { at, scaled, version }: { at: Date; scaled: number; version: string },
) {
  await storeStatements({
    statements: [createModuleStatement({ userId: user.id, slug, verb: 'passed', scaled, at, contentVersion: version })],
    authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
    version: '1.0.3',
  })
}

/** The page as the server renders it for this request: the route's own loader and component in a router. */
async function renderPage(request: Request) {
  return readableText(await renderRoute({ pattern: '/record', loader, Component: RecordPage }, request))
}

describe('the record of learning', () => {
  test('a learner with evidence and completions sees them, expired evidence marked, and their self-ratings apart as their own view', async () => {
    const team = await createTeam()
    const user = await createUser({ team, roleProfile: 'clinical' })
    const now = Date.now()
    // Phishing (SAFE.1, refreshed every 12 months) passed over two years ago: expired. The champion module
    // (LEARN.1 at level 1, LEARN.2 at level 2) never expires.
    await pass(user, 'spotting-phishing', { at: new Date(now - 800 * DAY_MS), scaled: 0.75, version: 'abc1234def5678' })
    const champion = findModule({ slug: 'becoming-a-digital-champion', includeDrafts: true })
    if (!champion) throw new Error('module missing')
    // The champion module passed in the version online now; phishing in a version since replaced.
    await pass(user, 'becoming-a-digital-champion', {
      at: new Date(now - 10 * DAY_MS),
      scaled: 0.9,
      version: champion.version,
    })
    await saveDomainRatings({
      user,
      ratings: [
        { competencyId: 'SAFE.1', current: 3, target: 4 },
        { competencyId: 'SAFE.2', current: 0, target: null },
      ],
    })

    const { record } = await loader({
      request: await signedInRequest(user.id, '/record'),
      params: {},
      context: loadContext,
    })
    expect(record.person).toMatchObject({ id: user.id, name: user.name, teamName: team.name, roleProfile: 'Clinical' })
    expect(
      record.evidence.map(({ competencyId, level, moduleSlug, expired }) => ({
        competencyId,
        level,
        moduleSlug,
        expired,
      })),
    ).toEqual([
      { competencyId: 'SAFE.1', level: 1, moduleSlug: 'spotting-phishing', expired: true },
      { competencyId: 'LEARN.1', level: 1, moduleSlug: 'becoming-a-digital-champion', expired: false },
      { competencyId: 'LEARN.2', level: 2, moduleSlug: 'becoming-a-digital-champion', expired: false },
    ])
    expect(record.completed.map(({ slug, percent, version }) => ({ slug, percent, version }))).toEqual([
      { slug: 'becoming-a-digital-champion', percent: 90, version: champion.version },
      { slug: 'spotting-phishing', percent: 75, version: 'abc1234def5678' },
    ])
    // Self-ratings sit beside the evidence and never raise it: SAFE.1 is rated 3 but its only evidence has expired.
    expect(record.selfRatings).toMatchObject([
      { competencyId: 'SAFE.1', current: 3, currentName: 'Proficient', target: 4, evidencedLevel: 0 },
      { competencyId: 'SAFE.2', current: 0, currentName: 'Not yet', target: null, evidencedLevel: 0 },
    ])
    expect(record.readiness.find((d) => d.domainId === 'SAFE')).toMatchObject({ level: 0, ready: false })

    const text = await renderPage(await signedInRequest(user.id, '/record'))
    expect(text).toContain('Record of learning')
    expect(text).toContain(`Name ${user.name}`)
    expect(text).toContain(`Team ${team.name}`)
    expect(text).toContain('Role profile Clinical')
    expect(text).toMatch(/Produced on \d{1,2} \w+ \d{4}/)
    expect(text).toContain(
      'Digital identity, wellbeing, safety and security Not yet evidenced Independent Not yet ready (2 levels to go)',
    )
    expect(text).toContain(
      'Recognises phishing and uses multi-factor authentication Foundation Spotting and reporting phishing',
    )
    expect(text).toMatch(/Spotting and reporting phishing \d{1,2} \w+ \d{4} Expired on \d{1,2} \w+ \d{4}/)
    expect(text).toMatch(
      /Supports colleagues' digital skills Independent Becoming a digital champion \d{1,2} \w+ \d{4} Does not expire/,
    )
    // Versions as dates, never as hashes: the content's "updated" date, or that it has changed since.
    expect(text).toMatch(/Becoming a digital champion \d{1,2} \w+ \d{4} 90% Updated \d{1,2} \w+ 20\d\d/)
    expect(text).toMatch(/Spotting and reporting phishing \d{1,2} \w+ \d{4} 75% An earlier version/)
    expect(text).not.toMatch(/abc1234|[0-9a-f]{7}/)
    // Spoken to as "you" on their own record, with no competency codes.
    expect(text).toContain('Self-assessment: your view, not evidence')
    expect(text).toContain('Your ratings are not evidence and do not count towards readiness')
    expect(text).toContain('You are ready in a domain when that level meets the target for your role')
    expect(text).not.toMatch(/The learner|Own view|\b(SAFE|LEARN)\.\d/)
    expect(text).toContain('Proficient Leading Not yet evidenced')
    expect(text).not.toContain('Nothing is recorded yet')
  })

  test('a learner with nothing recorded sees a helpful empty state, and nobody else’s learning', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'administrative' })
    const text = await renderPage(await signedInRequest(user.id, '/record'))
    expect(text).toContain('Role profile Administrative and clerical')
    expect(text).toContain('Nothing is recorded yet. When you pass a module')
    expect(text).toContain('Browse modules to start, or rate your own digital skills')
    expect(text).toContain('No evidence held yet')
    expect(text).toContain('No modules or courses completed yet')
    expect(text).toContain('No self-assessment recorded')
    expect(text).not.toContain('Spotting and reporting phishing')
    // Six domains, each short of its target.
    expect(text.match(/Not yet ready/g)).toHaveLength(6)
  })

  test('a signed-out visitor is sent to sign in and brought back to the record', async () => {
    const answer = await loader({
      request: new Request('http://localhost/record'),
      params: {},
      context: loadContext,
    }).catch((thrown: unknown) => thrown)
    if (!(answer instanceof Response)) throw new Error('expected a redirect')
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/login?redirectTo=%2Frecord')
    expect(answer.headers.get('Set-Cookie')).toBeNull()
  })

  test('someone whose session has ended is told so on the sign-in page, and the dead cookie is cleared', async () => {
    const answer = await loader({
      request: new Request('http://localhost/record', {
        headers: { Cookie: 'session=abcdefghijklmnopqrstuvwxyz234567' },
      }),
      params: {},
      context: loadContext,
    }).catch((thrown: unknown) => thrown)
    if (!(answer instanceof Response)) throw new Error('expected a redirect')
    expect(answer.headers.get('Location')).toBe('/login?redirectTo=%2Frecord&ended=1')
    expect(answer.headers.get('Set-Cookie')).toMatch(/^session=;.*Max-Age=0/)
  })
})
