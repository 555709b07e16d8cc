// Sign-ins the journeys use. The demo logins come from the seed (db/demo-organisation.ts).
export const DEMO_PASSWORD = 'skills-demo-2026'

export type Role = 'learner' | 'manager' | 'admin'

export const demoAccounts: Record<Role, { email: string; name: string; firstName: string }> = {
  learner: { email: 'learner@example.nhs.uk', name: 'Lauren Learner', firstName: 'Lauren' },
  manager: { email: 'manager@example.nhs.uk', name: 'Mohammed Manager', firstName: 'Mohammed' },
  admin: { email: 'admin@example.nhs.uk', name: 'Alex Admin', firstName: 'Alex' },
}

// Created by the web server command in playwright.config.ts and used only by the change-password
// journey, so changing its password (which ends its other sessions) cannot sign any other test out.
export const passwordChangeAccount = {
  email: 'e2e.password@example.nhs.uk',
  name: 'Pat Password',
  password: 'e2e-start-password-2026',
} as const

// Created by tests/e2e/create-new-starter.ts (see playwright.config.ts): someone who has just joined,
// with no learning history, for the first-steps journey. In a team the demo manager does not manage.
export const newStarterAccount = {
  email: 'e2e.new.starter@example.nhs.uk',
  name: 'Nina Newstarter',
  firstName: 'Nina',
  password: 'e2e-new-starter-2026',
  teamName: 'Community therapy',
} as const

// A member of the demo staff (Harbour Surgery, Fylde Coast) given a password by tests/e2e/create-new-starter.ts,
// so that the staff import journey can take them out of the staff list and see them refused at sign-in.
export const importLeaverAccount = {
  email: 'ewan.jackson.99@example.nhs.uk',
  employeeNumber: '10000099',
  name: 'Ewan Jackson',
  password: 'e2e-leaver-2026',
} as const

// Created by tests/e2e/create-new-starter.ts and used only by the password reset journeys (one each, with and
// without JavaScript, since they run in parallel): resetting a password ends every session of that person, so
// no other journey may sign in as them.
export const passwordResetAccounts = {
  withScript: { email: 'e2e.forgetful@example.nhs.uk', name: 'Fran Forgetful', firstName: 'Fran' },
  withoutScript: { email: 'e2e.forgetful.noscript@example.nhs.uk', name: 'Frankie Forgetful', firstName: 'Frankie' },
} as const
export const PASSWORD_RESET_START_PASSWORD = 'e2e-forgotten-2026'

// Created by tests/e2e/create-new-starter.ts for the background jobs journey: their work address is one the
// test mail server refuses (BOUNCING_DOMAIN in mailbox.ts), so email to them fails for good.
// Learners of the phone and desktop journeys (learner-journeys.spec.ts), one per screen size so the two can run
// side by side; in no team, so that no report the other journeys check counts them.
export const journeyLearners = {
  phone: { email: 'e2e.learner.phone@example.nhs.uk', name: 'Pat Phone', firstName: 'Pat' },
  desktop: { email: 'e2e.learner.desktop@example.nhs.uk', name: 'Dee Desktop', firstName: 'Dee' },
} as const
export const JOURNEY_LEARNER_PASSWORD = 'e2e-journeys-2026'

/**
 * The learner who takes the imported course in tests/e2e/cmi5-course-journey.spec.ts (password
 * JOURNEY_LEARNER_PASSWORD): their own account, because the course moves their readiness, which the demo
 * learner's journeys check.
 */
export const courseJourneyLearner = { email: 'e2e.course.learner@example.nhs.uk', name: 'Cora Course' } as const

export const bouncingAccount = { email: 'e2e.bounce@bounces.example.test', name: 'Bailey Bounce' } as const

// Single sign-on (tests/e2e/set-up-single-sign-on.ts): the demo learner's organisation lets its people use NHSmail
// or a password; an organisation of its own signs in through NHSmail only, with one person in it. At the test
// provider, the login name is the account's email address (any password).
export const ssoOnlyAccount = {
  email: 'e2e.sam.single@example.nhs.uk',
  name: 'Sam Single',
  firstName: 'Sam',
  organisation: 'Coast Community Health (e2e)',
} as const
export const SSO_HELP_CONTACT = 'the digital learning team on 01234 567890'
