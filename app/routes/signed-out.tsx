import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { findSsoProvider } from '#app/lib/sso/providers.server.ts'
import { endSessionUrl } from '#app/lib/sso/relying-party.server.ts'

// After signing out of a session started through a provider. Our session has ended; the person may still be
// signed in at the provider (NHSmail stays signed in on this browser), which on a shared computer lets the next
// person straight back in. Offer the provider's own sign-out when it advertises one (end_session_endpoint).

export const meta: MetaFunction = () => [{ title: 'You have signed out – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const provider = findSsoProvider(new URL(request.url).searchParams.get('from') ?? undefined)
  if (!provider) throw redirect('/login')
  return { label: provider.label, providerSignOut: await endSessionUrl(provider) }
}

export default function SignedOutPage() {
  const { label, providerSignOut } = useLoaderData<typeof loader>()
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>You have signed out of digital skills</h1>
        {providerSignOut ? (
          <>
            <p>{`You may still be signed in to ${label} in this browser. If this is a shared computer, sign out of ${label} too, so that the next person cannot use your account.`}</p>
            <p>
              <a className="nhsuk-button" href={providerSignOut} role="button">
                {`Sign out of ${label} too`}
              </a>
            </p>
          </>
        ) : (
          <p>{`You may still be signed in to ${label} in this browser. If this is a shared computer, close the browser when you have finished.`}</p>
        )}
        <p>
          <Link to="/login">Sign in again</Link>
        </p>
      </div>
    </div>
  )
}
