import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { savedRatings } from '#app/lib/learning/self-assessment.server.ts'

export const meta: MetaFunction = () => [{ title: 'Self-assessment – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const framework = frameworkForContent()
  const saved = await savedRatings({ userId: user.id })
  const domains = framework.domains.map((d) => ({
    id: d.id,
    name: d.name,
    done: d.competencies.every((c) => saved.has(c.id)),
  }))
  const firstToDo = domains.find((d) => !d.done) ?? domains[0]
  return { domains, firstToDo: firstToDo?.id ?? 'SAFE', started: saved.size > 0 }
}

export default function SelfAssessmentStartPage() {
  const { domains, firstToDo, started } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Self-assessment</h1>
      <p>
        Six short screens, one for each area of digital skills. Say where you are now and, if you know, where you need
        to be. Each screen is saved as you go, so you can stop and come back.
      </p>
      <ul className="nhsuk-list">
        {domains.map((domain) => (
          <li key={domain.id}>
            <Link to={`/self-assessment/${domain.id}`}>{domain.name}</Link>{' '}
            <span className="app-module-meta">{domain.done ? '(done)' : '(not started)'}</span>
          </li>
        ))}
      </ul>
      <Link className="nhsuk-button" to={`/self-assessment/${firstToDo}`}>
        {started ? 'Continue' : 'Start'}
      </Link>
      {started ? (
        <p>
          <Link to="/self-assessment/results">See your results</Link>
        </p>
      ) : null}
    </>
  )
}
