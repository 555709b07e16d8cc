import { DAY_MS, formatDate, isoDay } from '#app/lib/dates/dates.ts'
import { type EmailContent, type Unsubscribable } from './email-content.ts'
import { emailLayout, SERVICE_NAME, type Block, type Inline } from './email-layout.ts'

export interface EvidenceLapsingParams extends Unsubscribable {
  firstName: string
  /** Evidence about to run out, each with the module that renews it. Names, not framework codes. */
  items: { competencyName: string; domainName: string; lapsesOn: Date; moduleTitle: string; url: string }[]
  /** When the email is written: evidence running out that day or the next is said to run out "today" or "tomorrow". */
  now?: Date
}

type Item = EvidenceLapsingParams['items'][number]

export function evidenceLapsingEmail({
  firstName,
  items,
  unsubscribeUrl,
  now = new Date(),
}: EvidenceLapsingParams): EmailContent<'evidence-lapsing'> {
  const on = (date: Date) =>
    isoDay(date) === isoDay(now)
      ? 'today'
      : isoDay(date) === isoDay(new Date(now.getTime() + DAY_MS))
        ? 'tomorrow'
        : `on ${formatDate(date)}`
  const sorted = [...items].sort((a, b) => a.lapsesOn.getTime() - b.lapsesOn.getTime())
  const first = sorted[0]
  if (!first) throw new Error('An evidence-lapsing email needs at least one item')
  const summary =
    sorted.length === 1
      ? `${first.competencyName} runs out ${on(first.lapsesOn)}`
      : `${sorted.length} skills starts to run out ${on(first.lapsesOn)}`
  const runsOut = (item: Item) => `${item.competencyName} (${item.domainName}) runs out ${on(item.lapsesOn)}.`
  const line = (item: Item): Inline[] => [`${runsOut(item)} Renew it with `, { text: item.moduleTitle, url: item.url }]
  const detail: Block[] =
    sorted.length === 1
      ? [
          {
            type: 'paragraph',
            content: [`Your evidence for ${runsOut(first)} Taking ${first.moduleTitle} again renews it.`],
          },
          { type: 'action', link: { text: `Start ${first.moduleTitle}`, url: first.url } },
        ]
      : [{ type: 'list', items: sorted.map(line) }]
  return {
    ...emailLayout({
      subject: `Your evidence for ${summary}`,
      firstName,
      blocks: [
        {
          type: 'paragraph',
          content: [
            'Some of your digital skills need refreshing from time to time. When the evidence runs out, ' +
              'that skill no longer counts towards what your role needs until you take the module again.',
          ],
        },
        ...detail,
      ],
      reason: `You got this email because evidence of your digital skills recorded in ${SERVICE_NAME} is about to run out.`,
      unsubscribeUrl,
    }),
    personalisation: {
      first_name: firstName,
      summary,
      items: sorted.map((item) => `${runsOut(item)} Renew it with ${item.moduleTitle}: ${item.url}`),
    },
  }
}
