import { Link } from '@remix-run/react'

/** The page title for an error page: what its heading says, then the service (NHS.UK). */
export function errorPageTitle(status: number): string {
  const what =
    status === 404
      ? 'Page not found'
      : status === 403
        ? 'You do not have permission'
        : status === 400
          ? 'Sorry, we could not read what you sent'
          : status === 429
            ? 'Too many requests'
            : 'Sorry, there is a problem with the service'
  return `${what} – Digital skills`
}

interface ErrorPageProps {
  status: number
  message?: string
}

const homePageLink = (
  <p>
    <Link to="/">Go to your digital skills home page</Link>
  </p>
)

/** NHS-style error pages: plain words, what to do next, never a stack trace. */
export function ErrorPage({ status, message }: ErrorPageProps) {
  if (status === 404) {
    return (
      <>
        <h1>Page not found</h1>
        <p>If you typed the web address, check it is correct.</p>
        <p>If you pasted the web address, check you copied the entire address.</p>
        {homePageLink}
      </>
    )
  }
  if (status === 403) {
    return (
      <>
        <h1>You do not have permission to view this page</h1>
        <p>{message ?? 'Your account does not have access to this page.'}</p>
        {homePageLink}
      </>
    )
  }
  if (status === 400) {
    return (
      <>
        <h1>Sorry, we could not read what you sent</h1>
        <p>{message ?? 'Go back and try again.'}</p>
      </>
    )
  }
  if (status === 503 && message) {
    return (
      <>
        <h1>Sorry, this is not working at the moment</h1>
        <p>{message}</p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </>
    )
  }
  if (status === 429) {
    return (
      <>
        <h1>Too many requests</h1>
        <p>{message ?? 'Wait a few minutes, then try again.'}</p>
      </>
    )
  }
  return (
    <>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Try again later.</p>
      <p>If the problem continues, contact your IT service desk.</p>
    </>
  )
}
