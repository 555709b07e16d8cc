import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { gradeKnowledgeCheck, type Answers } from '#app/lib/content/knowledge-check.server.ts'
import type { ModuleSource } from '#app/lib/content/module-source.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { saveBookmark, statementSetting } from '#app/lib/learning/module-attempt.server.ts'
import {
  knowledgeCheckStatements,
  launchedStatement,
  sectionStatements,
  suspendedStatement,
} from '#app/lib/learning/module-statements.ts'
import { selfRatingStatement } from '#app/lib/learning/projections/self-rating.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

// About twelve weeks of plausible learning for the demo staff, so the learner's home and a manager's
// reports mean something on first start. Everything is written as statements through storeStatements,
// exactly as the module player and the self-assessment write them; the projections follow from those.
// Deterministic for a given start time: a seeded generator picks who does what.

const MINUTE_MS = 60_000
export const HISTORY_WEEKS = 12

type Json = Record<string, unknown>
interface Person {
  id: string
  name: string
  email: string | null
  roleProfile: string
}

/** mulberry32: a tiny seeded generator, so every fresh demo tells the same story. */
function seededRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    chance: (p: number) => next() < p,
    between: (min: number, max: number) => min + next() * (max - min),
    integer: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    shuffle: <T>(items: T[]) => {
      const copy = [...items]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
      }
      return copy
    },
  }
}
type Random = ReturnType<typeof seededRandom>

/** The answers someone gives: all right, or wrong on enough questions to miss the pass mark. */
function answersFor(module: ModuleSource, { pass, random }: { pass: boolean; random: Random }): Answers {
  const questions = module.questions?.questions ?? []
  const wrongCount = pass
    ? 0
    : Math.max(1, Math.ceil(questions.length * (1 - module.frontmatter.passMark / 100)) + random.integer(0, 1))
  const wrong = new Set(random.shuffle(questions.map((q) => q.id)).slice(0, wrongCount))
  return Object.fromEntries(
    questions.map((question) => {
      const right = question.options.filter((o) => o.correct).map((o) => o.id)
      const other = question.options.find((o) => !o.correct)?.id
      return [question.id, wrong.has(question.id) && other ? [other] : right]
    }),
  )
}

/** A timeline of statements for one person; each is stamped with when it happened. */
class Timeline {
  readonly statements: Json[] = []
  constructor(
    private readonly person: Person,
    private readonly random: Random,
  ) {}

  private add(at: Date, statements: Json[]) {
    for (const statement of statements) this.statements.push({ ...statement, timestamp: at.toISOString() })
  }

  /**
   * One attempt: launched, sections read a couple of minutes apart, then the check (or "save and leave"
   * after `stopAfter` sections). Returns the registration and the time it ended.
   */
  attempt(module: ModuleSource, start: Date, outcome: { pass: boolean } | { stopAfter: number }) {
    const registration = randomUUID()
    const setting = statementSetting(this.person, module, registration)
    const sections = module.outline.sections
    let at = start.getTime()
    this.add(new Date(at), [launchedStatement(setting)])
    const read = 'stopAfter' in outcome ? Math.min(outcome.stopAfter, sections.length - 1) : sections.length
    for (let number = 1; number <= read; number++) {
      at += this.random.integer(1, 3) * MINUTE_MS
      const title = sections[number - 1]?.title ?? `Section ${number}`
      this.add(new Date(at), sectionStatements(setting, { number, title, total: sections.length }))
    }
    at += this.random.integer(1, 3) * MINUTE_MS
    if ('stopAfter' in outcome) {
      this.add(new Date(at), [suspendedStatement(setting)])
      return { registration, section: read + 1, end: new Date(at) }
    }
    const graded = gradeKnowledgeCheck({
      module,
      answers: answersFor(module, { pass: outcome.pass, random: this.random }),
    })
    this.add(new Date(at), knowledgeCheckStatements(setting, graded, module.questions?.questions ?? []))
    return { registration, section: null, end: new Date(at) }
  }

  /** Self-ratings for every competency of the framework, with a "where I need to be" on some. */
  selfAssessment(
    framework: Framework,
    at: Date,
    rate: (competencyId: string, domainTarget: number) => { current: number; target: number | null },
  ) {
    const profile = framework.roleProfiles.find((p) => p.id === this.person.roleProfile)
    const actor = learnerAgent({ publicUrl, user: this.person })
    let minute = 0
    for (const domain of framework.domains) {
      minute += this.random.integer(1, 2)
      const domainTarget = profile?.targets[domain.id] ?? 1
      this.add(
        new Date(at.getTime() + minute * MINUTE_MS),
        domain.competencies.map((c) =>
          selfRatingStatement({
            publicUrl,
            activityBase: xapiActivityBase,
            actor,
            competencyId: c.id,
            ...rate(c.id, domainTarget),
          }),
        ),
      )
    }
  }
}

