// The demo ICB: fictional organisations in a real place. Its staff (3 organisations, 12 teams, about 150
// people) are in db/demo-staff.csv, which the seed loads through the staff import.

export const demoIcb = { code: 'lsc-icb', name: 'Lancashire and South Cumbria ICB (demo)' }

export const DEMO_PASSWORD = 'skills-demo-2026'

/** The demo logins: people in the demo staff list (db/demo-staff.csv) whom the seed gives a password. */
export const demoLogins = [
  {
    role: 'learner',
    email: 'learner@example.nhs.uk',
    name: 'Lauren Learner',
    isAdmin: false,
  },
  {
    role: 'manager',
    email: 'manager@example.nhs.uk',
    name: 'Mohammed Manager',
    isAdmin: false,
  },
  {
    role: 'admin',
    email: 'admin@example.nhs.uk',
    name: 'Alex Admin',
    isAdmin: true,
  },
] as const
