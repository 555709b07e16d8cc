import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { FileUpload } from '#app/components/forms/file-upload.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { staffListUploadSchema } from '#app/lib/workforce/import-forms.ts'
import { countsInWords, runStatusLabels } from '#app/lib/workforce/import-report.ts'
import {
  expectedStaffColumns,
  importRunList,
  previewUpload,
  readStaffListUpload,
} from '#app/lib/workforce/web-import.server.ts'

export const meta: MetaFunction = () => [{ title: 'Staff imports – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const runs = await importRunList()
  return {
    expected: expectedStaffColumns(),
    runs: runs.map((run) => ({
      id: run.id,
      when: formatDate(run.createdAt, 'dateTime'),
      who: run.startedByName,
      fileName: run.fileName,
      result: runStatusLabels[run.status],
      counts: run.totals ? countsInWords(run.totals, { unchanged: true }) : null,
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const upload = await readStaffListUpload(request)
  if (!upload.ok) return data({ errors: upload.errors }, { status: 400 })
  const form = parseForm(upload.formData, staffListUploadSchema)
  if (!form.ok) return data({ errors: form.errors }, { status: 400 })
  const run = await previewUpload({ file: form.data.file, admin })
  return redirect(`/admin/imports/${run.id}`)
}

export default function StaffImportsPage() {
  const { expected, runs } = useLoaderData<typeof loader>()
  const errors = useActionData<typeof action>()?.errors
  const navigation = useNavigation()
  const checking = navigation.state === 'submitting' && navigation.formMethod?.toUpperCase() === 'POST'
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={['file']} />
          <h1>Staff imports</h1>
          <p>
            Upload the staff list exported from ESR as a CSV file. You will see what it would change before anything is
            changed, and can then apply it or discard it.
          </p>
          <p>
            Each organisation in the file is treated as complete: people missing from it are suspended. They can no
            longer sign in, and their learning record is kept. Organisations that are not in the file are not changed.
          </p>
          <p>
            <a href="#expected-columns">What the file must contain</a>
          </p>

          <Form method="post" encType="multipart/form-data" noValidate>
            <FileUpload
              name="file"
              label="Staff list (CSV file)"
              labelSize="m"
              hint="Large files can take up to a minute to check. The file must be smaller than 50 MB."
              accept=".csv,text/csv"
              error={errors?.file}
            />
            <button className="nhsuk-button" type="submit" disabled={checking}>
              {checking ? 'Checking the file…' : 'Check the file'}
            </button>
          </Form>
        </div>
      </div>

      <h2>Previous imports</h2>
      {runs.length === 0 ? (
        <p>No staff lists have been imported yet.</p>
      ) : (
        <ResponsiveTable
          caption="Previous imports, newest first"
          captionClassName="nhsuk-u-visually-hidden"
          columns={['When', 'Who', 'File', 'Result', 'Changes']}
        >
          {runs.map((run) => (
            <tr className="nhsuk-table__row" key={run.id}>
              <Cell heading="When">
                <Link to={`/admin/imports/${run.id}`}>{run.when}</Link>
              </Cell>
              <Cell heading="Who">{run.who}</Cell>
              <Cell heading="File" className="app-break-anywhere">
                {run.fileName}
              </Cell>
              <Cell heading="Result">{run.result}</Cell>
              <Cell heading="Changes">{run.counts ?? 'None'}</Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2 id="expected-columns">What the file must contain</h2>
          <p>
            A CSV file with a header row and one row for each assignment. The header row must have every column below,
            in any order; capital letters do not matter and other columns are ignored. A missing column stops the
            import, so that a renamed column is never skipped without anyone noticing.
          </p>
          <p>
            Dates are written {expected.dateFormat}. An assignment has ended when its end date has passed or its status
            is {expected.inactiveStatuses.join(', ')}; people whose assignments have all ended are suspended.
          </p>
          <p>
            If the file was opened in Excel, save it with Save As and choose ‘CSV UTF-8 (comma delimited)’. An Excel
            workbook cannot be read.
          </p>
        </div>
      </div>
      <ResponsiveTable caption="Columns of the staff list" columns={['Column', 'What it holds']}>
        {expected.columns.map((column) => (
          <tr className="nhsuk-table__row" key={column.header}>
            <Cell heading="Column">{column.header}</Cell>
            <Cell heading="What it holds">{column.holds}</Cell>
          </tr>
        ))}
      </ResponsiveTable>
    </>
  )
}
