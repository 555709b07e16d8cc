import { useEffect } from 'react'

/**
 * A page title for what a post answered with (a check step, a result), which a route's `meta` cannot see.
 * The server writes the same title into the document (the action's `pageTitle`, see action-title.ts); this
 * keeps it after the page hydrates and when the post was made in the browser.
 */
export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    const before = document.title
    document.title = title
    return () => {
      document.title = before
    }
  }, [title])
  return null
}
