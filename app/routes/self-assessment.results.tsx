import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Recommendations } from '#app/components/my-learning.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { myLearning } from '#app/lib/learning/my-learning.server.ts'
import { selfAssessmentResults } from '#app/lib/learning/self-assessment.server.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'

export const meta: MetaFunction = () => [{ title: 'Your self-assessment – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const membership = await membershipOf({ userId: user.id })
  const [domains, learning] = await Promise.all([
    selfAssessmentResults({ userId: user.id, roleProfile: membership?.roleProfile ?? 'clinical' }),
    myLearning({ user }),
  ])
  return { domains, next: learning.next.slice(0, 3) }
}

export default function SelfAssessmentResultsPage() {
  const { domains, next } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Self-assessment', to: '/self-assessment' },
        ]}
      />
      <h1>Your self-assessment</h1>
      <p>
        How you rated yourself, beside what your passed modules show and what your role needs. Your own rating never
        counts as evidence; passing modules does.
      </p>
      <ResponsiveTable
        caption="Self-rating, evidence and target by domain"
        captionClassName="nhsuk-u-visually-hidden"
        columns={['Domain', 'You said', 'Evidence shows', 'Your role needs']}
      >
        {domains.map((domain) => (
          <tr className="nhsuk-table__row" key={domain.domainId}>
            <Cell heading="Domain">
              <Link to={`/self-assessment/${domain.domainId}`}>{domain.name}</Link>
            </Cell>
            <Cell heading="You said">{domain.selfRatingName}</Cell>
            <Cell heading="Evidence shows">{domain.evidenceName}</Cell>
            <Cell heading="Your role needs">{domain.targetName}</Cell>
          </tr>
        ))}
      </ResponsiveTable>
      <h2 id="where-to-start">Where to start</h2>
      {next.length === 0 ? (
        <p>You have passed every module for your role.</p>
      ) : (
        <>
          <p>These modules close the biggest gaps between your evidence and your role's target first.</p>
          <Recommendations items={next} />
        </>
      )}
      <Link className="nhsuk-button nhsuk-button--secondary" to="/">
        Go to my learning
      </Link>
    </>
  )
}
