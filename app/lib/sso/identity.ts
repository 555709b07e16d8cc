import type { SsoProviderType } from '#app/lib/sso-settings.ts'

// What a validated ID token says about who signed in, reduced to what linking needs. The key of an account at a
// provider is never its email: for Microsoft Entra ID it is the tenant id and object id (tid, oid), stable for
// the life of the account in that tenant (`sub` differs per application, and email and UPN can change); for
// other providers it is the issuer and `sub`, as OpenID Connect defines.

export interface Identity {
  provider: string
  /** Entra: the tenant id (tid); other providers: the issuer (iss). */
  issuer: string
  /** Entra: the object id (oid); other providers: sub. */
  subject: string
  /** Entra only: the tenant id, which the organisations' allow-lists name. */
  tenantId: string | null
  email: string | null
  /** The provider says it has checked the address belongs to them (the email_verified claim). */
  emailVerified: boolean
  name: string | null
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)

/** The identity in these claims, or why it cannot be used (a claim the key needs is missing). */
export function identityFromClaims({
  provider,
  type,
  claims,
}: {
  provider: string
  type: SsoProviderType
  claims: Record<string, unknown>
}): { ok: true; identity: Identity } | { ok: false; missing: string } {
  let issuer: string | null
  let subject: string | null
  let tenantId: string | null = null
  if (type === 'entra') {
    tenantId = text(claims.tid)?.toLowerCase() ?? null
    if (!tenantId || !GUID.test(tenantId)) return { ok: false, missing: 'tid' }
    subject = text(claims.oid)?.toLowerCase() ?? null
    if (!subject) return { ok: false, missing: 'oid' }
    issuer = tenantId
  } else {
    issuer = text(claims.iss)
    if (!issuer) return { ok: false, missing: 'iss' }
    subject = text(claims.sub)
    if (!subject) return { ok: false, missing: 'sub' }
  }
  // Entra sends `email` only when the app asks for it as an optional claim; the sign-in name
  // (preferred_username) is an address too for most accounts, but is never taken as verified.
  const email = [text(claims.email), type === 'entra' ? text(claims.preferred_username) : null]
    .map((value) => value?.toLowerCase() ?? null)
    .find((value) => value !== null && EMAIL.test(value))
  return {
    ok: true,
    identity: {
      provider,
      issuer,
      subject,
      tenantId,
      email: email ?? null,
      emailVerified: claims.email_verified === true && email === text(claims.email)?.toLowerCase(),
      name: text(claims.name),
    },
  }
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase()
}
