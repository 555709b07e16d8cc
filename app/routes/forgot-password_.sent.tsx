import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { RESET_LINK_LIFETIME_MINUTES } from '#app/lib/auth/reset-link.ts'
import { ssoProviders } from '#app/lib/sso/providers.server.ts'

export const meta: MetaFunction = () => [{ title: 'Check your email – Digital skills' }]

export function loader() {
  return { providerLabels: ssoProviders().map((provider) => provider.label) }
}

// Shown after every request for a link, whether or not one was sent, so it must read true either way: the part
// about single sign-on is the same for everyone, never about the address given.
export default function ResetLinkSentPage() {
  const { providerLabels } = useLoaderData<typeof loader>()
  const [label] = providerLabels
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Check your email</h1>
        <p>
          If an account uses that email address, we have sent a link to reset its password. The link works for{' '}
          {RESET_LINK_LIFETIME_MINUTES} minutes.
        </p>
        <p>If several people share the email address, each of them gets their own link.</p>
        {label ? (
          <p>
            {`If your organisation uses ${providerLabels.join(' or ')} to sign in, you do not need a password for this service, so no link is sent: `}
            <Link to="/login">{`go back and choose “Sign in with ${label}”`}</Link>.
          </p>
        ) : null}
        <p>
          If nothing arrives within a few minutes, check your junk email folder, or{' '}
          <Link to="/forgot-password">ask for another link</Link>.
        </p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  )
}
