import { type CurrentUser, requireUser, rolesOf } from '#app/lib/auth/current-user.server.ts'

/** Managers and administrators may look people up; a learner sees only themselves, so gets 403. */
export async function requirePeopleSearcher(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request)
  const roles = await rolesOf(user)
  if (!roles.manager && !roles.admin) {
    throw new Response('Only managers and administrators can look people up', { status: 403 })
  }
  return user
}
