import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { RESET_LINK_LIFETIME_MINUTES } from '#app/lib/auth/reset-link.ts'

export const meta: MetaFunction = () => [{ title: 'Check your email – Digital skills' }]

// Shown after every request for a link, whether or not one was sent, so it must read true either way.
export default function ResetLinkSentPage() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Check your email</h1>
        <p>
          If an account uses that email address, we have sent a link to reset its password. The link works for{' '}
          {RESET_LINK_LIFETIME_MINUTES} minutes.
        </p>
        <p>If several people share the email address, each of them gets their own link.</p>
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
