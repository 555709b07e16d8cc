import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { compileModule } from '#app/lib/content/compile.server.ts'
import { requireVisibleModule } from '#app/lib/content/module-page.server.ts'
import { saveBookmark } from '#app/lib/learning/bookmarks.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} – ${data.module.title} – Digital skills` : 'Module – Digital skills' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { module, summary } = requireVisibleModule({ slug: params.slug, user })
  const compiled = await compileModule(module)
  const number = Number(params.number)
  const section = Number.isInteger(number) ? compiled.sections[number - 1] : undefined
  if (!section) throw new Response('Not found', { status: 404 })
  // Seeing a page is where you are: coming back to the module resumes here.
  await saveBookmark({ userId: user.id, moduleSlug: module.slug, section: number })
  return {
    module: { slug: summary.slug, title: summary.title },
    section,
    number,
    total: compiled.sections.length,
  }
}

export default function ModuleSectionPage() {
  const { module, section, number, total } = useLoaderData<typeof loader>()
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
          <nav className="app-section-nav" aria-label="Module pages">
            {isLast ? (
              <Link className="nhsuk-button" to={`${base}/check`}>
                Go to the questions
              </Link>
            ) : (
              <Link className="nhsuk-button" to={`${base}/sections/${number + 1}`}>
                Next page
              </Link>
            )}
            {number > 1 ? (
              <Link to={`${base}/sections/${number - 1}`} className="nhsuk-body">
                Previous page
              </Link>
            ) : null}
          </nav>
          <p>
            <Link to="/modules">Save and leave</Link>
            <span className="nhsuk-body-s"> – you will come back to this page</span>
          </p>
        </div>
      </div>
    </>
  )
}
