import { randomUUID } from 'node:crypto'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { selfRatingStatement } from '#app/lib/learning/projections/self-rating.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { createOrg, createTeam, createUser } from './factories.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { createModuleStatement } from './statements.ts'

// A small organisation whose report figures can be worked out by hand (see report tests):
//
//   organisation
//   ├── directorate 1
//   │   ├── Team A: 6 estates-support staff (targets: level 1 everywhere)
//   │   │     A1 passed the safety essentials 360 days ago (expires in ~5 days) and the other five foundations 20 days ago
//   │   │     A2 passed all six foundations 20 days ago;  A3, A4 passed the safety essentials 20 days ago
//   │   │     A5 passed the safety essentials 410 days ago (expired ~45 days ago);  A6 nothing
//   │   │     A3 has rated themselves (self-assessment)
//   │   └── Team B: 3 estates-support staff; B1 passed the safety essentials 20 days ago
//   └── directorate 2
//       └── Team C: 5 clinical staff (target: level 2 in SAFE); C1 passed the safety essentials 20 days ago
//
// Safety essentials = SAFE.1, SAFE.2 (12-month refresh) and SAFE.3 at level 1. The six foundations
// (one per domain) give level 1 in every domain.

type Json = Record<string, unknown>
export const SAFETY = 'digital-safety-essentials'
export const FOUNDATIONS = [
  SAFETY,
  'communicating-digitally-essentials',
  'technology-essentials',
  'data-and-information-essentials',
  'learning-digital-skills-at-work',
  'small-digital-improvements',
]

export async function recordPasses(passes: { userId: string; slug: string; at: Date }[]) {
  await storeStatements({
    // A passed knowledge check, as the app records it.
    statements: passes.map(({ userId, slug, at }) =>
      createModuleStatement({ userId, slug, verb: 'passed', scaled: 1, at }),
    ),
    authority: appAuthority({ publicUrl }) as unknown as Json,
    version: '2.0.0',
  })
}

export async function buildReportFixture({ now }: { now: Date }) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const { icb, organisation, directorate: directorate1 } = await createOrg()
  const directorate2 = await createOrgUnit({
    code: `dir-2-${randomUUID()}`,
    name: 'Directorate 2',
    kind: 'directorate',
    parentId: organisation.id,
  })
  const teamA = await createTeam({ under: directorate1 })
  const teamB = await createTeam({ under: directorate1 })
  const teamC = await createTeam({ under: directorate2 })
  const staff = async (team: typeof teamA, n: number, roleProfile: 'estates-support' | 'clinical') => {
    const people = []
    for (let i = 0; i < n; i++) people.push(await createUser({ team, roleProfile }))
    return people
  }
  const a = await staff(teamA, 6, 'estates-support')
  const b = await staff(teamB, 3, 'estates-support')
  const c = await staff(teamC, 5, 'clinical')
  const [a1, a2, a3, a4, a5] = a as [(typeof a)[0], (typeof a)[0], (typeof a)[0], (typeof a)[0], (typeof a)[0]]
  const others = FOUNDATIONS.filter((slug) => slug !== SAFETY)
  await recordPasses([
    { userId: a5.id, slug: SAFETY, at: ago(410) },
    { userId: a1.id, slug: SAFETY, at: ago(360) },
    ...others.map((slug) => ({ userId: a1.id, slug, at: ago(20) })),
    ...FOUNDATIONS.map((slug) => ({ userId: a2.id, slug, at: ago(20) })),
    { userId: a3.id, slug: SAFETY, at: ago(20) },
    { userId: a4.id, slug: SAFETY, at: ago(20) },
    { userId: b[0]?.id ?? '', slug: SAFETY, at: ago(20) },
    { userId: c[0]?.id ?? '', slug: SAFETY, at: ago(20) },
  ])
  await storeStatements({
    statements: [
      selfRatingStatement({
        publicUrl,
        activityBase: xapiActivityBase,
        actor: learnerAgent({ publicUrl, user: a3 }),
        competencyId: 'SAFE.1',
        current: 1,
      }),
    ],
    authority: appAuthority({ publicUrl }) as unknown as Json,
    version: '2.0.0',
  })
  const directorateManager = await createUser({ manages: [directorate1] })
  const teamAManager = await createUser({ manages: [teamA] })
  const admin = await createUser({ isAdmin: true })
  return {
    icb,
    organisation,
    directorate1,
    directorate2,
    teamA,
    teamB,
    teamC,
    a,
    b,
    c,
    directorateManager,
    teamAManager,
    /** Sees every unit: for report figures that are not about rights. */
    admin,
  }
}
