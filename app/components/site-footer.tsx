import { Link } from '@remix-run/react'

const supportLinks = [
  { to: '/help', label: 'Get help' },
  { to: '/accessibility', label: 'Accessibility statement' },
]

export function SiteFooter() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">Support links</h2>
          <ul className="nhsuk-footer__list">
            {supportLinks.map((link) => (
              <li className="nhsuk-footer__list-item" key={link.to}>
                <Link className="nhsuk-footer__list-item-link" to={link.to}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="nhsuk-body-s">
            A demonstration service for Lancashire and South Cumbria health and care staff. Course content is
            illustrative and is not official policy.
          </p>
          <p className="nhsuk-footer__copyright">© Skills platform contributors</p>
        </div>
      </div>
    </footer>
  )
}
