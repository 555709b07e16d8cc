import { SuccessBanner } from '#app/components/success-banner.tsx'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { CONFIRM_SUSPENSIONS, CONFIRM_SUSPENSIONS_ERROR, importRunFormSchema } from '#app/lib/workforce/import-forms.ts'
import {
  countHeadings,
  countOrder,
  countsInWords,
  formatCount,
  notPendingMessages,
  runStatusLabels,
} from '#app/lib/workforce/import-report.ts'
import { applyPreviewedRun, discardPreviewedRun, importRunView } from '#app/lib/workforce/web-import.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Staff import: ${data?.run.fileName ?? 'not found'} – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const run = await importRunView({ runId: params.runId ?? '' })
  if (!run) throw new Response('Not found', { status: 404 })
  return {
    run: {
      ...run,
      createdAt: formatDate(run.createdAt, 'dateTime'),
      appliedAt: run.appliedAt ? formatDate(run.appliedAt, 'dateTime') : null,
      result: runStatusLabels[run.status],
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const runId = params.runId ?? ''
  const form = parseForm(await readFormData(request), importRunFormSchema)
  if (!form.ok) throw new Response('The form could not be read. Go back and try again.', { status: 400 })
  const result =
    form.data.intent === 'discard'
      ? await discardPreviewedRun({ runId })
      : await applyPreviewedRun({ runId, admin, confirmMassSuspension: form.data.confirm })
  if (result.ok)
    return redirect(`/admin/imports/${runId}?${form.data.intent === 'discard' ? 'discarded' : 'applied'}=1`)
  switch (result.reason) {
    case 'not-found':
      throw new Response('Not found', { status: 404 })
    case 'not-pending':
      return data({ errors: null, message: notPendingMessages[result.status] }, { status: 409 })
    case 'refused':
      return data({ errors: { confirm: CONFIRM_SUSPENSIONS_ERROR }, message: null }, { status: 400 })
    case 'file-problem':
      return data({ errors: null, message: `Nothing was changed. ${result.message}` }, { status: 400 })
    case 'stale':
      return data(
        {
          errors: null,
          message:
            'Nothing was changed: people or units have changed since this file was checked (another import, or an administrator). The preview below is now up to date. Check it, then apply it.',
        },
        { status: 409 },
      )
  }
}

export default function StaffImportRunPage() {
  const { run } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? undefined
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const base = `/admin/imports/${run.id}`
  const summary = run.summary
  const massSuspensions = summary?.organisations.filter((organisation) => organisation.massSuspension) ?? []
  const askToConfirm = run.pending && (massSuspensions.length > 0 || run.status === 'refused' || Boolean(errors))
  const showsTotalRow = (summary?.organisations.length ?? 0) > 1
  const counts = run.changes.filter((group) => group.total > 0)

  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Staff imports', to: '/admin/imports' },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {searchParams.get('applied') === '1' && run.status === 'applied' && summary && !actionData ? (
            <SuccessBanner message={`Staff list applied: ${countsInWords(summary.totals)}`}>
              <Link to={`/admin/audit?importRun=${run.id}`}>See these changes in the audit log</Link>
            </SuccessBanner>
          ) : null}
          {searchParams.get('discarded') === '1' && run.status === 'discarded' && !actionData ? (
            <div className="nhsuk-inset-text" role="status">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>The staff list was discarded. Nothing was changed.</p>
            </div>
          ) : null}
          {actionData?.message ? (
            <div className="nhsuk-inset-text" role="alert">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              <p>{actionData.message}</p>
            </div>
          ) : null}
          <ErrorSummary errors={errors} fields={['confirm']} />
          {run.fileProblem ? <FileProblem message={run.fileProblem} /> : null}

          <span className="nhsuk-caption-l">Staff import</span>
          <h1 className="app-break-anywhere">{run.fileName}</h1>
          <SummaryList>
            <SummaryRow label="Result">{run.result}</SummaryRow>
            <SummaryRow label="Uploaded by">{run.startedByName}</SummaryRow>
            <SummaryRow label="Uploaded">{run.createdAt}</SummaryRow>
            {run.appliedAt ? (
              <>
                <SummaryRow label="Applied by">{run.appliedByName ?? 'Unknown'}</SummaryRow>
                <SummaryRow label="Applied">{run.appliedAt}</SummaryRow>
              </>
            ) : null}
            {summary ? (
              <SummaryRow label="Lines read">
                {formatCount(summary.lines)} (the header row and {formatCount(Math.max(summary.lines - 1, 0))}{' '}
                {summary.lines === 2 ? 'row' : 'rows'})
              </SummaryRow>
            ) : null}
          </SummaryList>
          {run.status === 'applied' ? (
            <p>
              <Link to={`/admin/audit?importRun=${run.id}`}>See every change this import made in the audit log</Link>
            </p>
          ) : null}
        </div>
      </div>

      {summary ? (
        <>
          <h2>
            {run.status === 'applied'
              ? 'What was changed'
              : run.pending
                ? 'What this file would change'
                : 'What this file would have changed'}
          </h2>
          {run.pending
            ? massSuspensions.map((organisation) => (
                <div className="nhsuk-warning-callout" key={organisation.code}>
                  <h3 className="nhsuk-warning-callout__label">
                    <span className="nhsuk-u-visually-hidden">Important: </span>Many people would be suspended
                  </h3>
                  <p>
                    This would suspend {formatCount(organisation.counts.suspended)} of{' '}
                    {formatCount(organisation.activeBefore)} active staff in {organisation.name} (
                    {Math.round((organisation.counts.suspended / Math.max(organisation.activeBefore, 1)) * 100)}%).
                    Check the file is complete.
                  </p>
                </div>
              ))
            : null}
          <ResponsiveTable
            caption="People by organisation"
            columns={['Organisation', ...countOrder.map((kind) => countHeadings[kind])]}
          >
            {summary.organisations.map((organisation) => (
              <tr className="nhsuk-table__row" key={organisation.code}>
                <Cell heading="Organisation">{organisation.name}</Cell>
                {countOrder.map((kind) => (
                  <Cell heading={countHeadings[kind]} key={kind}>
                    {formatCount(organisation.counts[kind])}
                  </Cell>
                ))}
              </tr>
            ))}
            {showsTotalRow ? (
              <tr className="nhsuk-table__row">
                <Cell heading="Organisation">
                  <strong>All organisations</strong>
                </Cell>
                {countOrder.map((kind) => (
                  <Cell heading={countHeadings[kind]} key={kind}>
                    <strong>{formatCount(summary.totals[kind])}</strong>
                  </Cell>
                ))}
              </tr>
            ) : null}
          </ResponsiveTable>

          {run.pending ? (
            <Form method="post" noValidate>
              {askToConfirm ? (
                <Checkboxes
                  name="confirm"
                  legend="Confirm the suspensions"
                  labelSize="s"
                  hint="People missing from the file are suspended. If the file is incomplete, discard it and export it again."
                  error={errors?.confirm}
                  items={[{ value: CONFIRM_SUSPENSIONS, label: 'I have checked: these people have left' }]}
                />
              ) : null}
              <div className="nhsuk-button-group">
                <button
                  className="nhsuk-button"
                  type="submit"
                  name="intent"
                  value="apply"
                  disabled={Boolean(submitting)}
                >
                  {submitting === 'apply' ? 'Applying the changes…' : 'Apply these changes'}
                </button>
                <button
                  className="nhsuk-button nhsuk-button--secondary"
                  type="submit"
                  name="intent"
                  value="discard"
                  disabled={Boolean(submitting)}
                >
                  Discard
                </button>
              </div>
            </Form>
          ) : null}

          <h2>The people behind each count</h2>
          {counts.length === 0 ? (
            <p>Nobody is new, changed, moved, suspended or restored.</p>
          ) : (
            counts.map((group) => (
              <Details key={group.kind} summary={`${countHeadings[group.kind]} (${formatCount(group.total)})`}>
                <ResponsiveTable
                  caption={`${countHeadings[group.kind]}: ${formatCount(group.total)}`}
                  captionClassName="nhsuk-u-visually-hidden"
                  columns={['Line', 'Name', 'Employee number', 'Detail']}
                >
                  {group.rows.map((change) => (
                    <tr className="nhsuk-table__row" key={`${change.organisationCode}:${change.employeeNumber}`}>
                      <Cell heading="Line">{change.line ?? 'Not in the file'}</Cell>
                      <Cell heading="Name">{change.name}</Cell>
                      <Cell heading="Employee number">{change.employeeNumber}</Cell>
                      <Cell heading="Detail">{change.detail}</Cell>
                    </tr>
                  ))}
                </ResponsiveTable>
                {group.total > group.rows.length ? (
                  <p>
                    and {formatCount(group.total - group.rows.length)} more —{' '}
                    <a href={`${base}/changes.csv`}>download all changes (CSV)</a>
                  </p>
                ) : null}
              </Details>
            ))
          )}
          {counts.length > 0 ? (
            <p>
              <a href={`${base}/changes.csv`}>Download all changes (CSV)</a>
            </p>
          ) : null}

          <h2>Problems in the file</h2>
          {run.problems.total === 0 && run.warnings.total === 0 ? (
            <p>No problems were found in the file.</p>
          ) : (
            <>
              {run.problems.total > 0 ? (
                <ProblemRows
                  title={`${formatCount(run.problems.total)} ${run.problems.total === 1 ? 'row was' : 'rows were'} left out`}
                  shown={run.problems}
                  errorsCsv={`${base}/errors.csv`}
                />
              ) : null}
              {run.warnings.total > 0 ? (
                <ProblemRows
                  title={`${formatCount(run.warnings.total)} ${run.warnings.total === 1 ? 'warning' : 'warnings'}`}
                  shown={run.warnings}
                  errorsCsv={`${base}/errors.csv`}
                />
              ) : null}
              <p>
                Rows left out are not applied. When a row left out still gives the organisation code and employee
                number, that person is left as they are; a row without them cannot be matched to anyone, so if that
                person is not elsewhere in the file they are listed as suspended above. Rows with a warning are applied.
              </p>
              <p>
                <a href={`${base}/errors.csv`}>Download the error report (CSV)</a>
              </p>
            </>
          )}
        </>
      ) : null}
    </>
  )
}

