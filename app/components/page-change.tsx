import { useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * After an in-app page change (a link, or a form that moves to the next page), keyboard focus goes to the
 * new page's `h1` and its title is read out from a polite live region, as a full page load would be. A
 * message that has just taken focus (an error summary, a success banner) keeps it: it is what the person
 * needs to hear first. The first render (a full page load) is left alone.
 */
const KEEPS_FOCUS = '.nhsuk-error-summary, .nhsuk-notification-banner'

export function PageChangeAnnouncer() {
  const location = useLocation()
  const shown = useRef(location.key)
  const region = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (shown.current === location.key) return
    shown.current = location.key
    if (document.activeElement?.closest(KEEPS_FOCUS)) return
    const heading = document.querySelector<HTMLElement>('main h1')
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
      heading.focus()
    }
    if (region.current) region.current.textContent = document.title
  }, [location.key])
  return <div className="nhsuk-u-visually-hidden" aria-live="polite" aria-atomic="true" ref={region} />
}
