import { useEffect } from 'react'

/**
 * A page that answers a post (a check step, a result) is a new page to the person using it, though its
 * route's `meta` cannot see it: its own title, and keyboard focus on its `h1`, as after any page change.
 * The server writes the same title into the document (the action's `pageTitle`, see action-title.ts); this
 * keeps it after the page hydrates and when the post was made in the browser.
 */
export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    const before = document.title
    document.title = title
    const heading = document.querySelector<HTMLElement>('main h1')
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
      heading.focus()
    }
    return () => {
      // Back to the route's own title, unless the page has moved on and set one of its own already.
      if (document.title === title) document.title = before
    }
  }, [title])
  return null
}
