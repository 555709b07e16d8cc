import { hashPassword } from '#app/lib/auth/password.server.ts'
import { createUser as createUserRecord } from '#app/lib/auth/users.server.ts'
import type { RoleProfileId } from '#app/lib/org/role-profiles.ts'
import type { OrgUnit } from '#app/lib/org/org-unit.ts'
import { assignManager, setMembership } from '#app/lib/org/memberships.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { findModule } from '#app/lib/content/catalogue.server.ts'
import { startAttempt, submitKnowledgeCheck } from '#app/lib/learning/module-attempt.server.ts'

// Factories for integration tests: each call makes what it needs, with unique names, on the test's own database.
let sequence = 0
const next = () => ++sequence

export const TEST_PASSWORD = 'correct horse battery staple'
let testPasswordHash: Promise<string> | undefined

export interface TestOrg {
  icb: OrgUnit
  organisation: OrgUnit
  directorate: OrgUnit
}

/** An ICB → organisation → directorate chain to hang teams from. */
export async function createOrg(): Promise<TestOrg> {
  const n = next()
  const icb = await createOrgUnit({ code: `icb-${n}`, name: `ICB ${n}`, kind: 'icb' })
  const organisation = await createOrgUnit({
    code: `org-${n}`,
    name: `Trust ${n}`,
    kind: 'organisation',
    parentId: icb.id,
  })
  const directorate = await createOrgUnit({
    code: `dir-${n}`,
    name: `Directorate ${n}`,
    kind: 'directorate',
    parentId: organisation.id,
  })
  return { icb, organisation, directorate }
}

export async function createTeam({ under }: { under?: OrgUnit } = {}): Promise<OrgUnit> {
  const parent = under ?? (await createOrg()).directorate
  const n = next()
  return createOrgUnit({ code: `team-${n}`, name: `Team ${n}`, kind: 'team', parentId: parent.id })
}

export async function createUser({
  team,
  roleProfile = 'clinical',
  isAdmin = false,
  manages = [],
  password = TEST_PASSWORD,
}: {
  team?: OrgUnit
  roleProfile?: RoleProfileId
  isAdmin?: boolean
  manages?: OrgUnit[]
  password?: string
} = {}) {
  const n = next()
  testPasswordHash ??= hashPassword(TEST_PASSWORD)
  const passwordHash = password === TEST_PASSWORD ? await testPasswordHash : await hashPassword(password)
  const email = `person${n}@example.test`
  const user = { ...(await createUserRecord({ email, name: `Person ${n}`, passwordHash, isAdmin })), email }
  // A member since before any history a test writes, so that past weeks count them too.
  if (team) await setMembership({ userId: user.id, teamId: team.id, roleProfile, at: new Date(0) })
  for (const unit of manages) await assignManager({ userId: user.id, unitId: unit.id })
  return user
}

/** How an organisation's people sign in (written directly: the form and its audit are tested on their own). */
export async function setSignInSettings({
  organisation,
  methods,
  providers = ['nhsmail'],
  tenantIds = [],
  emailDomains = [],
  createUnknown = false,
  helpContact = null,
}: {
  organisation: OrgUnit
  methods: 'password' | 'sso' | 'both'
  providers?: string[]
  tenantIds?: string[]
  emailDomains?: string[]
  createUnknown?: boolean
  helpContact?: string | null
}) {
  const { signInSettings } = schema()
  const values = { methods, providers, tenantIds, emailDomains, createUnknown, helpContact, updatedAt: new Date() }
  await db()
    .insert(signInSettings)
    .values({ unitId: organisation.id, ...values })
    .onConflictDoUpdate({ target: signInSettings.unitId, set: values })
}

/** Passes "Spotting and reporting phishing" at 100%, through the same calls as the module's pages. */
export async function passSpottingPhishing(user: { id: string; name: string }) {
  const module = findModule({ slug: 'spotting-phishing', includeDrafts: false })
  if (!module) throw new Error('the spotting-phishing module is missing')
  await startAttempt({ user, module })
  await submitKnowledgeCheck({
    user,
    module,
    answers: {
      'urgent-mailbox': ['report'],
      'check-link': ['hover'],
      clicked: ['tell-it'],
      'nhsmail-report': ['spamreports'],
    },
  })
}
