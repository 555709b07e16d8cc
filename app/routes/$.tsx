import type { MetaFunction } from '@remix-run/node'
import { ErrorPage, errorPageTitle } from '#app/components/error-page.tsx'

export const meta: MetaFunction = () => [{ title: errorPageTitle(404) }]

// Any URL no other route claims: answer a real 404 with the NHS-style page.
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return <ErrorPage status={404} />
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />
}