interface HistoryPlan {
  framework: Framework
  modules: ModuleSource[]
  now: Date
  random: Random
}

const isFoundation = (module: ModuleSource) =>
  module.frontmatter.competencies.length > 1 && module.frontmatter.competencies.every((c) => c.level === 1)
const expiresYearly = (module: ModuleSource, framework: Framework) =>
  module.frontmatter.competencies.some((c) =>
    framework.domains.some((d) => d.competencies.some((fc) => fc.id === c.id && fc.refreshMonths === 12)),
  )

/** A typical member of staff: how engaged they are decides how much they have done in twelve weeks. */
function typicalHistory(person: Person, plan: HistoryPlan, timeline: Timeline, openAttempts: OpenAttempt[]) {
  const { random, now, framework } = plan
  const windowStart = now.getTime() - HISTORY_WEEKS * 7 * DAY_MS
  const engagement = random.next()
  const moduleCount =
    engagement < 0.12
      ? 0
      : engagement < 0.4
        ? random.integer(1, 2)
        : engagement < 0.82
          ? random.integer(3, 6)
          : random.integer(7, 11)
  const forRole = plan.modules.filter((m) => (m.frontmatter.audience as readonly string[]).includes(person.roleProfile))
  const shuffled = random.shuffle(forRole)
  const ordered = [...shuffled.filter(isFoundation), ...shuffled.filter((m) => !isFoundation(m))]
  const chosen = random.chance(0.7) ? ordered.slice(0, moduleCount) : shuffled.slice(0, moduleCount)

  // Self-assessment: most people who engage at all, some who do not.
  if (random.chance(moduleCount === 0 ? 0.25 : 0.75)) {
    const confidence = random.integer(-1, 1)
    const firstRating = new Date(windowStart + random.between(0, 6 * 7) * DAY_MS)
    timeline.selfAssessment(framework, firstRating, (_id, domainTarget) => ({
      current: Math.max(0, Math.min(4, domainTarget - 1 + confidence + random.integer(-1, 1))),
      target: random.chance(0.6) ? domainTarget : null,
    }))
    if (random.chance(0.3)) {
      const later = new Date(firstRating.getTime() + random.between(4 * 7, 6 * 7) * DAY_MS)
      if (later < now) {
        timeline.selfAssessment(framework, later, (_id, domainTarget) => ({
          current: Math.max(0, Math.min(4, domainTarget + confidence + random.integer(-1, 0))),
          target: domainTarget,
        }))
      }
    }
  }

  // Last year's annual refresher, for some: evidence that expires soon or has just lapsed.
  if (random.chance(0.25)) {
    const yearly = random.shuffle(forRole.filter((m) => expiresYearly(m, framework)))[0]
    if (yearly) timeline.attempt(yearly, new Date(now.getTime() - random.between(340, 372) * DAY_MS), { pass: true })
  }

  let at = windowStart + random.between(0, 5 * 7) * DAY_MS
  for (const [index, module] of chosen.entries()) {
    if (at >= now.getTime() - DAY_MS) break
    const isLast = index === chosen.length - 1
    if (isLast && random.chance(0.2)) {
      const stopped = timeline.attempt(module, new Date(at), { stopAfter: random.integer(1, 3) })
      openAttempts.push({ person, module, registration: stopped.registration, section: stopped.section })
      break
    }
    const pass = random.chance(0.82)
    let ended = timeline.attempt(module, new Date(at), { pass }).end.getTime()
    if (!pass && random.chance(0.75)) {
      const retry = ended + random.between(1, 8) * DAY_MS
      if (retry < now.getTime())
        ended = timeline.attempt(module, new Date(retry), { pass: random.chance(0.9) }).end.getTime()
    }
    at = ended + random.between(2, 12) * DAY_MS
  }
}

interface OpenAttempt {
  person: Person
  module: ModuleSource
  registration: string
  section: number | null
}

const daysAgo = (now: Date, days: number, hour = 10) => {
  const date = new Date(now.getTime() - days * DAY_MS)
  date.setUTCHours(hour, 0, 0, 0)
  return date
}

