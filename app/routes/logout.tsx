import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getSession } from '#app/lib/auth/current-user.server.ts'
import { blankSessionCookie, invalidateSession } from '#app/lib/auth/session.server.ts'

export async function action({ request }: ActionFunctionArgs) {
  const current = await getSession(request)
  if (current) await invalidateSession({ sessionId: current.session.id })
  return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie() } })
}

export function loader() {
  return redirect('/')
}
