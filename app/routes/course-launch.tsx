import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { getUser, requireUser } from '#app/lib/auth/current-user.server.ts'
import { visibleCourseLink } from '#app/lib/courses/course-catalogue.server.ts'
import { launchableAu, launchAu } from '#app/lib/courses/launch.server.ts'
import { launchFormSchema, launchProblemSchema, LAUNCH_PROBLEMS } from '#app/lib/courses/launch-form.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'

// Launches one AU of a course for the signed-in learner (the course page's buttons post here) and sends the
// browser on to the AU with cmi5's launch parameters. This address is not a page of its own: a launch that
// cannot go ahead comes back here as a GET naming the problem, shown in the site's layout with a way back to
// the course; a plain GET goes to the course, or to the modules.

export const meta: MetaFunction<typeof loader> = () => [
  { title: 'This part of the course cannot be opened – Digital skills' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const user = await getUser(request)
  const courseRowId = url.searchParams.get('course')
  const course = user && courseRowId ? await visibleCourseLink({ courseRowId, user }) : null
  const problem = launchProblemSchema.safeParse(url.searchParams.get('problem'))
  if (!user || !problem.success) throw redirect(course?.href ?? '/modules')
  return data({ message: LAUNCH_PROBLEMS[problem.data], course }, { status: problem.data === 'incomplete' ? 400 : 404 })
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), launchFormSchema)
  // Someone whose session lapsed signs in and comes back to the course page, not to this address.
  const user = await requireUser(request, { returnTo: form.ok ? form.data.returnTo : '/modules' })
  if (!form.ok) return redirect('/course-launch?problem=incomplete', 303)
  const { course, au, returnTo } = form.data
  if (!(await launchableAu({ courseRowId: course, auRowId: au })))
    return redirect(`/course-launch?${new URLSearchParams({ problem: 'unavailable', course })}`, 303)
  const { url } = await launchAu({
    userId: user.id,
    courseRowId: course,
    auRowId: au,
    returnUrl: `${publicUrl}${returnTo}`,
  })
  return redirect(url, 303)
}

export default function LaunchProblemPage() {
  const { message, course } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Modules', to: '/modules' },
          ...(course ? [{ label: course.title, to: course.href }] : []),
        ]}
      />
      <h1>This part of the course cannot be opened</h1>
      <p>{message}</p>
      {course ? (
        <p>
          Go back to the course page and start it from there: <Link to={course.href}>Back to {course.title}</Link>
        </p>
      ) : (
        <p>
          <Link to="/modules">Find the course in the modules</Link>
        </p>
      )}
    </>
  )
}
