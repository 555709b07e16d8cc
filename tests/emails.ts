import { type OutgoingEmail } from '#app/lib/email/outgoing-email.ts'
import { dueSoonEmail } from '#app/lib/email/templates/due-reminders.ts'

/** A realistic reminder, ready for any transport; pass what a test cares about. */
export function anEmail(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  const unsubscribeUrl = overrides.unsubscribeUrl ?? 'https://skills.example.nhs.uk/email-preferences/unsubscribe/t0k3n'
  return {
    kind: 'due-soon',
    to: 'priya.shah@example.nhs.uk',
    reference: 'job-42.due-soon',
    unsubscribeUrl,
    ...dueSoonEmail({
      firstName: 'Priya',
      title: 'Spotting phishing emails',
      dueOn: new Date('2026-11-30T00:00:00Z'),
      url: 'https://skills.example.nhs.uk/modules/spotting-phishing',
      daysLeft: 7,
      unsubscribeUrl,
    }),
    ...overrides,
  }
}
