import { useEffect, useRef, type ReactNode } from 'react'

/**
 * NHS.UK's success notification banner: what the change just made did, at the top of the page it led back to.
 * role="alert" so screen readers say it as the page arrives (NHS.UK's advice for success banners), and it takes
 * focus, so that after a button low on a page the banner is in view and the next Tab starts from it.
 */
export function SuccessBanner({ message, children }: { message: string; children?: ReactNode }) {
  const banner = useRef<HTMLDivElement>(null)
  useEffect(() => banner.current?.focus(), [message])
  return (
    <div
      ref={banner}
      tabIndex={-1}
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
        {children ? <p className="nhsuk-body">{children}</p> : null}
      </div>
    </div>
  )
}
