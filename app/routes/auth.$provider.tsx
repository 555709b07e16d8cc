import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { ssoStartFormSchema } from '#app/lib/auth/credentials.ts'
import { safeRedirect } from '#app/lib/auth/current-user.server.ts'
import { requestNow } from '#app/lib/auth/request-clock.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { findSsoProvider, type SsoProvider } from '#app/lib/sso/providers.server.ts'
import { startSignIn } from '#app/lib/sso/relying-party.server.ts'

// Starts a sign-in through a single sign-on provider: the sign-in page's button posts here (with the shared
// computer choice); a plain link to /auth/<provider> works too, for an organisation's intranet.

export async function action({ request, params }: ActionFunctionArgs) {
  const provider = requireProvider(params.provider)
  const form = parseForm(await readFormData(request), ssoStartFormSchema)
  const redirectTo = safeRedirect(form.ok ? form.data.redirectTo : undefined)
  return start({ provider, request, redirectTo, shared: form.ok && form.data.shared })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = requireProvider(params.provider)
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  return start({ provider, request, redirectTo, shared: false })
}

function requireProvider(id: string | undefined): SsoProvider {
  const provider = findSsoProvider(id)
  if (!provider) throw new Response('Not found', { status: 404 })
  return provider
}

async function start({
  provider,
  request,
  redirectTo,
  shared,
}: {
  provider: SsoProvider
  request: Request
  redirectTo: string
  shared: boolean
}) {
  let started: Awaited<ReturnType<typeof startSignIn>>
  try {
    started = await startSignIn({ provider, redirectTo, shared, now: requestNow(request) })
  } catch (error) {
    console.warn(`Could not reach ${provider.id} to start a sign-in: ${error instanceof Error ? error.message : error}`)
    throw new Response(
      `Signing in with ${provider.label} is not working at the moment. Try again in a few minutes. If your organisation also lets you use a password, you can sign in with it instead.`,
      { status: 503 },
    )
  }
  return redirect(started.url, { headers: { 'Set-Cookie': started.cookie, 'Cache-Control': 'no-store' } })
}
