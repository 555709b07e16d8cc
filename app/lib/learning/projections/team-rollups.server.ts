import { createHash } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { type TeamMemberPeriods, teamHeadcountOverTime, teamReadiness } from '#app/lib/learning/team-readiness.ts'

// Team rollups (team_readiness, team_headcounts, team_headcount_spans) are derived from memberships and
// their history, readiness_periods and self_ratings, and from the role targets in the framework. They are rewritten team by team whenever one
// of those changes for someone in the team (the projector's flush, setMembership), and in full by
// projections:rebuild or when the role targets are not the ones they were computed with. Reports above
// team level read them (docs/decisions/007-team-rollups.md).

const TEAM_ROLLUPS = 'team-rollups'
/** Raise when the rules below change, so that existing rollups are recomputed. */
const RULES = 2
const TEAMS_PER_PASS = 50

const versions = new WeakMap<Framework, string>()

/** Identifies the rules and role targets the rollups are computed with. */
export function teamRollupsVersion(framework: Framework): string {
  const known = versions.get(framework)
  if (known) return known
  const inputs = {
    rules: RULES,
    domains: framework.domains.map((domain) => domain.id),
    roleProfiles: framework.roleProfiles.map((profile) => ({ id: profile.id, targets: profile.targets })),
  }
  const version = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 32)
  versions.set(framework, version)
  return version
}

async function storedVersion(): Promise<string | null> {
  const { projectionVersions } = schema()
  const [row] = await db()
    .select({ version: projectionVersions.version })
    .from(projectionVersions)
    .where(eq(projectionVersions.name, TEAM_ROLLUPS))
  return row?.version ?? null
}

/** Every team these people have been in: a change to their readiness can change any of those teams' past. */
export async function teamsOf(userIds: string[]): Promise<string[]> {
  const { membershipHistory } = schema()
  const teams = new Set<string>()
  for (const chunk of chunks([...new Set(userIds)], 500)) {
    const rows = await db()
      .selectDistinct({ teamId: membershipHistory.teamId })
      .from(membershipHistory)
      .where(inArray(membershipHistory.userId, chunk))
    for (const row of rows) teams.add(row.teamId)
  }
  return [...teams]
}

/**
 * Rewrites these teams' rollups: readiness and headcount over time from every period anyone spent in the
 * team (so a move or a leaver changes figures only from that day), current headcounts from memberships.
 */
async function writeTeamRollups(teamIds: string[], framework: Framework): Promise<void> {
  const {
    memberships,
    membershipHistory,
    readinessPeriods,
    selfRatings,
    teamReadiness: teamReadinessTable,
    teamHeadcounts,
    teamHeadcountSpans,
  } = schema()
  for (const teams of chunks(teamIds, TEAMS_PER_PASS)) {
    const [periodsInTeams, current] = await Promise.all([
      db()
        .select({
          userId: membershipHistory.userId,
          teamId: membershipHistory.teamId,
          roleProfile: membershipHistory.roleProfile,
          memberFrom: membershipHistory.startedAt,
          memberUntil: membershipHistory.endedAt,
        })
        .from(membershipHistory)
        .where(inArray(membershipHistory.teamId, teams)),
      db()
        .select({ userId: memberships.userId, teamId: memberships.teamId })
        .from(memberships)
        .where(inArray(memberships.teamId, teams)),
    ])
    const readinessOf = new Map<string, TeamMemberPeriods['periods']>()
    const assessed = new Set<string>()
    for (const people of chunks([...new Set(periodsInTeams.map((member) => member.userId))], 1000)) {
      const periods = await db()
        .select({
          userId: readinessPeriods.userId,
          domainId: readinessPeriods.domainId,
          level: readinessPeriods.level,
          readyFrom: readinessPeriods.readyFrom,
          readyUntil: readinessPeriods.readyUntil,
        })
        .from(readinessPeriods)
        .where(inArray(readinessPeriods.userId, people))
      for (const { userId, ...period } of periods) readinessOf.set(userId, [...(readinessOf.get(userId) ?? []), period])
      const rated = await db()
        .selectDistinct({ userId: selfRatings.userId })
        .from(selfRatings)
        .where(inArray(selfRatings.userId, people))
      for (const { userId } of rated) assessed.add(userId)
    }
    const groupByTeam = <T extends { teamId: string }>(rows: T[]) => {
      const byTeam = new Map<string, T[]>()
      for (const row of rows) byTeam.set(row.teamId, [...(byTeam.get(row.teamId) ?? []), row])
      return byTeam
    }
    const periodsOfTeam = groupByTeam(periodsInTeams)
    const membersOfTeam = groupByTeam(current)
    const readinessRows = teams.flatMap((teamId) =>
      teamReadiness({
        framework,
        members: (periodsOfTeam.get(teamId) ?? []).map((member) => ({
          ...member,
          periods: readinessOf.get(member.userId) ?? [],
        })),
      }).map((span) => ({ teamId, ...span })),
    )
    const headcountSpanRows = teams.flatMap((teamId) =>
      teamHeadcountOverTime(periodsOfTeam.get(teamId) ?? []).map((span) => ({ teamId, ...span })),
    )
    const headcountRows = [...membersOfTeam].map(([teamId, team]) => ({
      teamId,
      people: team.length,
      selfAssessed: team.filter((member) => assessed.has(member.userId)).length,
    }))
    await db().delete(teamReadinessTable).where(inArray(teamReadinessTable.teamId, teams))
    await db().delete(teamHeadcounts).where(inArray(teamHeadcounts.teamId, teams))
    await db().delete(teamHeadcountSpans).where(inArray(teamHeadcountSpans.teamId, teams))
    for (const rows of chunks(readinessRows, 500)) await db().insert(teamReadinessTable).values(rows)
    for (const rows of chunks(headcountRows, 500)) await db().insert(teamHeadcounts).values(rows)
    for (const rows of chunks(headcountSpanRows, 500)) await db().insert(teamHeadcountSpans).values(rows)
  }
}

