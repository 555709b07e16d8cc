import { redirect } from '@remix-run/node'
import { requestNow } from './request-clock.server.ts'
import { managedUnitIds, type Viewer } from './scope.server.ts'
import { blankSessionCookie, readSessionToken, validateSessionToken, type SessionValidation } from './session.server.ts'

// One validation per request, shared by the root loader and the route's own loader.
const validations = new WeakMap<Request, Promise<SessionValidation>>()

export function getSession(request: Request): Promise<SessionValidation> {
  let validation = validations.get(request)
  if (!validation) {
    const token = readSessionToken(request)
    validation = token ? validateSessionToken({ token, now: requestNow(request) }) : Promise.resolve(null)
    validations.set(request, validation)
  }
  return validation
}

export async function getUser(request: Request) {
  return (await getSession(request))?.user ?? null
}

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getUser>>>

/**
 * The signed-in user, or a redirect to sign-in that comes back here afterwards, or to `returnTo` (a path on this
 * site) where this address means nothing as a page, as for a form's target.
 */
export async function requireUser(request: Request, { returnTo }: { returnTo?: string } = {}): Promise<CurrentUser> {
  const user = await getUser(request)
  if (!user) {
    const url = new URL(request.url)
    const back = safeRedirect(returnTo, url.pathname + url.search)
    const signIn = new URLSearchParams(back === '/' ? {} : { redirectTo: back })
    // A session cookie that no longer opens a session: it ran out (15 minutes idle on a shared computer, say)
    // or was ended elsewhere. The sign-in page says so, once: the cookie goes with this answer.
    const ended = readSessionToken(request) !== null
    if (ended) signIn.set('ended', '1')
    const query = signIn.toString()
    throw redirect(
      query ? `/login?${query}` : '/login',
      ended ? { headers: { 'Set-Cookie': blankSessionCookie() } } : undefined,
    )
  }
  return user
}

export async function requireAdmin(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request)
  if (!user.isAdmin) throw new Response('Only administrators can open this page', { status: 403 })
  return user
}

export interface Roles {
  learner: true
  manager: boolean
  admin: boolean
}

// The session's user object lives for one request (see getSession), so this asks once per request
// however many loaders (the root's navigation, the page's own) want to know.
const rolesByViewer = new WeakMap<Viewer, Promise<Roles>>()

export function rolesOf(viewer: Viewer): Promise<Roles> {
  let roles = rolesByViewer.get(viewer)
  if (!roles) {
    roles = managedUnitIds({ viewer }).then((managed) => ({
      learner: true,
      manager: managed.length > 0,
      admin: viewer.isAdmin,
    }))
    rolesByViewer.set(viewer, roles)
  }
  return roles
}

/** Only same-site paths: an open redirect would let a phishing link borrow our sign-in page. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return fallback
  }
  return target
}
