import { canSeeDrafts, describeModule, findModule, frameworkForContent } from './catalogue.server.ts'

/** The module a signed-in user asked for by slug, or a 404 (unknown, or a draft they may not see). */
export function requireVisibleModule({ slug, user }: { slug: string | undefined; user: { isAdmin: boolean } }) {
  const module = slug ? findModule({ slug, includeDrafts: canSeeDrafts(user) }) : null
  if (!module) throw new Response('Not found', { status: 404 })
  return { module, summary: describeModule(module, frameworkForContent()) }
}
