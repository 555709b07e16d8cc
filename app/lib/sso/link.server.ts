import { and, eq, ne, or } from 'drizzle-orm'
import { recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { organisationOf, organisationsUsingSso, type OrganisationSignIn } from '#app/lib/auth/sign-in-methods.server.ts'
import { findUserById, findUsersByEmail, recordSignIn } from '#app/lib/auth/users.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { emailDomain, type Identity } from './identity.ts'
import type { SsoProvider } from './providers.server.ts'

// Who someone is once a provider has vouched for them (docs/decisions/015-single-sign-on.md):
//
// 1. Only organisations that use single sign-on, with this provider (and, for Microsoft Entra ID, this tenant on
//    their allow-list), trust the sign-in at all. A validly signed token from any other tenant is refused.
// 2. An account already linked (provider, issuer, subject) is that person, whatever email it now has.
// 3. Otherwise someone may be linked by work email, once: only when the provider vouches for the address (it says
//    the address is verified, or its domain is one the person's organisation lists), only to one person, and
//    never to a person who already has a different account at this provider: no takeover.
// 4. Nobody to link to: refused with whom to contact, or, where an organisation allows it, added unplaced.
// Suspended people are refused at every step.

export type SsoRefusal =
  /** No organisation here trusts this provider or tenant. */
  | 'not-trusted'
  /** The person's own organisation does not let them sign in this way. */
  | 'not-allowed'
  | 'suspended'
  /** Nobody here to link the account to. */
  | 'unknown'
  /** The person with that email already has a different account at this provider linked. */
  | 'already-linked'
  /** Several people share that email address, so it cannot say which one signed in. */
  | 'ambiguous'

/** An organisation whose people might be signing in, and whom they should contact. */
export interface SignInContact {
  organisation: string
  helpContact: string | null
}

export type SsoOutcome =
  | { ok: true; userId: string; linked: boolean; created: boolean }
  | { ok: false; refusal: SsoRefusal; contacts: SignInContact[] }

/** The organisations that accept a sign-in from this provider and tenant. */
async function trustingOrganisations(provider: SsoProvider, identity: Identity): Promise<OrganisationSignIn[]> {
  const organisations = await organisationsUsingSso()
  return organisations.filter(
    (organisation) =>
      organisation.providers.includes(provider.id) &&
      (provider.type !== 'entra' || (identity.tenantId !== null && organisation.tenantIds.includes(identity.tenantId))),
  )
}

const contactsOf = (organisations: OrganisationSignIn[]): SignInContact[] =>
  organisations.map((organisation) => ({
    organisation: organisation.organisationName,
    helpContact: organisation.helpContact,
  }))

/**
 * Whether this person may sign in with this sign-in: their organisation must be one that trusts it. Someone in no
 * organisation (an administrator added by hand, someone not yet placed) may when any organisation trusts it.
 */
async function organisationAllows(userId: string, trusting: OrganisationSignIn[]) {
  const organisation = await organisationOf({ userId })
  const own = organisation ? (trusting.find((candidate) => candidate.unitId === organisation.id) ?? null) : null
  return { allowed: organisation ? own !== null : trusting.length > 0, own, organisation }
}

/** Signs in (or refuses) the person behind a validated identity. */
export async function signInWithIdentity({
  provider,
  identity,
  now = new Date(),
}: {
  provider: SsoProvider
  identity: Identity
  now?: Date
}): Promise<SsoOutcome> {
  const trusting = await trustingOrganisations(provider, identity)
  if (trusting.length === 0) return { ok: false, refusal: 'not-trusted', contacts: [] }

  const linked = await findIdentity(identity)
  if (linked) {
    const person = await findUserById({ id: linked.userId })
    if (!person) return { ok: false, refusal: 'unknown', contacts: contactsOf(trusting) }
    const { allowed, own } = await organisationAllows(person.id, trusting)
    if (person.suspendedAt) return { ok: false, refusal: 'suspended', contacts: contactsOf(own ? [own] : trusting) }
    if (!allowed) return { ok: false, refusal: 'not-allowed', contacts: [] }
    const { userIdentities } = schema()
    // The email is the provider's latest word on it, kept to show; it never decides who this is.
    await db()
      .update(userIdentities)
      .set({ lastUsedAt: now, email: identity.email })
      .where(eq(userIdentities.id, linked.id))
    await recordSignIn({ userId: person.id, at: now })
    return { ok: true, userId: person.id, linked: false, created: false }
  }

  if (identity.email) {
    const sameEmail = await findUsersByEmail({ email: identity.email })
    if (sameEmail.length > 0) return linkByEmail({ provider, identity, trusting, people: sameEmail, now })
  }
  return createOrRefuse({ provider, identity, trusting, now })
}

async function linkByEmail({
  provider,
  identity,
  trusting,
  people,
  now,
}: {
  provider: SsoProvider
  identity: Identity
  trusting: OrganisationSignIn[]
  people: Awaited<ReturnType<typeof findUsersByEmail>>
  now: Date
}): Promise<SsoOutcome> {
  const domain = identity.email ? emailDomain(identity.email) : ''
  // Vouched: the provider says it verified the address, or it is in a domain the organisation says this sign-in
  // speaks for (the person's own organisation; for someone in none, any organisation that trusts it).
  const vouched = (own: OrganisationSignIn | null) =>
    identity.emailVerified ||
    (own ? [own] : trusting).flatMap((organisation) => organisation.emailDomains).includes(domain)
  const eligible: { person: (typeof people)[number]; own: OrganisationSignIn | null }[] = []
  let elsewhere = false
  for (const person of people) {
    const { allowed, own } = await organisationAllows(person.id, trusting)
    if (allowed && vouched(own)) eligible.push({ person, own })
    else if (!allowed && vouched(null)) elsewhere = true
  }
  // Only an address the provider vouches for learns that its person's organisation does not sign in this way;
  // any other is simply not known here.
  if (eligible.length === 0) {
    return elsewhere
      ? { ok: false, refusal: 'not-allowed', contacts: [] }
      : { ok: false, refusal: 'unknown', contacts: contactsOf(trusting) }
  }
  if (eligible.length > 1) return { ok: false, refusal: 'ambiguous', contacts: contactsOf(trusting) }
  const [{ person, own }] = eligible as [(typeof eligible)[number]]
  const contacts = contactsOf(own ? [own] : trusting)
  if (person.suspendedAt) return { ok: false, refusal: 'suspended', contacts }
  if (await hasOtherAccountAt(person.id, identity)) return { ok: false, refusal: 'already-linked', contacts }

  const userId = await transaction(async () => {
    await insertIdentity({ userId: person.id, identity, now })
    await recordAudit({
      actor: { id: person.id, name: person.name },
      at: now,
      entries: [
        {
          action: 'person.sso-linked',
          subjectType: 'person',
          subjectId: person.id,
          subjectName: person.name,
          after: { signInService: provider.name, email: identity.email, linkedBy: 'Their work email' },
        },
      ],
    })
    return person.id
  }).catch(retryWhenTaken)
  // Another request linked this account at the same moment: whatever it linked is the answer.
  if (!userId) return signInWithIdentity({ provider, identity, now })
  await recordSignIn({ userId, at: now })
  return { ok: true, userId, linked: true, created: false }
}

async function createOrRefuse({
  provider,
  identity,
  trusting,
  now,
}: {
  provider: SsoProvider
  identity: Identity
  trusting: OrganisationSignIn[]
  now: Date
}): Promise<SsoOutcome> {
  const adding = trusting.filter((organisation) => organisation.createUnknown)
  if (adding.length === 0) return { ok: false, refusal: 'unknown', contacts: contactsOf(trusting) }
  const domains = adding.flatMap((organisation) => organisation.emailDomains)
  // Their email only if the provider vouches for it: reminders must not go to an address nobody checked.
  const email =
    identity.email && (identity.emailVerified || domains.includes(emailDomain(identity.email))) ? identity.email : null
  const name = identity.name ?? email ?? 'New person'
  const { users } = schema()
  const userId = await transaction(async () => {
    const [person] = await db().insert(users).values({ name, email, passwordHash: null }).returning({ id: users.id })
    if (!person) throw new Error('insert returned no user')
    await insertIdentity({ userId: person.id, identity, now })
    await recordAudit({
      actor: { id: null, name: `${provider.name} sign-in` },
      at: now,
      entries: [
        {
          action: 'person.created',
          subjectType: 'person',
          subjectId: person.id,
          subjectName: name,
          after: {
            name,
            email,
            signInService: provider.name,
            team: 'None yet: added at their first sign-in, for an administrator to place',
          },
        },
      ],
    })
    return person.id
  }).catch(retryWhenTaken)
  if (!userId) return signInWithIdentity({ provider, identity, now })
  await recordSignIn({ userId, at: now })
  return { ok: true, userId, linked: true, created: true }
}

/**
 * Thrown inside a transaction when the identity, or an account at the same provider for the person, was linked
 * by another request meanwhile: the transaction rolls back (with any person it added) and the sign-in is
 * worked out again from what is now stored.
 */
class IdentityTaken extends Error {}

function retryWhenTaken(error: unknown): null {
  if (error instanceof IdentityTaken) return null
  throw error
}

/** Links the identity to the person, unless the unique indexes say someone got there first (IdentityTaken). */
async function insertIdentity({ userId, identity, now }: { userId: string; identity: Identity; now: Date }) {
  const { userIdentities } = schema()
  const rows = await db()
    .insert(userIdentities)
    .values({
      userId,
      provider: identity.provider,
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
      createdAt: now,
      lastUsedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: userIdentities.id })
  if (rows.length === 0) throw new IdentityTaken()
}

async function findIdentity(identity: Identity) {
  const { userIdentities } = schema()
  const [row] = await db()
    .select({ id: userIdentities.id, userId: userIdentities.userId })
    .from(userIdentities)
    .where(
      and(
        eq(userIdentities.provider, identity.provider),
        eq(userIdentities.issuer, identity.issuer),
        eq(userIdentities.subject, identity.subject),
      ),
    )
  return row ?? null
}

/**
 * Whether the person has an account at this provider other than this identity. This identity itself may have been
 * linked a moment ago by a first sign-in at the same time: that is no takeover, and the insert that follows finds
 * it taken and signs in with it.
 */
async function hasOtherAccountAt(userId: string, identity: Identity): Promise<boolean> {
  const { userIdentities } = schema()
  const [row] = await db()
    .select({ id: userIdentities.id })
    .from(userIdentities)
    .where(
      and(
        eq(userIdentities.userId, userId),
        eq(userIdentities.provider, identity.provider),
        or(ne(userIdentities.issuer, identity.issuer), ne(userIdentities.subject, identity.subject)),
      ),
    )
    .limit(1)
  return Boolean(row)
}
