import { eq } from 'drizzle-orm'
import { hashPassword } from '#app/lib/auth/password.server.ts'
import { createUser, findUserByEmail } from '#app/lib/auth/users.server.ts'
import { closeDatabase, db, schema } from '#app/lib/db.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import { setMembership } from '#app/lib/org/memberships.server.ts'
import {
  bouncingAccount,
  importLeaverAccount,
  JOURNEY_LEARNER_PASSWORD,
  courseJourneyLearner,
  journeyLearners,
  newStarterAccount,
  PASSWORD_RESET_START_PASSWORD,
  passwordResetAccounts,
} from './accounts.ts'

// Run by the Playwright web server command after the demo seed: adds a clinical new starter with no history
// the password reset journeys' people and someone whose email bounces, and gives the staff import journey's leaver a password.
installEffects()
const { orgUnits } = schema()
const [team] = await db().select().from(orgUnits).where(eq(orgUnits.name, newStarterAccount.teamName))
if (!team) throw new Error(`team ${newStarterAccount.teamName} is missing: seed the demo first`)
if (!(await findUserByEmail({ email: newStarterAccount.email }))) {
  const user = await createUser({
    email: newStarterAccount.email,
    name: newStarterAccount.name,
    passwordHash: await hashPassword(newStarterAccount.password),
  })
  await setMembership({ userId: user.id, teamId: team.id, roleProfile: 'clinical', jobTitle: 'Physiotherapist' })
}
for (const account of Object.values(passwordResetAccounts)) {
  if (await findUserByEmail({ email: account.email })) continue
  // In no team, so that no report or team page the other journeys check counts them.
  await createUser({
    email: account.email,
    name: account.name,
    passwordHash: await hashPassword(PASSWORD_RESET_START_PASSWORD),
  })
}
for (const account of [...Object.values(journeyLearners), courseJourneyLearner]) {
  if (await findUserByEmail({ email: account.email })) continue
  await createUser({
    email: account.email,
    name: account.name,
    passwordHash: await hashPassword(JOURNEY_LEARNER_PASSWORD),
  })
}
if (!(await findUserByEmail({ email: bouncingAccount.email })))
  await createUser({ email: bouncingAccount.email, name: bouncingAccount.name, passwordHash: null })
const { users } = schema()
await db()
  .update(users)
  .set({ passwordHash: await hashPassword(importLeaverAccount.password) })
  .where(eq(users.email, importLeaverAccount.email))
await closeDatabase()