/** Recomputes every team's rollups (in one transaction) and records the role targets they were computed with. */
export async function rebuildTeamRollups({
  framework = frameworkForContent(),
  onProgress,
}: { framework?: Framework; onProgress?: (done: number, total: number) => void } = {}): Promise<{ teams: number }> {
  const {
    orgUnits,
    projectionVersions,
    teamReadiness: teamReadinessTable,
    teamHeadcounts,
    teamHeadcountSpans,
  } = schema()
  return transaction(async (tx) => {
    await lockStatementWrites(tx)
    const teams = (await db().select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.kind, 'team'))).map(
      (team) => team.id,
    )
    await db().delete(teamReadinessTable)
    await db().delete(teamHeadcounts)
    await db().delete(teamHeadcountSpans)
    let done = 0
    for (const part of chunks(teams, TEAMS_PER_PASS)) {
      await writeTeamRollups(part, framework)
      done += part.length
      onProgress?.(done, teams.length)
    }
    const version = { version: teamRollupsVersion(framework), updatedAt: new Date() }
    await db()
      .insert(projectionVersions)
      .values({ name: TEAM_ROLLUPS, ...version })
      .onConflictDoUpdate({ target: projectionVersions.name, set: version })
    return { teams: teams.length }
  })
}

/** Brings the rollups up to date for these role targets when they were computed with others (or never). */
export async function ensureTeamRollups({
  framework = frameworkForContent(),
  onProgress,
}: { framework?: Framework; onProgress?: (done: number, total: number) => void } = {}): Promise<{ rebuilt: boolean }> {
  const version = teamRollupsVersion(framework)
  if ((await storedVersion()) === version) return { rebuilt: false }
  return transaction(async (tx) => {
    // Another instance may have rebuilt them while this one waited for the lock.
    await lockStatementWrites(tx)
    if ((await storedVersion()) === version) return { rebuilt: false }
    await rebuildTeamRollups({ framework, onProgress })
    return { rebuilt: true }
  })
}

/** Rewrites the rollups of these teams, after a change to their members' readiness, ratings or membership. */
export async function refreshTeamRollups({
  teamIds,
  framework = frameworkForContent(),
}: {
  teamIds: string[]
  framework?: Framework
}): Promise<void> {
  if (teamIds.length === 0) return
  await transaction(async (tx) => {
    await lockStatementWrites(tx)
    if ((await storedVersion()) !== teamRollupsVersion(framework)) await rebuildTeamRollups({ framework })
    else await writeTeamRollups([...new Set(teamIds)], framework)
  })
}
