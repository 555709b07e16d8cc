import { Link } from '@remix-run/react'

export interface Crumb {
  label: string
  to: string
}

/** NHS.UK breadcrumb: the trail above the current page; the last crumb doubles as the mobile back link. */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const parent = trail.at(-1)
  if (!parent) return null
  return (
    <nav className="nhsuk-breadcrumb" aria-label="Breadcrumb">
      <ol className="nhsuk-breadcrumb__list">
        {trail.map((crumb) => (
          <li className="nhsuk-breadcrumb__list-item" key={crumb.to}>
            <Link className="nhsuk-breadcrumb__link" to={crumb.to}>
              {crumb.label}
            </Link>
          </li>
        ))}
      </ol>
      {/* The frontend shows this back link on small screens only, with its chevron, and hides it from tablet up. */}
      <Link className="nhsuk-back-link" to={parent.to}>
        <span className="nhsuk-u-visually-hidden">Back to </span>
        {parent.label}
      </Link>
    </nav>
  )
}