/**
 * The demo learner's story, the same every time: a self-assessment, the safety essentials, a failed
 * then passed secure-email check, last year's passwords module about to expire, Teams half-way through.
 */
function demoLearnerHistory(person: Person, plan: HistoryPlan, timeline: Timeline, openAttempts: OpenAttempt[]) {
  const { now, framework } = plan
  const module = (slug: string) => plan.modules.find((m) => m.slug === slug)
  const ratings: Record<string, number> = { SAFE: 2, COMM: 1, TECH: 2, DATA: 1, LEARN: 1, INNOV: 0 }
  timeline.selfAssessment(framework, daysAgo(now, 63), (id, domainTarget) => ({
    current: ratings[id.split('.')[0] ?? ''] ?? 1,
    target: domainTarget,
  }))
  const steps: { slug: string; days: number; pass: boolean }[] = [
    { slug: 'passwords-and-mfa', days: 352, pass: true },
    { slug: 'digital-safety-essentials', days: 56, pass: true },
    { slug: 'secure-email-and-messaging', days: 23, pass: false },
    { slug: 'secure-email-and-messaging', days: 16, pass: true },
  ]
  for (const step of steps) {
    const found = module(step.slug)
    if (found) timeline.attempt(found, daysAgo(now, step.days), { pass: step.pass })
  }
  const teams = module('working-in-teams')
  if (teams) {
    const stopped = timeline.attempt(teams, daysAgo(now, 2, 14), { stopAfter: 2 })
    openAttempts.push({ person, module: teams, registration: stopped.registration, section: stopped.section })
  }
}

/** The demo manager has done a little, outside the safety domain their self-assessment journey starts with. */
function demoManagerHistory(person: Person, plan: HistoryPlan, timeline: Timeline) {
  for (const [slug, days] of [
    ['reading-dashboards', 40],
    ['working-in-teams', 30],
    ['small-digital-improvements', 12],
  ] as const) {
    const module = plan.modules.find((m) => m.slug === slug)
    if (module) timeline.attempt(module, daysAgo(plan.now, days), { pass: true })
  }
}

async function staffWithRoles(): Promise<Person[]> {
  const { users, memberships } = schema()
  return db()
    .select({ id: users.id, name: users.name, email: users.email, roleProfile: memberships.roleProfile })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .orderBy(users.email)
}

/**
 * Writes the demo history once: when any statement exists already (a second seed, or a database in use)
 * it does nothing. Returns how many statements it stored.
 */
export async function seedDemoHistory({
  now = new Date(),
  onProgress,
}: { now?: Date; onProgress?: (done: number, total: number) => void } = {}) {
  const { xapiStatements } = schema()
  const [existing] = await db().select({ id: xapiStatements.id }).from(xapiStatements).limit(1)
  if (existing) return { statements: 0 }

  const plan: HistoryPlan = {
    framework: frameworkForContent(),
    modules: loadModules({ includeDrafts: false }).filter((m) => (m.questions?.questions.length ?? 0) > 0),
    now,
    random: seededRandom(20_261_126),
  }
  const people = await staffWithRoles()
  const openAttempts: OpenAttempt[] = []
  const authority = appAuthority({ publicUrl }) as unknown as Json
  let stored = 0
  for (const [index, person] of people.entries()) {
    const timeline = new Timeline(person, plan.random)
    if (person.email === 'learner@example.nhs.uk') demoLearnerHistory(person, plan, timeline, openAttempts)
    else if (person.email === 'manager@example.nhs.uk') demoManagerHistory(person, plan, timeline)
    else if (person.email !== 'admin@example.nhs.uk') typicalHistory(person, plan, timeline, openAttempts)
    const statements = timeline.statements
      .filter((s) => new Date(String(s.timestamp)) <= now)
      .sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)))
    if (statements.length > 0) {
      // One batch per person: one transaction, projections updated with it, like any other client's batch.
      await storeStatements({ statements, authority, version: '2.0.0', userId: person.id })
      stored += statements.length
    }
    onProgress?.(index + 1, people.length)
  }
  // Half-finished modules resume where their learner stopped, as the player would have left them.
  for (const open of openAttempts) {
    if (open.section !== null)
      await saveBookmark({
        user: open.person,
        module: open.module,
        bookmark: { registration: open.registration, section: open.section },
      })
  }
  return { statements: stored }
}
