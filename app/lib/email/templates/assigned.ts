import { formatDate } from '#app/lib/dates/dates.ts'
import { type EmailContent, type Unsubscribable } from './email-content.ts'
import { emailLayout, SERVICE_NAME } from './email-layout.ts'

export interface AssignedParams extends Unsubscribable {
  firstName: string
  /** The learning just assigned, each with its absolute address. */
  items: { title: string; dueOn: Date; url: string }[]
  myLearningUrl: string
}

export function assignedEmail({
  firstName,
  items,
  myLearningUrl,
  unsubscribeUrl,
}: AssignedParams): EmailContent<'assigned'> {
  const one = items.length === 1
  return {
    ...emailLayout({
      subject: 'You have new learning to do',
      firstName,
      blocks: [
        {
          type: 'paragraph',
          content: [one ? 'You have been given this to do:' : `You have been given ${items.length} things to do:`],
        },
        {
          type: 'list',
          items: items.map((item) => [{ text: item.title, url: item.url }, `, by ${formatDate(item.dueOn)}`]),
        },
        {
          type: 'paragraph',
          content: [
            `You can do ${one ? 'it' : 'them'} on a phone or a computer, a few minutes at a time. Your progress is saved as you go.`,
          ],
        },
        { type: 'action', link: { text: 'Go to My learning', url: myLearningUrl } },
      ],
      reason: `You got this email because learning was assigned to you in ${SERVICE_NAME}.`,
      unsubscribeUrl,
    }),
    personalisation: {
      first_name: firstName,
      items: items.map((item) => `${item.title}, by ${formatDate(item.dueOn)}: ${item.url}`),
      link: myLearningUrl,
    },
  }
}
