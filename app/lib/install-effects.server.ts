import { assignmentMade } from '#app/lib/assignments/assignment-effects.server.ts'
import { projectCourseStatements } from '#app/lib/courses/au-progress.server.ts'
import { resolveAuCredentials } from '#app/lib/courses/au-sessions.server.ts'
import { emailJob } from '#app/lib/email/email-job.ts'
import { pruneJobsHandler, pruneJobsJob, pruneJobsSchedule } from '#app/lib/jobs/housekeeping.server.ts'
import { registerJobHandler } from '#app/lib/jobs/job-handlers.server.ts'
import { registerSchedule } from '#app/lib/jobs/schedules.server.ts'
import { refreshTeamRollups } from '#app/lib/learning/projections/team-rollups.server.ts'
import { projectStoredStatements } from '#app/lib/learning/projections/projector.server.ts'
import { membershipChanged } from '#app/lib/org/membership-effects.server.ts'
import { sendQueuedEmailHandler } from '#app/lib/outbox/send-queued-email.server.ts'
import {
  managerDigestsHandler,
  managerDigestsJob,
  managerDigestsSchedule,
} from '#app/lib/reminders/manager-digests.server.ts'
import {
  newWorkNoticesHandler,
  newWorkNoticesJob,
  queueNewWorkNotices,
} from '#app/lib/reminders/new-work-notices.server.ts'
import {
  cancelRemindersAfterStatements,
  reminderSweepHandler,
  reminderSweepJob,
  reminderSweepSchedule,
} from '#app/lib/reminders/reminder-jobs.server.ts'
import { delegatedCredentials } from '#app/lib/xapi/http/delegated-credentials.server.ts'
import { statementsStored } from '#app/lib/xapi/store/statement-effects.server.ts'

// The one place that wires domains' reactions to other domains' changes (docs/decisions/009), and the
// background jobs' handlers and schedules (docs/decisions/012). It sits outside the domains so that the xapi
// store, org, assignments and the job queue need not import the domains that react or do the work: they run
// whatever is installed here. Every entry point calls installEffects() before it stores statements, changes
// memberships, assigns work or runs jobs: the server's start and the Remix server entry (each loads its own
// copy of app/lib), the worker, the seed, scripts, benchmarks and the database tests' setup. Doing any of
// those before it is called throws.

export function installEffects(): void {
  statementsStored.register('learning projections', (batch) => projectStoredStatements(batch))
  statementsStored.register('reminders about done work cancelled', cancelRemindersAfterStatements)
  statementsStored.register('cmi5 course progress and satisfaction', projectCourseStatements)
  delegatedCredentials.register('cmi5 launch sessions', resolveAuCredentials)
  membershipChanged.register('team rollups', ({ teamIds }) => refreshTeamRollups({ teamIds }))
  assignmentMade.register('new work notices', queueNewWorkNotices)

  registerJobHandler(emailJob, sendQueuedEmailHandler)
  registerJobHandler(pruneJobsJob, pruneJobsHandler)
  registerSchedule(pruneJobsSchedule)
  registerJobHandler(reminderSweepJob, reminderSweepHandler)
  registerSchedule(reminderSweepSchedule)
  registerJobHandler(managerDigestsJob, managerDigestsHandler)
  registerSchedule(managerDigestsSchedule)
  registerJobHandler(newWorkNoticesJob, newWorkNoticesHandler)
}
