import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { SsoRefusalPage, type SsoRefusalKind } from '#app/components/sign-in/sso-refusal.tsx'
import { safeRedirect } from '#app/lib/auth/current-user.server.ts'
import { requestNow } from '#app/lib/auth/request-clock.server.ts'
import { createSession, sessionCookie } from '#app/lib/auth/session.server.ts'
import { passwordAllowed, personSignIn } from '#app/lib/auth/sign-in-methods.server.ts'
import { identityFromClaims } from '#app/lib/sso/identity.ts'
import { signInWithIdentity } from '#app/lib/sso/link.server.ts'
import { findSsoProvider } from '#app/lib/sso/providers.server.ts'
import { endSessionUrl, finishSignIn } from '#app/lib/sso/relying-party.server.ts'
import { hintCookie } from '#app/lib/sso/sign-in-hint.server.ts'
import { clearStateCookie } from '#app/lib/sso/state-cookie.server.ts'

// Where a provider sends the browser back. Any instance can answer: what it needs is in the signed state cookie
// and the database. Every answer forgets the state cookie, so a callback address works once.

export const meta: MetaFunction = () => [{ title: 'Signing in – Digital skills' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = findSsoProvider(params.provider)
  if (!provider) throw new Response('Not found', { status: 404 })
  const now = requestNow(request)
  const headers = new Headers({ 'Set-Cookie': clearStateCookie(), 'Cache-Control': 'no-store' })
  const names = { providerLabel: provider.label, providerName: provider.name }

  const finished = await finishSignIn({ provider, request, now })
  if (!finished.ok) {
    const kind: SsoRefusalKind = finished.problem === 'cancelled' ? 'cancelled' : 'failed'
    return data({ kind, ...names, email: null, contacts: [], providerSignOut: null }, { status: 400, headers })
  }
  const claims = identityFromClaims({ provider: provider.id, type: provider.type, claims: finished.claims })
  if (!claims.ok) {
    console.warn(`Single sign-on with ${provider.id}: the ID token has no ${claims.missing} claim`)
    return data(
      { kind: 'failed' as SsoRefusalKind, ...names, email: null, contacts: [], providerSignOut: null },
      { status: 400, headers },
    )
  }
  const { identity } = claims
  const outcome = await signInWithIdentity({ provider, identity, now })
  if (!outcome.ok) {
    const providerSignOut = await endSessionUrl(provider)
    return data(
      { kind: outcome.refusal, ...names, email: identity.email, contacts: outcome.contacts, providerSignOut },
      { status: 403, headers },
    )
  }
  const { shared, redirectTo } = finished.state
  const { token, session } = await createSession({ userId: outcome.userId, now, shared, signInProvider: provider.id })
  headers.append('Set-Cookie', sessionCookie({ token, expiresAt: session.expiresAt, shared }))
  if (!shared) {
    const { methods } = await personSignIn({ userId: outcome.userId })
    if (!passwordAllowed({ methods, isAdmin: false })) headers.append('Set-Cookie', hintCookie(provider))
  }
  return redirect(safeRedirect(redirectTo), { headers })
}

export default function SsoCallbackPage() {
  const refusal = useLoaderData<typeof loader>()
  return <SsoRefusalPage {...refusal} />
}
