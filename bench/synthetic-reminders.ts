import { asc, eq, isNull, sql } from 'drizzle-orm'
import { refreshingSlugs } from '#app/lib/assignments/modules.server.ts'
import { chunks } from '#app/lib/chunks.ts'
import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { db, dialect, schema, transaction, type Schema } from '#app/lib/db.server.ts'
import { addMonths } from '#app/lib/learning/projections/projection-rules.ts'
import { rebuildTeamRollups } from '#app/lib/learning/projections/team-rollups.server.ts'
import { hashSeed, pick, seededRandom, seededUuid, type Random } from './synthetic-learning.ts'

// Work for the reminder benchmark, on top of a workforce loaded by a staff import: assignments at every level
// with due dates around `now`, the passes, evidence and readiness that make about 40% of each assignment's
// people done, evidence lapsing within 30 days for about 15% of people (some of it covered by newer
// evidence), a few opt-outs, and a manager for every team. All of it is written straight to the tables in
// bulk, not through the app's services: no new-work notices are queued and no statements stored; the
// projections (module_attempts, competency_evidence, readiness_periods) are written as the projector would
// leave them, and the team rollups rebuilt from them. Everything is seeded: the same workforce, seed and day
// give the same rows (ids aside).
//
// The reminder ledger and the jobs table start empty: the first sweep is the first one after all this work was
// set, so everything overdue is reminded of that day (later days remind weekly). That is the heaviest day.

export type DueBucket = 'due in 7 days' | 'due in 1–6 days' | 'due today' | 'overdue 1–30 days' | 'due later'
export type AssignmentLevel = 'icb' | 'organisation' | 'directorate' | 'team' | 'personal'

export interface ReminderWorkSummary {
  people: number
  assignments: {
    total: number
    byLevel: Record<AssignmentLevel, number>
    byBucket: Record<DueBucket, number>
    recurring: number
    roleTargets: number
  }
  /** (assignment, person) pairs in force, and how many of them are done by construction. */
  covered: { pairs: number; done: number; people: number }
  rows: {
    moduleAttempts: number
    passed: number
    competencyEvidence: number
    readinessPeriods: number
    optOuts: number
    managerAssignmentsAdded: number
  }
  lapsing: { people: number; coveredByNewer: number }
  managers: number
  teams: number
  seconds: { generating: number; writing: number; rollups: number; analyze: number }
}

type Assignment = Schema['assignments']['$inferInsert'] & { level: AssignmentLevel; bucket: DueBucket }

const DONE_SHARE = 0.4
const LAPSING_SHARE = 0.15
/** Of the people with lapsing evidence, those who also hold newer evidence of the same competency. */
const COVERED_BY_NEWER_SHARE = 0.2
const BUCKETS: [DueBucket, number][] = [
  ['due in 7 days', 0.14],
  ['due in 1–6 days', 0.06],
  ['due today', 0.1],
  ['overdue 1–30 days', 0.4],
  ['due later', 0.3],
]
/** The ICB's own assignment: mandatory safety training for everyone, due a week today. */
const ICB_MODULE = 'digital-safety-essentials'
/** What organisations assign everyone: the usual mandatory topics. */
const ORGANISATION_MODULES = [
  'information-governance-everyday',
  'spotting-phishing',
  'secure-email-and-messaging',
  'passwords-and-mfa',
  'getting-the-record-right',
]
/** Lapsing evidence is of the competencies whose evidence expires, the safety ones most often. */
const LAPSING_COMPETENCIES: [string, number][] = [
  ['SAFE.1', 0.45],
  ['SAFE.2', 0.4],
  ['DATA.4', 0.15],
]

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))
function weighted<T>(random: Random, choices: [T, number][]): T {
  let r = random() * choices.reduce((sum, [, weight]) => sum + weight, 0)
  for (const [choice, weight] of choices) if ((r -= weight) < 0) return choice
  return choices.at(-1)?.[0] as T
}

