import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { LearningRecordView, PrintButton } from '#app/components/learning-record.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import { learningRecord } from '#app/lib/learning/learning-record.server.ts'
import printStyles from '#app/styles/print.css?url'

export const meta: MetaFunction = () => [{ title: 'Record of learning – Digital skills' }]

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // A learner sees only their own record.
  const record = await learningRecord({ userId: user.id })
  if (!record) throw new Response('Not found', { status: 404 })
  return { record }
}

export default function RecordPage() {
  const { record } = useLoaderData<typeof loader>()
  const nothingYet = record.evidence.length === 0 && record.completed.length === 0
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Record of learning</h1>
      <div className="nhsuk-u-display-none-print">
        <p>
          Your learning so far, as a record you can print or keep. To keep a copy as a file, print it and choose
          &ldquo;Save as PDF&rdquo; as the printer.
        </p>
        <PrintButton>Print this record</PrintButton>
        {nothingYet ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              Nothing is recorded yet. When you pass a module&apos;s knowledge check, it is listed here with the date,
              your score and when the version you passed was last updated, along with the skills it shows.
            </p>
            <p>
              <Link to="/modules">Browse modules</Link> to start, or{' '}
              <Link to="/self-assessment">rate your own digital skills</Link>.
            </p>
          </div>
        ) : null}
      </div>
      <LearningRecordView record={record} voice="own" />
    </>
  )
}
