export function SiteFooter() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
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
