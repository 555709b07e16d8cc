import { useEffect } from 'react'

/**
 * A page title for what a post answered with (a check step, a result), which a route's `meta` cannot see.
 * Set once the page has hydrated; without JavaScript the route's own title stays.
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
