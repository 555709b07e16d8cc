import { eq } from 'drizzle-orm'
import { organisationOf } from '#app/lib/auth/sign-in-methods.server.ts'
import { createUser, findUserByEmail } from '#app/lib/auth/users.server.ts'
import { closeDatabase, db, schema } from '#app/lib/db.server.ts'
import { installEffects } from '#app/lib/install-effects.server.ts'
import { setMembership } from '#app/lib/org/memberships.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { saveSignInSettings } from '#app/lib/sso/sign-in-settings.server.ts'
import { TEST_TENANT } from '#tests/oidc-test-client.ts'
import { demoAccounts, SSO_HELP_CONTACT, ssoOnlyAccount } from './accounts.ts'

// Run by the Playwright web server command after the demo seed, with the app's environment (so NHSmail is a
// configured provider): the demo learner's organisation accepts NHSmail sign-ins from the test tenant as well as
// passwords, and a small organisation of its own signs in through NHSmail only.
installEffects()
const admin = await findUserByEmail({ email: demoAccounts.admin.email })
const learner = await findUserByEmail({ email: demoAccounts.learner.email })
if (!admin || !learner) throw new Error('the demo logins are missing: seed the demo first')
const actor = { id: admin.id, name: admin.name, isAdmin: true }
const trustTestTenant = (methods: 'both' | 'sso') => ({
  methods,
  providers: ['nhsmail'],
  tenantIds: [TEST_TENANT],
  emailDomains: [],
  createUnknown: 'no' as const,
  helpContact: SSO_HELP_CONTACT,
})

const learnersOrganisation = await organisationOf({ userId: learner.id })
if (!learnersOrganisation) throw new Error('the demo learner has no organisation')
await saveSignInSettings({ actor, unitId: learnersOrganisation.id, form: trustTestTenant('both') })

if (!(await findUserByEmail({ email: ssoOnlyAccount.email }))) {
  const { orgUnits } = schema()
  const [icb] = await db().select().from(orgUnits).where(eq(orgUnits.kind, 'icb'))
  if (!icb) throw new Error('the demo ICB is missing')
  const organisation = await createOrgUnit({
    code: 'e2e-sso-only',
    name: ssoOnlyAccount.organisation,
    kind: 'organisation',
    parentId: icb.id,
  })
  const team = await createOrgUnit({
    code: 'e2e-sso-only > Community nursing',
    name: 'Community nursing (e2e)',
    kind: 'team',
    parentId: organisation.id,
  })
  await saveSignInSettings({ actor, unitId: organisation.id, form: trustTestTenant('sso') })
  const person = await createUser({ email: ssoOnlyAccount.email, name: ssoOnlyAccount.name, passwordHash: null })
  await setMembership({ userId: person.id, teamId: team.id, roleProfile: 'clinical', jobTitle: 'District nurse' })
}
await closeDatabase()