/** A problem that stopped the whole file, as an NHS.UK error summary. */
function FileProblem({ message }: { message: string }) {
  return (
    <div className="nhsuk-error-summary" aria-labelledby="file-problem-title" tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="file-problem-title">
          The file could not be read
        </h2>
        <div className="nhsuk-error-summary__body">
          <p>{message}</p>
          <p>Nothing was changed.</p>
          <ul className="nhsuk-list nhsuk-error-summary__list">
            <li>
              <Link to="/admin/imports">Upload a corrected file</Link>
            </li>
          </ul>
        </div>
      </div>
    </div>
  )
}

function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  )
}

function ProblemRows({
  title,
  shown,
  errorsCsv,
}: {
  title: string
  shown: { total: number; rows: { line: number; field: string; value: string; message: string }[] }
  errorsCsv: string
}) {
  return (
    <Details summary={title}>
      <ResponsiveTable
        caption={title}
        captionClassName="nhsuk-u-visually-hidden"
        columns={['Line', 'Column', 'Value', 'Problem']}
      >
        {shown.rows.map((problem, index) => (
          // A line can have several problems, one per column; the order is the file's.
          <tr className="nhsuk-table__row" key={`${problem.line}:${problem.field}:${index}`}>
            <Cell heading="Line">{problem.line}</Cell>
            <Cell heading="Column">{problem.field}</Cell>
            <Cell heading="Value" className="app-break-anywhere">
              {problem.value}
            </Cell>
            <Cell heading="Problem">{problem.message}</Cell>
          </tr>
        ))}
      </ResponsiveTable>
      {shown.total > shown.rows.length ? (
        <p>
          and {formatCount(shown.total - shown.rows.length)} more —{' '}
          <a href={errorsCsv}>download the error report (CSV)</a>
        </p>
      ) : null}
    </Details>
  )
}
