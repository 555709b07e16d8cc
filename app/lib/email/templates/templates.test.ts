import { describe, expect, test } from 'vitest'
import { type EmailKind, type OutgoingEmail } from '#app/lib/email/outgoing-email.ts'
import { assignedEmail } from './assigned.ts'
import { dueSoonEmail, dueTodayEmail, overdueEmail } from './due-reminders.ts'
import { notifyPlaceholders } from './email-content.ts'
import { evidenceLapsingEmail } from './evidence-lapsing.ts'
import { managerDigestEmail } from './manager-digest.ts'
import { passwordResetEmail } from './password-reset.ts'

const site = 'https://skills.example.nhs.uk'
const unsubscribeUrl = `${site}/unsubscribe/4f1c2b7e-8d3a-4e55-9d0c-6a1b2c3d4e5f`
const reminder = {
  firstName: 'Priya',
  title: 'Spotting phishing emails',
  dueOn: new Date('2026-11-30T00:00:00Z'),
  url: `${site}/modules/spotting-phishing`,
  unsubscribeUrl,
}

// One example of every kind, with the link a reader must be able to follow and the words of that link.
type Content = Pick<OutgoingEmail, 'subject' | 'text' | 'html' | 'personalisation'>
const examples: { kind: EmailKind; content: Content; link: string; linkText: string }[] = [
  {
    kind: 'password-reset',
    content: passwordResetEmail({ firstName: 'Priya', resetUrl: `${site}/reset/abc123`, expiresInMinutes: 60 }),
    link: `${site}/reset/abc123`,
    linkText: 'Choose a new password',
  },
  {
    kind: 'assigned',
    content: assignedEmail({
      firstName: 'Priya',
      items: [
        { title: 'Spotting phishing emails', dueOn: new Date('2026-11-30T00:00:00Z'), url: reminder.url },
        { title: 'Using NHSmail safely', dueOn: new Date('2026-12-07T00:00:00Z'), url: `${site}/modules/nhsmail` },
      ],
      myLearningUrl: `${site}/`,
      unsubscribeUrl,
    }),
    link: `${site}/`,
    linkText: 'Go to My learning',
  },
  {
    kind: 'due-soon',
    content: dueSoonEmail({ ...reminder, daysLeft: 7 }),
    link: reminder.url,
    linkText: 'Start Spotting phishing emails',
  },
  {
    kind: 'due-today',
    content: dueTodayEmail(reminder),
    link: reminder.url,
    linkText: 'Start Spotting phishing emails',
  },
  { kind: 'overdue', content: overdueEmail(reminder), link: reminder.url, linkText: 'Start Spotting phishing emails' },
  {
    kind: 'evidence-lapsing',
    content: evidenceLapsingEmail({
      firstName: 'Priya',
      items: [
        {
          competencyName: 'Recognises phishing and uses multi-factor authentication',
          domainName: 'Digital identity, wellbeing, safety and security',
          lapsesOn: new Date('2026-11-30T00:00:00Z'),
          moduleTitle: 'Spotting phishing emails',
          url: reminder.url,
        },
      ],
      unsubscribeUrl,
      now: new Date('2026-11-02T07:00:00Z'),
    }),
    link: reminder.url,
    linkText: 'Start Spotting phishing emails',
  },
  {
    kind: 'manager-digest',
    content: managerDigestEmail({
      firstName: 'Priya',
      teams: [
        {
          name: 'Ward 7',
          overduePeople: 3,
          lapsingPeople: 1,
          readinessNowPercent: 64.4,
          readinessLastWeekPercent: 60,
          reportUrl: `${site}/reports/units/ward-7`,
        },
      ],
      unsubscribeUrl,
    }),
    link: `${site}/reports/units/ward-7`,
    linkText: 'Ward 7',
  },
]

/** What a reader sees: the text with every web address taken out (addresses may carry tokens and ids). */
function readable(text: string): string {
  return text.replace(/https?:\/\/\S+/g, '')
}

