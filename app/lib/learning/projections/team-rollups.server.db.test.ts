import { and, eq, sum } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { setMembership } from '#app/lib/org/memberships.server.ts'
import { childUnitsWithHeadcount, managedUnitsWithHeadcount } from '#app/lib/org/units.server.ts'
import { unitHeadline, unitHeatmap } from '#app/lib/reports/readiness-report.server.ts'
import { buildReportFixture } from '#tests/report-fixture.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import { ensureTeamRollups } from './team-rollups.server.ts'

const now = new Date('2026-11-26T12:00:00Z')
const figures = async (unit: Parameters<typeof unitHeadline>[0]['unit']) => {
  const headline = await unitHeadline({ unit, now })
  return { people: headline.people, ready: headline.readyInEveryDomain.ready, assessed: headline.selfAssessed.ready }
}

describe('team rollups', () => {
  test('someone changing team or role moves them in both teams’ figures, and in no others', async () => {
    const f = await buildReportFixture({ now })
    const [, a2, a3] = f.a
    expect(await figures(await unitSeenBy(f.admin, f.teamA))).toEqual({ people: 6, ready: 2, assessed: 1 })
    expect(await figures(await unitSeenBy(f.admin, f.teamB))).toEqual({ people: 3, ready: 0, assessed: 0 })

    // A2 (ready everywhere) and A3 (has self-assessed) move to team B.
    await setMembership({ userId: a2?.id ?? '', teamId: f.teamB.id, roleProfile: 'estates-support', at: now })
    await setMembership({ userId: a3?.id ?? '', teamId: f.teamB.id, roleProfile: 'estates-support', at: now })
    expect(await figures(await unitSeenBy(f.admin, f.teamA))).toEqual({ people: 4, ready: 1, assessed: 0 })
    expect(await figures(await unitSeenBy(f.admin, f.teamB))).toEqual({ people: 5, ready: 1, assessed: 1 })
    expect(await figures(await unitSeenBy(f.admin, f.directorate1))).toEqual({ people: 9, ready: 2, assessed: 1 })
    // The unit picker and a manager's list of units count from the same rollups.
    const picker = await childUnitsWithHeadcount({
      unit: await unitSeenBy(f.directorateManager, f.directorate1),
    })
    expect(picker.map((unit) => [unit.id, unit.people])).toEqual(
      expect.arrayContaining([
        [f.teamA.id, 4],
        [f.teamB.id, 5],
      ]),
    )
    expect(await managedUnitsWithHeadcount({ viewer: f.directorateManager })).toEqual([
      expect.objectContaining({ id: f.directorate1.id, people: 9 }),
    ])

    // As a clinician A2 needs level 2 in most domains: no longer ready.
    await setMembership({ userId: a2?.id ?? '', teamId: f.teamB.id, roleProfile: 'clinical', at: now })
    expect(await figures(await unitSeenBy(f.admin, f.teamB))).toEqual({ people: 5, ready: 0, assessed: 1 })
  })

  test('when the role targets change, the rollups are recomputed with the new ones before anyone reads them', async () => {
    const f = await buildReportFixture({ now })
    const content = frameworkForContent()
    const teamCSafe = async () => {
      const { teamReadiness } = schema()
      const [row] = await db()
        .select({ ready: sum(teamReadiness.ready) })
        .from(teamReadiness)
        .where(and(eq(teamReadiness.teamId, f.teamC.id), eq(teamReadiness.domainId, 'SAFE')))
      return Number(row?.ready ?? 0)
    }
    // C1 has level 1 in SAFE; clinical staff need level 2.
    expect(await teamCSafe()).toBe(0)
    const easier = {
      ...content,
      roleProfiles: content.roleProfiles.map((p) =>
        p.id === 'clinical' ? { ...p, targets: { ...p.targets, SAFE: 1 as const } } : p,
      ),
    }
    expect(await ensureTeamRollups({ framework: easier })).toEqual({ rebuilt: true })
    expect(await ensureTeamRollups({ framework: easier })).toEqual({ rebuilt: false })
    expect(await teamCSafe()).toBe(1)

    // The reports measure against the content's targets: reading them puts those back first.
    const rows = await unitHeatmap({ unit: await unitSeenBy(f.admin, f.directorate2), now })
    expect(rows[0]?.cells.find((cell) => cell.domainId === 'SAFE')?.figure.ready).toBe(0)
    expect(await teamCSafe()).toBe(0)
    expect(await ensureTeamRollups()).toEqual({ rebuilt: false })
  })
})
