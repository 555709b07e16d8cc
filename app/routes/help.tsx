import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { helpContact } from '#app/lib/env.server.ts'

export const meta: MetaFunction = () => [{ title: 'Get help – Digital skills' }]

// Open to everyone, signed in or not: someone who cannot sign in needs it most. The contact comes from settings.
export function loader() {
  return { contact: helpContact }
}

export default function HelpPage() {
  const { contact } = useLoaderData<typeof loader>()
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Get help</h1>
        <h2>Contact us</h2>
        <p>{contact.text}</p>
        {contact.email ? (
          <p>
            Email: <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </p>
        ) : null}
        <h2>Signing in</h2>
        <p>
          If you have forgotten your password, you can <Link to="/forgot-password">reset your password</Link>. If you
          sign in with your NHS email account, your IT service desk can help with that account.
        </p>
        <h2>Using the service</h2>
        <p>
          Modules are short and save your place as you go, so you can stop and carry on later on any device. Your
          manager can see your progress and the learning assigned to you.
        </p>
        <h2>Accessibility</h2>
        <p>
          Read our <Link to="/accessibility">accessibility statement</Link> to find out how accessible this service is
          and how to report a problem.
        </p>
      </div>
    </div>
  )
}