describe.each(examples)('the $kind email', ({ kind, content, link, linkText }) => {
  test('greets the reader by first name and gives the link in both parts', () => {
    expect(content.text).toContain('Hello Priya,')
    expect(content.text).toContain(link)
    expect(content.html).toContain('Hello Priya,')
    expect(content.html).toContain(`<a href="${link}"`)
  })

  test('its HTML part is a whole, accessible page: English, titled with the subject, links with real words', () => {
    expect(content.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(content.html).toContain(`<title>${content.subject}</title>`)
    expect(content.html).toContain('<meta charset="utf-8">')
    expect(content.html).toMatch(new RegExp(`<a href="${link}" style="[^"]*">${linkText}</a>`))
    expect(content.html).toContain('background-color:#005eb8')
    expect(content.html).toContain('font-size:19px')
    expect(content.html).not.toMatch(/<img|<table|<script/)
    expect(content.html.trimEnd()).toMatch(/<\/html>$/)
  })

  test('says nothing a person should not read: no ids, no framework codes, nothing left unfilled', () => {
    for (const part of [content.subject, readable(content.text), readable(content.html)]) {
      expect(part).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i)
      expect(part).not.toMatch(/\b(SAFE|COMM|TECH|DATA|LEARN|INNOV)\.\d/)
      expect(part).not.toMatch(/undefined|null|NaN|\[object/)
    }
  })

  test('fills exactly the placeholders its Notify template uses', () => {
    expect(Object.keys(content.personalisation).sort()).toEqual([...notifyPlaceholders[kind]].sort())
    expect(content.personalisation['first_name']).toBe('Priya')
    expect(JSON.stringify(content.personalisation)).toContain(link)
  })
})

// A password reset cannot be turned off; every other kind can.
describe.each(examples.filter((example) => example.kind !== 'password-reset'))('the $kind email', ({ content }) => {
  test('ends with why it was sent and a way to stop it', () => {
    expect(content.html).toMatch(/You g[eo]t this email (each week )?because/)
    expect(content.html).toContain(`<a href="${unsubscribeUrl}" style="color:#005eb8;text-decoration:underline;">`)
    expect(content.text).toContain(`Unsubscribe from these emails: ${unsubscribeUrl}`)
  })
})

describe('what a reader notices', () => {
  test('dates are written the UK way, in words', () => {
    const email = dueSoonEmail({ ...reminder, daysLeft: 7 })
    expect(email.subject).toBe('Due in 7 days: Spotting phishing emails')
    expect(email.text).toContain('Spotting phishing emails is due in 7 days, on 30 November 2026.')
    expect(email.personalisation).toMatchObject({ due_date: '30 November 2026', days_left: '7 days' })
    expect(overdueEmail(reminder).text).toContain('was due on 30 November 2026')
  })

  test('subjects say what the email is about', () => {
    expect(passwordResetEmail({ firstName: 'Priya', resetUrl: site, expiresInMinutes: 30 }).subject).toBe(
      'Reset your Digital skills password',
    )
    expect(dueSoonEmail({ ...reminder, daysLeft: 1 }).subject).toBe('Due tomorrow: Spotting phishing emails')
    expect(dueTodayEmail(reminder).subject).toBe('Due today: Spotting phishing emails')
    expect(overdueEmail(reminder).subject).toBe('Overdue: Spotting phishing emails')
    expect(examples.find((e) => e.kind === 'evidence-lapsing')?.content.subject).toBe(
      'Your evidence for Recognises phishing and uses multi-factor authentication runs out on 30 November 2026',
    )
    expect(examples.find((e) => e.kind === 'manager-digest')?.content.subject).toBe('Your teams this week')
  })

  test('a password reset says how long its link works, in minutes as the reset pages do', () => {
    expect(passwordResetEmail({ firstName: 'Priya', resetUrl: site, expiresInMinutes: 60 }).text).toContain(
      'This link works for 60 minutes.',
    )
    expect(passwordResetEmail({ firstName: 'Priya', resetUrl: site, expiresInMinutes: 90 }).text).toContain(
      'This link works for 90 minutes.',
    )
    expect(
      passwordResetEmail({ firstName: 'Priya', resetUrl: site, expiresInMinutes: 120 }).personalisation,
    ).toMatchObject({
      expires_in: '120 minutes',
    })
  })

  test('a reminder mentions earlier reminders only when there were some', () => {
    expect(overdueEmail(reminder).text).not.toContain('reminded you')
    expect(overdueEmail({ ...reminder, timesReminded: 2 }).text).toContain(
      'We have reminded you about this twice before.',
    )
  })

  test('new learning lists each item with its due date, and Notify gets it as a bulleted list', () => {
    const email = examples.find((e) => e.kind === 'assigned')!.content
    expect(email.text).toContain(
      '- Spotting phishing emails, by 30 November 2026\n  https://skills.example.nhs.uk/modules/',
    )
    expect(email.text).toContain('- Using NHSmail safely, by 7 December 2026')
    expect(email.personalisation['items']).toEqual([
      `Spotting phishing emails, by 30 November 2026: ${site}/modules/spotting-phishing`,
      `Using NHSmail safely, by 7 December 2026: ${site}/modules/nhsmail`,
    ])
  })

  test('evidence running out on several skills is listed soonest first, each with the module that renews it', () => {
    const email = evidenceLapsingEmail({
      firstName: 'Priya',
      items: [
        {
          competencyName: 'Shares data lawfully',
          domainName: 'Information, data and content',
          lapsesOn: new Date('2027-01-15T00:00:00Z'),
          moduleTitle: 'Data protection basics',
          url: `${site}/modules/data-protection`,
        },
        {
          competencyName: 'Uses multi-factor authentication',
          domainName: 'Digital identity, wellbeing, safety and security',
          lapsesOn: new Date('2026-12-01T00:00:00Z'),
          moduleTitle: 'Signing in safely',
          url: `${site}/modules/mfa`,
        },
      ],
      now: new Date('2026-11-20T07:00:00Z'),
    })
    expect(email.subject).toBe('Your evidence for 2 skills starts to run out on 1 December 2026')
    const mfa = email.text.indexOf('Uses multi-factor authentication')
    const data = email.text.indexOf('Shares data lawfully')
    expect(mfa).toBeGreaterThan(-1)
    expect(data).toBeGreaterThan(mfa)
    expect(email.html).toContain(`Renew it with <a href="${site}/modules/mfa"`)
    expect(email.text).not.toContain('Unsubscribe')
  })

  test('evidence running out today or tomorrow says so, not the date', () => {
    const lapsing = (lapsesOn: string) =>
      evidenceLapsingEmail({
        firstName: 'Priya',
        items: [
          {
            competencyName: 'Uses multi-factor authentication',
            domainName: 'Digital identity, wellbeing, safety and security',
            lapsesOn: new Date(lapsesOn),
            moduleTitle: 'Signing in safely',
            url: `${site}/modules/mfa`,
          },
        ],
        now: new Date('2026-11-30T07:00:00Z'),
      }).subject
    expect(lapsing('2026-11-30T23:00:00Z')).toBe('Your evidence for Uses multi-factor authentication runs out today')
    expect(lapsing('2026-12-01T12:00:00Z')).toBe('Your evidence for Uses multi-factor authentication runs out tomorrow')
    expect(lapsing('2026-12-02T12:00:00Z')).toBe(
      'Your evidence for Uses multi-factor authentication runs out on 2 December 2026',
    )
  })

  test('the digest gives whole percentages and says which way readiness moved', () => {
    const digest = (now: number, before: number) =>
      managerDigestEmail({
        firstName: 'Priya',
        teams: [
          {
            name: 'Ward 8',
            overduePeople: 1,
            lapsingPeople: 0,
            readinessNowPercent: now,
            readinessLastWeekPercent: before,
            reportUrl: `${site}/reports/units/ward-8`,
          },
        ],
      }).text
    expect(digest(64.4, 60)).toContain(
      '64% of people are ready in every domain for their role, up from 60% last week; 1 person has overdue learning; no one has evidence running out within 30 days.',
    )
    expect(digest(50, 55.2)).toContain('down from 55% last week')
    expect(digest(70.2, 69.8)).toContain('the same as last week')
  })

  test('words from the catalogue are shown as words, never as markup', () => {
    const email = dueTodayEmail({ ...reminder, title: 'Files & folders <basics>' })
    expect(email.html).toContain('Files &amp; folders &lt;basics&gt; is due today.')
    expect(email.html).toContain('<title>Due today: Files &amp; folders &lt;basics&gt;</title>')
    expect(email.text).toContain('Files & folders <basics> is due today.')
  })
})
