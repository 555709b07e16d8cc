import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { readModuleMedia } from '#app/lib/content/media.server.ts'
import { requireVisibleModule } from '#app/lib/content/module-page.server.ts'

// Images that sit beside a module's MDX.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { module } = requireVisibleModule({ slug: params.slug, user })
  const media = readModuleMedia({ module, file: params.file ?? '' })
  if (!media) throw new Response('Not found', { status: 404 })
  return new Response(media.body, {
    headers: {
      'Content-Type': media.contentType,
      'Cache-Control': 'private, max-age=3600',
      // An SVG opened on its own must not run scripts.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  })
}
