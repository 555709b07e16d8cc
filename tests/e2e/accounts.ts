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
