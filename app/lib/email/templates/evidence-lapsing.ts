import { formatDate } from '#app/lib/dates/dates.ts'
import { type EmailContent, type Unsubscribable } from './email-content.ts'
import { emailLayout, SERVICE_NAME, type Block, type Inline } from './email-layout.ts'

export interface EvidenceLapsingParams extends Unsubscribable {
  firstName: string
  /** Evidence about to run out, each with the module that renews it. Names, not framework codes. */
  items: { competencyName: string; domainName: string; lapsesOn: Date; moduleTitle: string; url: string }[]
}

type Item = EvidenceLapsingParams['items'][number]

export function evidenceLapsingEmail({
  firstName,
  items,
  unsubscribeUrl,
}: EvidenceLapsingParams): EmailContent<'evidence-lapsing'> {
  const sorted = [...items].sort((a, b) => a.lapsesOn.getTime() - b.lapsesOn.getTime())
  const first = sorted[0]
  if (!first) throw new Error('An evidence-lapsing email needs at least one item')
  const summary =
    sorted.length === 1
      ? `${first.competencyName} runs out on ${formatDate(first.lapsesOn)}`
      : `${sorted.length} skills starts to run out on ${formatDate(first.lapsesOn)}`
  const runsOut = (item: Item) =>
    `${item.competencyName} (${item.domainName}) runs out on ${formatDate(item.lapsesOn)}.`
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
