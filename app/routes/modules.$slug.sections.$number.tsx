import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { compileModule } from '#app/lib/content/compile.server.ts'
import { requireVisibleModule } from '#app/lib/content/module-page.server.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { completeSection, markSectionSeen, suspendAttempt } from '#app/lib/learning/module-attempt.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} – ${data.module.title} – Digital skills` : 'Module – Digital skills' },
]

async function requireSection({ request, params }: { request: Request; params: LoaderFunctionArgs['params'] }) {
  const user = await requireUser(request)
  const { module, summary } = requireVisibleModule({ slug: params.slug, user })
  const compiled = await compileModule(module)
  const number = Number(params.number)
  const section = Number.isInteger(number) ? compiled.sections[number - 1] : undefined
  if (!section) throw new Response('Not found', { status: 404 })
  return { user, module, summary, compiled, number, section }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, module, summary, compiled, number, section } = await requireSection({ request, params })
  // Seeing a page is where you are: coming back to the module resumes here.
  await markSectionSeen({ user, module, section: number })
  return {
    module: { slug: summary.slug, title: summary.title },
    section,
    number,
    total: compiled.sections.length,
  }
}

/** "Next" records the section as read (and the progress it makes); "Save and leave" suspends the attempt. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, module, compiled, number, section } = await requireSection({ request, params })
  const intent = (await readFormData(request)).get('intent')
  const base = `/modules/${module.slug}`
  if (intent === 'leave') {
    await suspendAttempt({ user, module, section: number })
    return redirect('/modules')
  }
  const total = compiled.sections.length
  await completeSection({ user, module, section: number, title: section.title, total })
  return redirect(number < total ? `${base}/sections/${number + 1}` : `${base}/check`)
}

export default function ModuleSectionPage() {
  const { module, section, number, total } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const base = `/modules/${module.slug}`
  const isLast = number === total
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Modules', to: '/modules' },
          { label: module.title, to: base },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="app-progress">
            <p className="nhsuk-caption-m" id="progress-label">
              {module.title}: page {number} of {total}
            </p>
            <progress className="app-progress__bar" max={total} value={number} aria-labelledby="progress-label" />
          </div>
          <h1>{section.title}</h1>
          {/* Rendered on the server from the author's MDX (static markup, no scripts). */}
          <div className="app-section-content" dangerouslySetInnerHTML={{ __html: section.html }} />
          <Form method="post" className="app-section-nav" aria-label="Module pages">
            <button
              className="nhsuk-button"
              type="submit"
              name="intent"
              value="next"
              disabled={navigation.state === 'submitting'}
            >
              {isLast ? 'Go to the questions' : 'Next page'}
            </button>
            {number > 1 ? (
              <Link to={`${base}/sections/${number - 1}`} className="nhsuk-body">
                Previous page
              </Link>
            ) : null}
            <button className="app-link-button" type="submit" name="intent" value="leave">
              Save and leave
            </button>
          </Form>
          <p className="nhsuk-body-s">Save and leave brings you back to this page next time.</p>
        </div>
      </div>
    </>
  )
}
