import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { jobOverview, retrySetAsideJob, type JobLine } from '#app/lib/jobs/job-overview.server.ts'
import { retryJobFormSchema } from '#app/lib/jobs/retry-job-form.ts'

export const meta: MetaFunction = () => [{ title: 'Background jobs – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const overview = await jobOverview()
  const inWords = (line: JobLine) => ({ ...line, at: formatDate(line.at, 'dateTime') })
  return { ...overview, dead: overview.dead.map(inWords), retrying: overview.retrying.map(inWords) }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = parseForm(await readFormData(request), retryJobFormSchema)
  if (!form.ok) return data({ errors: form.errors }, { status: 400 })
  const retried = await retrySetAsideJob({ jobId: form.data.jobId, actor: admin })
  return redirect(retried ? '/admin/jobs?retried=1' : '/admin/jobs?gone=1')
}

export default function JobsPage() {
  const { waiting, running, setAside, doneInLastDay, dead, retrying, listedAtMost } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Administration', to: '/admin' },
        ]}
      />
      {searchParams.has('retried') ? (
        <SuccessBanner message="The job will be tried again within a minute." />
      ) : searchParams.has('gone') ? (
        <SuccessBanner message="That job had already been tried again or has finished." />
      ) : null}
      <h1>Background jobs</h1>
      <p>
        Emails and other slow work run in the background. A job that fails for a reason that may pass (a mail server
        that is busy) is tried again after a wait; one that cannot succeed as it is (an address that does not exist) is
        set aside here until someone tries it again.
      </p>
      <SummaryList>
        <SummaryRow label="Waiting">{waiting.toLocaleString('en-GB')}</SummaryRow>
        <SummaryRow label="Running now">{running.toLocaleString('en-GB')}</SummaryRow>
        <SummaryRow label="Finished in the last 24 hours">{doneInLastDay.toLocaleString('en-GB')}</SummaryRow>
        <SummaryRow label="Set aside after failing">{setAside.toLocaleString('en-GB')}</SummaryRow>
      </SummaryList>

      <h2>Set aside after failing</h2>
      {dead.length === 0 ? (
        <p>No jobs have been set aside.</p>
      ) : (
        <>
          {setAside > dead.length ? (
            <p>
              The {listedAtMost} most recent of {setAside.toLocaleString('en-GB')}.
            </p>
          ) : null}
          <ResponsiveTable
            caption="Jobs set aside after failing"
            captionClassName="nhsuk-u-visually-hidden"
            columns={['Job', 'Why it failed', 'Tries', 'Set aside', 'Action']}
          >
            {dead.map((job) => (
              <tr className="nhsuk-table__row" key={job.id}>
                <Cell heading="Job">{job.what}</Cell>
                <Cell heading="Why it failed" className="app-break-anywhere">
                  {job.lastError}
                </Cell>
                <Cell heading="Tries">{job.tries}</Cell>
                <Cell heading="Set aside">{job.at}</Cell>
                <Cell heading="Action">
                  <Form method="post">
                    <input type="hidden" name="jobId" value={job.id} />
                    <button className="app-link-button" type="submit">
                      Try again <span className="nhsuk-u-visually-hidden">: {job.what}</span>
                    </button>
                  </Form>
                </Cell>
              </tr>
            ))}
          </ResponsiveTable>
        </>
      )}

      <h2>Failed, to be tried again</h2>
      {retrying.length === 0 ? (
        <p>No jobs are waiting to be tried again.</p>
      ) : (
        <ResponsiveTable
          caption="Jobs that failed and will be tried again"
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Job', 'Why it failed', 'Tries so far', 'Next try']}
        >
          {retrying.map((job) => (
            <tr className="nhsuk-table__row" key={job.id}>
              <Cell heading="Job">{job.what}</Cell>
              <Cell heading="Why it failed" className="app-break-anywhere">
                {job.lastError}
              </Cell>
              <Cell heading="Tries so far">{job.tries}</Cell>
              <Cell heading="Next try">{job.at}</Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
    </>
  )
}
