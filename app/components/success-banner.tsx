/**
 * NHS.UK success notification banner: what a form just did, shown on the page it led back to. Announced as an
 * alert, as NHS.UK does for success, so a screen reader hears it without looking for it.
 */
export function SuccessBanner({ message }: { message: string }) {
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-banner-title"
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="success-banner-title">
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  )
}
