import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import nhsukStyles from 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css?url'
import { useNonce } from '#app/components/nonce.tsx'
import { ErrorPage, errorPageTitle } from '#app/components/error-page.tsx'
import { PageChangeAnnouncer } from '#app/components/page-change.tsx'
import { SERVICE_NAME, SiteHeader } from '#app/components/site-header.tsx'
import { SiteFooter } from '#app/components/site-footer.tsx'
import { getSession, rolesOf } from '#app/lib/auth/current-user.server.ts'
import { readSessionToken, sessionCookie } from '#app/lib/auth/session.server.ts'
import { revalidateUnlessOffline } from '#app/lib/forms/offline.ts'
import appStyles from '#app/styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: nhsukStyles },
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

// An error page answered by the boundary here is titled as what went wrong, not just the service's name.
export const meta: MetaFunction = ({ error }) => [
  { title: error === undefined ? SERVICE_NAME : errorPageTitle(isRouteErrorResponse(error) ? error.status : 500) },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  const headers = new Headers()
  if (session?.renewed) {
    // Only 30-day sessions are renewed this way; a shared computer's cookie has no expiry to move.
    const token = readSessionToken(request)
    if (token) headers.append('Set-Cookie', sessionCookie({ token, expiresAt: session.session.expiresAt }))
  }
  // Managers and administrators get a link to the readiness reports.
  const roles = session ? await rolesOf(session.user) : null
  return data({ user: session?.user ?? null, canSeeReports: Boolean(roles?.manager || roles?.admin) }, { headers })
}

// A form post that could not reach the server (app/lib/forms/offline.ts) leaves every page's data alone.
export const shouldRevalidate = revalidateUnlessOffline

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#005eb8" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <SiteHeader user={rootData?.user ?? null} canSeeReports={rootData?.canSeeReports ?? false} />
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
            {children}
          </main>
        </div>
        <SiteFooter />
        <PageChangeAnnouncer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error)) {
    return <ErrorPage status={error.status} message={typeof error.data === 'string' ? error.data : undefined} />
  }
  return <ErrorPage status={500} />
}