export async function addReminderWork({
  now,
  seed,
  say = () => undefined,
}: {
  now: Date
  seed: number
  say?: (message: string) => void
}): Promise<ReminderWorkSummary> {
  const started = performance.now()
  const {
    users,
    memberships,
    orgUnits,
    managerAssignments,
    assignments: assignmentsTable,
    moduleAttempts,
    competencyEvidence,
    readinessPeriods,
    notificationOptOuts,
  } = schema()
  const random = seededRandom(hashSeed(`bench-reminders:${seed}`))
  const framework = frameworkForContent()
  const modules = loadModules({ includeDrafts: false })
  const published = modules.map((module) => module.slug)
  const refreshing = new Set(refreshingSlugs())
  const refreshMonths = new Map(
    framework.domains.flatMap((domain) => domain.competencies.map((c) => [c.id, c.refreshMonths] as const)),
  )
  const mappings = new Map(modules.map((module) => [module.slug, module.frontmatter.competencies]))
  for (const slug of [ICB_MODULE, ...ORGANISATION_MODULES])
    if (!mappings.has(slug)) throw new Error(`content/modules has no published module ${slug}`)

  // ---- The workforce the import loaded, in a stable order (ids are random; employee numbers are not) ----
  const people = (
    await db()
      .select({
        id: users.id,
        organisation: users.organisationCode,
        employee: users.employeeNumber,
        teamId: memberships.teamId,
        roleProfile: memberships.roleProfile,
      })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(isNull(users.suspendedAt))
  ).sort((a, b) => `${a.organisation} ${a.employee}`.localeCompare(`${b.organisation} ${b.employee}`))
  const units = await db()
    .select({ id: orgUnits.id, code: orgUnits.code, kind: orgUnits.kind, parentId: orgUnits.parentId })
    .from(orgUnits)
    .orderBy(asc(orgUnits.code))
  const unitById = new Map(units.map((unit) => [unit.id, unit]))
  const ancestorsOf = new Map<string, string[]>()
  const chain = (teamId: string) => {
    let found = ancestorsOf.get(teamId)
    if (!found) {
      found = []
      for (let unit = unitById.get(teamId); unit; unit = unit.parentId ? unitById.get(unit.parentId) : undefined)
        found.push(unit.id)
      ancestorsOf.set(teamId, found)
    }
    return found
  }
  const icb = units.find((unit) => unit.kind === 'icb')
  if (!icb) throw new Error('no ICB unit: the set-up creates one before the import')

  // ---- Dates: whole UTC days around `now`, due at the end of the day as the assignment form does ----
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const endOfDay = (offset: number) => new Date(dayStart + (offset + 1) * DAY_MS - 1)
  const sometimeOn = (offset: number) => new Date(dayStart + offset * DAY_MS + Math.floor(random() * DAY_MS))
  const daysAgo = (min: number, max: number) => new Date(now.getTime() - between(random, min, max) * DAY_MS)
  function due(bucket: DueBucket): { dueAt: Date; createdAt: Date } {
    // Given 2–6 weeks before it is due (at least a week's notice, so due-soon reminders are sent).
    const offset = {
      'due in 7 days': 7,
      'due in 1–6 days': between(random, 1, 6),
      'due today': 0,
      'overdue 1–30 days': -between(random, 1, 30),
      'due later': between(random, 8, 60),
    }[bucket]
    const createdOffset = Math.min(offset - between(random, 14, 42), -1)
    return { dueAt: endOfDay(offset), createdAt: sometimeOn(createdOffset) }
  }

  // ---- Who sets the work: an administrator made for the benchmark (no email, so never reminded) ----
  const adminId = seededUuid(random)
  await db().insert(users).values({ id: adminId, name: 'Reminder benchmark administrator', isAdmin: true })

  // ---- Assignments ----
  const work: Assignment[] = []
  const assign = (
    level: AssignmentLevel,
    target: { unitId: string } | { userId: string },
    moduleSlug: string | null,
    { bucket = weighted(random, BUCKETS), recurs = false }: { bucket?: DueBucket; recurs?: boolean } = {},
  ) => {
    work.push({
      id: seededUuid(random),
      moduleSlug,
      ...target,
      ...due(bucket),
      recurs,
      assignedBy: adminId,
      level,
      bucket,
    })
  }
  assign('icb', { unitId: icb.id }, ICB_MODULE, { bucket: 'due in 7 days' })
  const organisations = units.filter((unit) => unit.kind === 'organisation')
  organisations.forEach((unit, i) => {
    // Two organisations make theirs recur as the evidence expires (both modules' evidence lasts 12 months).
    const recurs = i < 2
    assign(
      'organisation',
      { unitId: unit.id },
      recurs ? pick(random, ORGANISATION_MODULES.slice(0, 2)) : pick(random, ORGANISATION_MODULES),
      { recurs },
    )
  })
  // Everything their role targets need, for a fifth of the directorates (and divisions).
  for (const unit of units)
    if (unit.kind === 'directorate' && random() < 0.2) assign('directorate', { unitId: unit.id }, null)
  const teams = units.filter((unit) => unit.kind === 'team')
  const refreshingModules = published.filter((slug) => refreshing.has(slug))
  for (const unit of teams) {
    if (random() >= 0.6) continue
    const count = random() < 0.5 ? 1 : 2
    for (let i = 0; i < count; i++) {
      // One team assignment in ten recurs, for a module whose evidence expires.
      const recurs = random() < 0.1
      assign('team', { unitId: unit.id }, pick(random, recurs ? refreshingModules : published), { recurs })
    }
  }
  for (const person of people) if (random() < 0.03) assign('personal', { userId: person.id }, pick(random, published))

  const byUnit = new Map<string, Assignment[]>()
  const byPerson = new Map<string, Assignment[]>()
  for (const item of work) {
    const key = item.unitId ?? item.userId
    const map = item.unitId ? byUnit : byPerson
    if (key) map.set(key, [...(map.get(key) ?? []), item])
  }

  // ---- What people have done: passes and evidence as the projector writes them ----
  type Attempt = Schema['moduleAttempts']['$inferInsert']
  type Evidence = Schema['competencyEvidence']['$inferInsert']
  type Period = Schema['readinessPeriods']['$inferInsert']
  const attempts: Attempt[] = []
  const evidence: Evidence[] = []
  const periods: Period[] = []
  const passedKeys = new Set<string>()
  const pass = (userId: string, slug: string, achievedAt: Date) => {
    passedKeys.add(`${userId} ${slug}`)
    attempts.push({
      registration: seededUuid(random),
      userId,
      moduleSlug: slug,
      status: 'passed',
      bestScaled: 0.75 + Math.floor(random() * 6) / 20,
      sectionsSeen: between(random, 3, 6),
      startedAt: new Date(achievedAt.getTime() - between(random, 8, 40) * 60_000),
      updatedAt: achievedAt,
      completedAt: achievedAt,
    })
    for (const mapping of mappings.get(slug) ?? []) {
      const months = refreshMonths.get(mapping.id)
      evidence.push({
        userId,
        competencyId: mapping.id,
        level: mapping.level,
        moduleSlug: slug,
        statementId: seededUuid(random),
        achievedAt,
        expiresAt: months ? addMonths(achievedAt, months) : null,
      })
    }
  }
  const monthsOf = (slug: string) =>
    Math.max(...(mappings.get(slug) ?? []).map((mapping) => refreshMonths.get(mapping.id) ?? 0))
  /** A pass whose evidence from `slug` expires `days` from now (negative: expired). */
  const passExpiringIn = (userId: string, slug: string, days: number) =>
    pass(userId, slug, addMonths(new Date(now.getTime() + days * DAY_MS), -monthsOf(slug)))

  const roleTargetsDone = new Set<string>()
  const roleTargetsSeen = new Set<string>()
  const targetsOf = (roleProfile: string) =>
    (framework.roleProfiles.find((profile) => profile.id === roleProfile) ?? framework.roleProfiles[0])?.targets
  const ready = (userId: string, roleProfile: string, domainShare: number) => {
    const targets = targetsOf(roleProfile)
    for (const domain of framework.domains) {
      if (random() >= domainShare) continue
      const readyFrom = daysAgo(10, 400)
      for (let level = 1; level <= Number(targets?.[domain.id] ?? 1); level++)
        periods.push({ userId, domainId: domain.id, level, readyFrom, readyUntil: null })
    }
  }

  let pairs = 0
  let done = 0
  const coveredPeople = new Set<string>()
  for (const person of people) {
    const mine = [
      ...chain(person.teamId).flatMap((unitId) => byUnit.get(unitId) ?? []),
      ...(byPerson.get(person.id) ?? []),
    ]
    for (const item of mine) {
      pairs++
      coveredPeople.add(person.id)
      const slug = item.moduleSlug ?? null
      if (slug === null) {
        // Everything the role's targets need: ready in every domain (done), or in some of them.
        if (roleTargetsSeen.has(person.id)) {
          if (roleTargetsDone.has(person.id)) done++
          continue
        }
        roleTargetsSeen.add(person.id)
        if (random() < DONE_SHARE) {
          ready(person.id, person.roleProfile, 1)
          roleTargetsDone.add(person.id)
          done++
        } else if (random() < 0.5) ready(person.id, person.roleProfile, 0.5)
      } else if (item.recurs && refreshing.has(slug)) {
        // Done while evidence from the module is current; else due again from when it lapsed.
        const r = random()
        if (r < DONE_SHARE) {
          passExpiringIn(person.id, slug, between(random, 31, 330))
          done++
        } else if (r < DONE_SHARE + 0.2) passExpiringIn(person.id, slug, -between(random, 1, 30))
      } else if (passedKeys.has(`${person.id} ${slug}`)) done++
      else if (random() < DONE_SHARE) {
        pass(person.id, slug, daysAgo(1, 200))
        done++
      } else if (random() < 0.15) {
        const startedAt = daysAgo(1, 60)
        attempts.push({
          registration: seededUuid(random),
          userId: person.id,
          moduleSlug: slug,
          status: random() < 0.2 ? 'failed' : 'in-progress',
          bestScaled: null,
          sectionsSeen: between(random, 1, 3),
          startedAt,
          updatedAt: new Date(startedAt.getTime() + between(random, 2, 30) * 60_000),
          completedAt: null,
        })
      }
    }
  }

  // ---- Evidence lapsing within 30 days, for about 15% of people; a fifth of them hold newer evidence too ----
  const modulesFor = (competencyId: string, minLevel: number) =>
    modules.flatMap((module) =>
      module.frontmatter.competencies
        .filter((mapping) => mapping.id === competencyId && mapping.level >= minLevel)
        .map((mapping) => ({ slug: module.slug, level: mapping.level })),
    )
  let lapsingPeople = 0
  let coveredByNewer = 0
  for (const person of people) {
    if (random() >= LAPSING_SHARE) continue
    const competencyId = weighted(random, LAPSING_COMPETENCIES)
    const candidates = modulesFor(competencyId, 1)
    const levelOne = candidates.filter((candidate) => candidate.level === 1)
    const chosen = pick(random, random() < 0.8 && levelOne.length > 0 ? levelOne : candidates)
    if (!chosen) continue
    lapsingPeople++
    // Expiring 2–29 days from now: inside the 30-day window, whenever on the day the benchmark runs.
    passExpiringIn(person.id, chosen.slug, 2 + random() * 27)
    if (random() < COVERED_BY_NEWER_SHARE) {
      coveredByNewer++
      pass(person.id, pick(random, modulesFor(competencyId, chosen.level)).slug, daysAgo(1, 90))
    }
  }

  // ---- A few opt-outs, and a manager for every team (the import names one for most) ----
  type OptOut = Schema['notificationOptOuts']['$inferInsert']
  const optOuts: OptOut[] = []
  for (const person of people) {
    if (random() < 0.02) optOuts.push({ userId: person.id, kind: 'due-soon' })
    if (random() < 0.01) optOuts.push({ userId: person.id, kind: 'evidence-lapsing' })
  }
  const managed = await db()
    .select({ userId: managerAssignments.userId, unitId: managerAssignments.orgUnitId })
    .from(managerAssignments)
  const managedTeams = new Set(managed.map((row) => row.unitId))
  const firstMember = new Map<string, string>()
  for (const person of people) if (!firstMember.has(person.teamId)) firstMember.set(person.teamId, person.id)
  const addedManagers = teams.flatMap((team) => {
    const userId = firstMember.get(team.id)
    return managedTeams.has(team.id) || !userId ? [] : [{ userId, orgUnitId: team.id, source: 'admin' as const }]
  })
  const managers = [...new Set([...managed.map((row) => row.userId), ...addedManagers.map((row) => row.userId)])].sort()
  for (const userId of managers) if (random() < 0.05) optOuts.push({ userId, kind: 'manager-digest' })

  say(
    `writing ${work.length.toLocaleString('en-GB')} assignments, ${attempts.length.toLocaleString('en-GB')} module attempts, ${evidence.length.toLocaleString('en-GB')} evidence rows, ${periods.length.toLocaleString('en-GB')} readiness periods`,
  )
  const writing = performance.now()
  await transaction(async () => {
    const rows = work.map(({ level: _level, bucket: _bucket, ...row }) => row)
    for (const part of chunks(rows, 500)) await db().insert(assignmentsTable).values(part)
    for (const part of chunks(attempts, 500)) await db().insert(moduleAttempts).values(part)
    for (const part of chunks(evidence, 500)) await db().insert(competencyEvidence).values(part)
    for (const part of chunks(periods, 500)) await db().insert(readinessPeriods).values(part)
    for (const part of chunks(optOuts, 500)) await db().insert(notificationOptOuts).values(part)
    for (const part of chunks(addedManagers, 500)) await db().insert(managerAssignments).values(part)
  })
  const rollupsStarted = performance.now()
  say('rebuilding the team rollups from the readiness periods')
  await rebuildTeamRollups()
  const analyzeStarted = performance.now()
  // As autovacuum would after a bulk load (SQLite gets no ANALYZE: the app never runs one).
  if (dialect() === 'postgres') await db().execute(sql`vacuum analyze`)
  const ended = performance.now()

  const count = <K extends string>(keys: readonly K[], of: (item: Assignment) => K) =>
    Object.fromEntries(keys.map((key) => [key, work.filter((item) => of(item) === key).length])) as Record<K, number>
  return {
    people: people.length,
    assignments: {
      total: work.length,
      byLevel: count(['icb', 'organisation', 'directorate', 'team', 'personal'] as const, (item) => item.level),
      byBucket: count(
        BUCKETS.map(([bucket]) => bucket),
        (item) => item.bucket,
      ),
      recurring: work.filter((item) => item.recurs).length,
      roleTargets: work.filter((item) => item.moduleSlug === null).length,
    },
    covered: { pairs, done, people: coveredPeople.size },
    rows: {
      moduleAttempts: attempts.length,
      passed: attempts.filter((attempt) => attempt.status === 'passed').length,
      competencyEvidence: evidence.length,
      readinessPeriods: periods.length,
      optOuts: optOuts.length,
      managerAssignmentsAdded: addedManagers.length,
    },
    lapsing: { people: lapsingPeople, coveredByNewer },
    managers: managers.length,
    teams: teams.length,
    seconds: {
      generating: (writing - started) / 1000,
      writing: (rollupsStarted - writing) / 1000,
      rollups: (analyzeStarted - rollupsStarted) / 1000,
      analyze: (ended - analyzeStarted) / 1000,
    },
  }
}
