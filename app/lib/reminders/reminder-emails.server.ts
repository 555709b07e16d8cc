import { and, eq, gt, inArray } from 'drizzle-orm'
import { learningCatalogue, refreshingSlugs, type AssignableModule } from '#app/lib/assignments/modules.server.ts'
import { assignmentStatuses, type AssignmentStatusRow, type StatusContent } from '#app/lib/assignments/status.server.ts'
import { overdueCountInUnit } from '#app/lib/assignments/status.server.ts'
import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import type { EmailKind, OutgoingEmail } from '#app/lib/email/outgoing-email.ts'
import { assignedEmail } from '#app/lib/email/templates/assigned.ts'
import { dueSoonEmail, dueTodayEmail, overdueEmail } from '#app/lib/email/templates/due-reminders.ts'
import { evidenceLapsingEmail } from '#app/lib/email/templates/evidence-lapsing.ts'
import { managerDigestEmail } from '#app/lib/email/templates/manager-digest.ts'
import { reportRootUnits } from '#app/lib/reports/report-access.server.ts'
import { lapsingEvidenceOf, unitHeadline } from '#app/lib/reports/readiness-report.server.ts'
import { previousSend } from './reminder-ledger.server.ts'
import { competencyOfSubject, moduleOfSubject, workSubject } from './reminder-subjects.ts'

// Reminder emails are written when they are sent, from the state of things then: work finished since the
// reminder was planned is left out, and an email with nothing left to say is not sent at all (null).

export type ReminderEmailKind = Exclude<EmailKind, 'password-reset'>

interface Writing {
  kind: ReminderEmailKind
  userId: string
  firstName: string
  params: Record<string, unknown>
  jobId: string
  unsubscribeUrl: string
  now?: Date
}

const NEW_WORK_LOOKBACK_DAYS = 7

export type WrittenEmail = Pick<OutgoingEmail, 'subject' | 'text' | 'html' | 'personalisation'>

/** The module catalogue as read once for one email: titles, and what the status rules need. */
interface Reading {
  now: Date
  titleOf: (slug: string | null) => string
  content: StatusContent
}

export async function writeReminderEmail(writing: Writing): Promise<WrittenEmail | null> {
  const catalogue = await learningCatalogue()
  const reading: Reading = {
    now: writing.now ?? new Date(),
    titleOf: workTitles(catalogue),
    content: { framework: frameworkForContent(), recurringSlugs: refreshingSlugs(catalogue) },
  }
  if (writing.kind === 'assigned') return writeNewWork({ ...writing, ...reading })
  if (writing.kind === 'manager-digest') return writeDigest({ ...writing, ...reading })
  if (writing.kind === 'evidence-lapsing') return writeLapsing({ ...writing, ...reading })
  return writeDue({ ...writing, ...reading, kind: writing.kind })
}

const moduleUrl = (slug: string | null) => (slug ? `${publicUrl}/modules/${slug}` : `${publicUrl}/record`)

// The assign form's name for it speaks of "their" role; the email goes to the person, as their home page does.
const ROLE_TARGETS_TITLE_FOR_THEM = 'Everything your role needs'

/** Names the work: a module by its title, or the role's targets. */
function workTitles(catalogue: AssignableModule[]): (slug: string | null) => string {
  const titles = new Map(catalogue.map((module) => [module.slug, module.title]))
  return (slug) => (slug ? (titles.get(slug) ?? 'Your assigned learning') : ROLE_TARGETS_TITLE_FOR_THEM)
}

function itemsOf(params: Record<string, unknown>): { subject: string; period: string }[] {
  return Array.isArray(params.items) ? (params.items as { subject: string; period: string }[]) : []
}

async function outstanding(userId: string, { now, content }: Reading): Promise<AssignmentStatusRow[]> {
  return (await assignmentStatuses({ people: { userId }, now, content })).filter((row) => row.status !== 'done')
}

