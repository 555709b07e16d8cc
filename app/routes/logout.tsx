import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getSession } from '#app/lib/auth/current-user.server.ts'
import { blankSessionCookie, invalidateSession } from '#app/lib/auth/session.server.ts'
import { findSsoProvider } from '#app/lib/sso/providers.server.ts'

export async function action({ request }: ActionFunctionArgs) {
  const current = await getSession(request)
  if (current) await invalidateSession({ sessionId: current.session.id })
  const headers = { 'Set-Cookie': blankSessionCookie() }
  // Signed in through a provider: say so, and offer to sign out there too (see signed-out.tsx).
  const provider = findSsoProvider(current?.session.signInProvider ?? undefined)
  if (provider) return redirect(`/signed-out?${new URLSearchParams({ from: provider.id })}`, { headers })
  return redirect('/login', { headers })
}

export function loader() {
  return redirect('/')
}
