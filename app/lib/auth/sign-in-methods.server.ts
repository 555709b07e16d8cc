import { and, eq, inArray, ne } from 'drizzle-orm'
import { db, type Schema, schema } from '#app/lib/db.server.ts'

// How each organisation's people sign in (docs/decisions/015-single-sign-on.md): with a password, through single
// sign-on only, or either. An organisation without settings uses passwords. Administrators can always use their
// password as well ("break glass"), so that a provider's outage cannot lock everyone out of the administration.

export type SignInMethods = 'password' | 'sso' | 'both'

export interface OrganisationSignIn {
  unitId: string
  organisationName: string
  methods: SignInMethods
  /** Ids of the single sign-on providers its people may use. */
  providers: string[]
  /** Microsoft Entra ID tenants (directory ids) whose sign-ins it accepts, lower case. */
  tenantIds: string[]
  /** Email domains (lower case) its providers are trusted to vouch for when linking someone by work email. */
  emailDomains: string[]
  /** Someone unknown who signs in through a trusted provider is added, unplaced, rather than refused. */
  createUnknown: boolean
  /** Whom its staff should contact about signing in, in the organisation's words. */
  helpContact: string | null
}

export const DEFAULT_SIGN_IN = {
  methods: 'password',
  providers: [],
  tenantIds: [],
  emailDomains: [],
  createUnknown: false,
  helpContact: null,
} as const satisfies Omit<OrganisationSignIn, 'unitId' | 'organisationName'>

/**
 * The organisation a person belongs to: the one named by their HR record (organisation code), or else the
 * organisation above their current team. Null for someone in neither (an administrator added by hand, or
 * someone added at their first single sign-on and not yet placed).
 */
export async function organisationOf({ userId }: { userId: string }): Promise<{ id: string; name: string } | null> {
  const { users, orgUnits, memberships, orgUnitClosure } = schema()
  const [fromHr] = await db()
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, and(eq(orgUnits.code, users.organisationCode), eq(orgUnits.kind, 'organisation')))
    .where(eq(users.id, userId))
  if (fromHr) return fromHr
  const [fromTeam] = await db()
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(memberships)
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.descendantId, memberships.teamId))
    .innerJoin(orgUnits, and(eq(orgUnits.id, orgUnitClosure.ancestorId), eq(orgUnits.kind, 'organisation')))
    .where(eq(memberships.userId, userId))
  return fromTeam ?? null
}

type SettingsRow = Schema['signInSettings']['$inferSelect']

function fromRow(organisation: { id: string; name: string }, row: SettingsRow | undefined): OrganisationSignIn {
  if (!row) {
    return {
      unitId: organisation.id,
      organisationName: organisation.name,
      ...DEFAULT_SIGN_IN,
      providers: [],
      tenantIds: [],
      emailDomains: [],
    }
  }
  return {
    unitId: organisation.id,
    organisationName: organisation.name,
    methods: row.methods,
    providers: row.providers,
    tenantIds: row.tenantIds,
    emailDomains: row.emailDomains,
    createUnknown: row.createUnknown,
    helpContact: row.helpContact,
  }
}

/** An organisation's settings (the defaults when it has none). */
export async function signInSettingsOf({
  organisation,
}: {
  organisation: { id: string; name: string }
}): Promise<OrganisationSignIn> {
  const { signInSettings } = schema()
  const [row] = await db().select().from(signInSettings).where(eq(signInSettings.unitId, organisation.id))
  return fromRow(organisation, row)
}

/** Every organisation that lets its people use single sign-on (methods sso or both), with its settings. */
export async function organisationsUsingSso(): Promise<OrganisationSignIn[]> {
  const { signInSettings, orgUnits } = schema()
  const rows = await db()
    .select({ settings: signInSettings, name: orgUnits.name })
    .from(signInSettings)
    .innerJoin(orgUnits, eq(orgUnits.id, signInSettings.unitId))
    .where(ne(signInSettings.methods, 'password'))
  return rows.map(({ settings, name }) => fromRow({ id: settings.unitId, name }, settings))
}

/** How a person may sign in: their organisation's settings (null organisation: passwords, unless SSO-linked). */
export async function personSignIn({ userId }: { userId: string }) {
  const organisation = await organisationOf({ userId })
  const settings = organisation ? await signInSettingsOf({ organisation }) : null
  return { organisation, methods: settings?.methods ?? DEFAULT_SIGN_IN.methods, settings }
}

/** Whether someone may sign in with a password: not when their organisation uses single sign-on only, unless an administrator. */
export function passwordAllowed({ methods, isAdmin }: { methods: SignInMethods; isAdmin: boolean }): boolean {
  return isAdmin || methods !== 'sso'
}

/** The people among these whose organisation uses single sign-on only and who are not administrators. */
export async function ssoOnlyPeople({ userIds }: { userIds: string[] }): Promise<Set<string>> {
  const result = new Set<string>()
  if (userIds.length === 0) return result
  const { users } = schema()
  const people = await db()
    .select({ id: users.id, isAdmin: users.isAdmin })
    .from(users)
    .where(inArray(users.id, userIds))
  for (const person of people) {
    if (person.isAdmin) continue
    const { methods } = await personSignIn({ userId: person.id })
    if (!passwordAllowed({ methods, isAdmin: false })) result.add(person.id)
  }
  return result
}