async function writeDue({
  kind,
  userId,
  firstName,
  params,
  unsubscribeUrl,
  ...reading
}: Writing & Reading & { kind: 'due-soon' | 'due-today' | 'overdue' }) {
  const { now, titleOf } = reading
  const [item] = itemsOf(params)
  if (!item) return null
  const open = (await outstanding(userId, reading))
    .filter((row) => workSubject(row.moduleSlug) === item.subject)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0]
  if (!open) return null
  const slug = moduleOfSubject(item.subject)
  const common = { firstName, title: titleOf(slug), dueOn: open.dueAt, url: moduleUrl(slug), unsubscribeUrl }
  if (kind === 'due-soon') {
    const daysLeft = Math.max(1, Math.ceil((open.dueAt.getTime() - now.getTime()) / DAY_MS))
    return dueSoonEmail({ ...common, daysLeft })
  }
  if (kind === 'due-today') return dueTodayEmail(common)
  // The period of an overdue reminder is "<due date>/<n>": the nth about that due date.
  const timesReminded = Number(item.period.split('/')[1] ?? 1) - 1
  return overdueEmail({ ...common, timesReminded })
}

async function writeLapsing({ userId, firstName, params, unsubscribeUrl, now }: Writing & Reading) {
  const wanted = new Set(itemsOf(params).map((item) => competencyOfSubject(item.subject)))
  const lapsing = (await lapsingEvidenceOf({ userIds: [userId], now })).filter((row) => wanted.has(row.competencyId))
  if (lapsing.length === 0) return null
  const framework = frameworkForContent()
  const modules = loadModules({ includeDrafts: false })
  const items = lapsing.flatMap((row) => {
    const domain = framework.domains.find((candidate) =>
      candidate.competencies.some((competency) => competency.id === row.competencyId),
    )
    const competency = domain?.competencies.find((candidate) => candidate.id === row.competencyId)
    const renewing = modules.find((module) =>
      module.frontmatter.competencies.some((mapping) => mapping.id === row.competencyId),
    )
    if (!domain || !competency || !renewing) return []
    return [
      {
        competencyName: competency.name,
        domainName: domain.name,
        lapsesOn: row.expiresAt,
        moduleTitle: renewing.frontmatter.title,
        url: moduleUrl(renewing.slug),
      },
    ]
  })
  return items.length > 0 ? evidenceLapsingEmail({ firstName, items, unsubscribeUrl, now }) : null
}

/** Everything still to do that was assigned since the person's previous new-work email (or in the last week). */
async function writeNewWork({ userId, firstName, jobId, unsubscribeUrl, ...reading }: Writing & Reading) {
  const { now, titleOf } = reading
  const { reminderSends, assignments } = schema()
  const [thisNotice] = await db().select().from(reminderSends).where(eq(reminderSends.jobId, jobId))
  const previous = thisNotice ? await previousSend({ userId, kind: 'assigned', before: thisNotice.createdAt }) : null
  const since = previous?.createdAt ?? new Date(now.getTime() - NEW_WORK_LOOKBACK_DAYS * DAY_MS)
  const open = await outstanding(userId, reading)
  if (open.length === 0) return null
  const recent = new Set(
    (
      await db()
        .select({ id: assignments.id })
        .from(assignments)
        .where(
          and(
            inArray(
              assignments.id,
              open.map((row) => row.assignmentId),
            ),
            gt(assignments.createdAt, since),
          ),
        )
    ).map((row) => row.id),
  )
  const seen = new Set<string>()
  const items = open
    .filter((row) => recent.has(row.assignmentId))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .filter((row) => !seen.has(workSubject(row.moduleSlug)) && seen.add(workSubject(row.moduleSlug)))
    .map((row) => ({ title: titleOf(row.moduleSlug), dueOn: row.dueAt, url: moduleUrl(row.moduleSlug) }))
  if (items.length === 0) return null
  return assignedEmail({ firstName, items, myLearningUrl: `${publicUrl}/`, unsubscribeUrl })
}

async function writeDigest({ userId, firstName, unsubscribeUrl, now }: Writing & Reading) {
  const units = await reportRootUnits({ viewer: { id: userId, isAdmin: false } })
  if (units.length === 0) return null
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS)
  const teams = await Promise.all(
    units.map(async (unit) => {
      const [current, before, overdue] = await Promise.all([
        unitHeadline({ unit, now }),
        unitHeadline({ unit, now: weekAgo }),
        overdueCountInUnit({ unit, now }),
      ])
      return {
        name: unit.name,
        overduePeople: overdue.people,
        lapsingPeople: current.peopleWithEvidenceExpiring,
        readinessNowPercent: current.readyInEveryDomain.percent,
        readinessLastWeekPercent: before.readyInEveryDomain.percent,
        reportUrl: `${publicUrl}/reports/units/${unit.id}`,
      }
    }),
  )
  return managerDigestEmail({ firstName, teams, unsubscribeUrl })
}
