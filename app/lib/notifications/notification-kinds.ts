import { z } from 'zod'
import { type EmailKind } from '#app/lib/email/outgoing-email.ts'

// The reminder emails people can choose about, in the words staff see on their account page, the unsubscribe page
// and the administrators' email rules. A password reset is not among them: it is how someone gets back into their
// account, so it is always sent and never offered as a choice.

export type ReminderKind = Exclude<EmailKind, 'password-reset'>

export const reminderKinds = [
  'assigned',
  'due-soon',
  'due-today',
  'overdue',
  'evidence-lapsing',
  'manager-digest',
] as const satisfies readonly ReminderKind[]

export const reminderKindSchema = z.enum(reminderKinds, { error: 'Choose from the emails listed' })

export interface ReminderKindWords {
  /** What the email is about, as a checkbox label: "Learning due soon". */
  label: string
  /** When it is sent, in one line. */
  description: string
  /** What the emails are about, to finish "Stop emails about …": "learning due soon". */
  about: string
  /** The same for administrators, who read about other people's emails: "Learning due in 7 days". */
  adminLabel: string
  adminDescription: string
  /** Only people who manage a unit get it, so only they are offered it. */
  managersOnly?: true
}

export const reminderKindWords: Record<ReminderKind, ReminderKindWords> = {
  assigned: {
    label: 'New learning for you',
    description: 'When you are given new learning. At most one email a day.',
    about: 'new learning given to you',
    adminLabel: 'New learning assigned',
    adminDescription: 'When someone is given new learning. At most one email a day.',
  },
  'due-soon': {
    label: 'Learning due soon',
    description: '7 days before learning you have been given is due.',
    about: 'learning due soon',
    adminLabel: 'Learning due in 7 days',
    adminDescription: '7 days before assigned learning is due.',
  },
  'due-today': {
    label: 'Learning due today',
    description: 'On the day learning you have been given is due.',
    about: 'learning due today',
    adminLabel: 'Learning due today',
    adminDescription: 'On the day assigned learning is due.',
  },
  overdue: {
    label: 'Overdue learning',
    description: 'The day after learning was due, then once a week, at most 4 times.',
    about: 'overdue learning',
    adminLabel: 'Overdue learning',
    adminDescription: 'The day after assigned learning was due, then once a week, at most 4 times.',
  },
  'evidence-lapsing': {
    label: 'Skills about to run out',
    description: 'When evidence of one of your skills will run out within 30 days and nothing newer covers it.',
    about: 'skills that are about to run out',
    adminLabel: 'Evidence about to run out',
    adminDescription: "When evidence of someone's skill will run out within 30 days and nothing newer covers it.",
  },
  'manager-digest': {
    label: 'Weekly summary of your teams',
    description: 'Once a week: how ready the teams you manage are, and how many people have learning overdue.',
    about: 'the teams you manage',
    adminLabel: 'Weekly summary for managers',
    adminDescription:
      'Once a week, to each manager: how ready their teams are, and how many people have learning overdue.',
    managersOnly: true,
  },
}

export function isReminderKind(kind: string): kind is ReminderKind {
  return (reminderKinds as readonly string[]).includes(kind)
}

/** The reminder kinds someone may get: all of them for a manager, all but the managers' summary for anyone else. */
export function reminderKindsFor({ manager }: { manager: boolean }): ReminderKind[] {
  return reminderKinds.filter((kind) => manager || !reminderKindWords[kind].managersOnly)
}

/** The kinds as administrators' labels, in the order of reminderKinds: how the audit log records a list of them. */
export function kindLabels(kinds: Iterable<ReminderKind>): string[] {
  const chosen = new Set(kinds)
  return reminderKinds.filter((kind) => chosen.has(kind)).map((kind) => reminderKindWords[kind].adminLabel)
}
