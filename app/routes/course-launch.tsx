import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { launchableAu, launchAu } from '#app/lib/courses/launch.server.ts'
import { launchFormSchema } from '#app/lib/courses/launch-form.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'

// Launches one AU of a course for the signed-in learner (the course page's buttons post here) and sends the
// browser on to the AU with cmi5's launch parameters.

export const loader = () =>
  new Response('Launch a course unit from its course page.', { status: 405, headers: { Allow: 'POST' } })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = parseForm(await readFormData(request), launchFormSchema)
  if (!form.ok) throw new Response('The launch form was incomplete.', { status: 400 })
  const { course, au, returnTo } = form.data
  if (!(await launchableAu({ courseRowId: course, auRowId: au })))
    throw new Response('That course unit is not available.', { status: 404 })
  const { url } = await launchAu({
    userId: user.id,
    courseRowId: course,
    auRowId: au,
    returnUrl: `${publicUrl}${returnTo}`,
  })
  return redirect(url, 303)
}
