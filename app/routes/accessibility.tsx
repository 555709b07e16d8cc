import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { helpContact } from '#app/lib/env.server.ts'

export const meta: MetaFunction = () => [{ title: 'Accessibility statement – Digital skills' }]

export function loader() {
  return { contact: helpContact }
}

// The accessibility statement NHS services publish, in the shape of the GOV.UK model statement.
export default function AccessibilityStatementPage() {
  const { contact } = useLoaderData<typeof loader>()
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement</h1>
        <p>This statement applies to the Digital skills service for health and care staff.</p>
        <p>
          We want as many people as possible to be able to use this service. For example, that means you should be able
          to:
        </p>
        <ul>
          <li>change colours, contrast levels and fonts using your browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>use it on a phone as well as on a computer</li>
          <li>get around it using just a keyboard</li>
          <li>use it with a screen reader and speech recognition software</li>
          <li>fill in every form with JavaScript turned off</li>
        </ul>
        <p>We have also made the text as simple as possible to understand.</p>

        <h2>How accessible this service is</h2>
        <p>
          The service is built with the NHS digital service manual&apos;s styles and patterns. Every page is checked
          automatically against the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA when it changes, at a
          phone&apos;s width and a computer&apos;s.
        </p>
        <p>We know some parts are not fully accessible:</p>
        <ul>
          <li>
            some charts in the team reports give their figures in a table below the chart rather than in the chart
          </li>
          <li>some third-party courses may not meet the same standard as our own modules</li>
        </ul>

        <h2>Feedback and contact information</h2>
        <p>If you find a problem, or need information in a different format, tell us. {contact.text}</p>
        {contact.email ? (
          <p>
            Email: <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </p>
        ) : null}
        <p>
          You can also <Link to="/help">get help</Link> with using the service.
        </p>

        <h2>Enforcement procedure</h2>
        <p>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies
          (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the &lsquo;accessibility
          regulations&rsquo;). If you are not happy with how we respond to your complaint, contact the{' '}
          <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.
        </p>

        <h2>Technical information about this service&apos;s accessibility</h2>
        <p>
          We are committed to making this service accessible, in accordance with the accessibility regulations. This
          service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, because
          of the parts listed above.
        </p>
      </div>
    </div>
  )
}
