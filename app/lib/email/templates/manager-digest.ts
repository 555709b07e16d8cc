import { type EmailContent, type Unsubscribable } from './email-content.ts'
import { emailLayout, SERVICE_NAME, type Inline } from './email-layout.ts'

export interface ManagerDigestParams extends Unsubscribable {
  firstName: string
  teams: {
    name: string
    overduePeople: number
    /** People with evidence running out within 30 days, as the readiness report counts them. */
    lapsingPeople: number
    /**
     * Per cent of the team ready in every domain for their role, now and a week ago; null when the report does
     * not show it (nobody in the unit, or too few people above team level to show without identifying anyone).
     */
    readinessNowPercent: number | null
    readinessLastWeekPercent: number | null
    reportUrl: string
  }[]
}

type Team = ManagerDigestParams['teams'][number]

export function managerDigestEmail({
  firstName,
  teams,
  unsubscribeUrl,
}: ManagerDigestParams): EmailContent<'manager-digest'> {
  return {
    ...emailLayout({
      subject: 'Your teams this week',
      firstName,
      blocks: [
        { type: 'paragraph', content: ['Here is how your teams are doing this week.'] },
        {
          type: 'list',
          items: teams.map((team): Inline[] => [{ text: team.name, url: team.reportUrl }, `: ${facts(team)}`]),
        },
        {
          type: 'paragraph',
          content: ['Each team’s report shows who needs what, and the overdue learning, person by person.'],
        },
      ],
      reason: `You get this email each week because you manage teams in ${SERVICE_NAME}.`,
      unsubscribeUrl,
    }),
    personalisation: {
      first_name: firstName,
      teams: teams.map((team) => `${team.name}: ${facts(team)} ${team.reportUrl}`),
    },
  }
}

function facts(team: Team): string {
  const overdue = `${have(team.overduePeople)} overdue learning`
  const lapsing = `${have(team.lapsingPeople)} evidence running out within 30 days`
  return `${readiness(team)}; ${overdue}; ${lapsing}.`
}

function readiness({ readinessNowPercent, readinessLastWeekPercent }: Team): string {
  if (readinessNowPercent === null) return 'Readiness is not shown for so few people'
  const now = Math.round(readinessNowPercent)
  if (readinessLastWeekPercent === null) return `${now}% of people are ready in every domain for their role`
  const before = Math.round(readinessLastWeekPercent)
  const change = now === before ? 'the same as last week' : `${now > before ? 'up' : 'down'} from ${before}% last week`
  return `${now}% of people are ready in every domain for their role, ${change}`
}

/** "no one has", "1 person has", "4 people have". */
function have(count: number): string {
  if (count === 0) return 'no one has'
  return count === 1 ? '1 person has' : `${count} people have`
}
