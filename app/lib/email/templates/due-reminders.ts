import { formatDate } from '#app/lib/dates/dates.ts'
import { type EmailContent, type Unsubscribable } from './email-content.ts'
import { emailLayout, SERVICE_NAME, type Block } from './email-layout.ts'

// The three reminders about one piece of assigned learning: a few days before it is due, on the day, and after.

export interface DueReminderParams extends Unsubscribable {
  firstName: string
  title: string
  dueOn: Date
  /** The absolute address of the learning. */
  url: string
  /** How many reminders about this learning the person has had before this one. */
  timesReminded?: number
}

const reason = `You got this email because learning assigned to you in ${SERVICE_NAME} is due or overdue.`

export function dueSoonEmail(params: DueReminderParams & { daysLeft: number }): EmailContent<'due-soon'> {
  const { firstName, title, dueOn, url, daysLeft } = params
  const inDays = daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`
  const subject = daysLeft === 1 ? `Due tomorrow: ${title}` : `Due in ${daysLeft} days: ${title}`
  return {
    ...emailLayout({
      subject,
      firstName,
      blocks: [
        { type: 'paragraph', content: [`${title} is due ${inDays}, on ${formatDate(dueOn)}.`] },
        ...remindedBefore(params.timesReminded),
        { type: 'action', link: { text: `Start ${title}`, url } },
        helpFromManager,
      ],
      reason,
      unsubscribeUrl: params.unsubscribeUrl,
    }),
    personalisation: { ...common(params), days_left: daysLeft === 1 ? '1 day' : `${daysLeft} days` },
  }
}

export function dueTodayEmail(params: DueReminderParams): EmailContent<'due-today'> {
  const { firstName, title, url } = params
  return {
    ...emailLayout({
      subject: `Due today: ${title}`,
      firstName,
      blocks: [
        { type: 'paragraph', content: [`${title} is due today.`] },
        ...remindedBefore(params.timesReminded),
        { type: 'action', link: { text: `Start ${title}`, url } },
        helpFromManager,
      ],
      reason,
      unsubscribeUrl: params.unsubscribeUrl,
    }),
    personalisation: common(params),
  }
}

export function overdueEmail(params: DueReminderParams): EmailContent<'overdue'> {
  const { firstName, title, dueOn, url } = params
  return {
    ...emailLayout({
      subject: `Overdue: ${title}`,
      firstName,
      blocks: [
        {
          type: 'paragraph',
          content: [`${title} was due on ${formatDate(dueOn)}. Please do it as soon as you can.`],
        },
        ...remindedBefore(params.timesReminded),
        { type: 'action', link: { text: `Start ${title}`, url } },
        helpFromManager,
      ],
      reason,
      unsubscribeUrl: params.unsubscribeUrl,
    }),
    personalisation: common(params),
  }
}

const helpFromManager: Block = {
  type: 'paragraph',
  content: ['If you cannot find the time, talk to your manager.'],
}

function remindedBefore(times = 0): Block[] {
  if (times < 1) return []
  const count = times === 1 ? 'once' : times === 2 ? 'twice' : `${times} times`
  return [{ type: 'paragraph', content: [`We have reminded you about this ${count} before.`] }]
}

function common({ firstName, title, dueOn, url }: DueReminderParams) {
  return { first_name: firstName, title, due_date: formatDate(dueOn), link: url }
}
