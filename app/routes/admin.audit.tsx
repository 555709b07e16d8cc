import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { DateInput } from '#app/components/forms/date-input.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { SelectField } from '#app/components/forms/select-field.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { AUDIT_FILTER_FIELDS } from '#app/lib/audit/audit-filter-fields.ts'
import { filterSearch, hasFilters, parseAuditFilters } from '#app/lib/audit/audit-filters.server.ts'
import { auditListPage } from '#app/lib/audit/audit-list.server.ts'
import { actionChoices } from '#app/lib/audit/audit-words.server.ts'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import type { DateParts } from '#app/lib/forms/date-field.ts'
import type { FormValues } from '#app/lib/forms/parse-form.ts'

export const meta: MetaFunction = () => [{ title: 'Audit log – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const url = new URL(request.url)
  const form = parseAuditFilters(url.searchParams)
  const query = filterSearch(url.searchParams).toString()
  const common = { query, values: form.values, choices: actionChoices() }
  if (!form.ok) return data({ ...common, errors: form.errors, filtered: true, list: null }, { status: 400 })
  const { before, after, ...filters } = form.data
  const list = await auditListPage({ filters, before, after })
  return { ...common, errors: null, filtered: hasFilters(filters), list }
}

const text = (values: FormValues, name: string) => {
  const value = values[name]
  return typeof value === 'string' ? value : ''
}
const dateParts = (values: FormValues, name: string) => {
  const value = values[name]
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as DateParts) : undefined
}

export default function AuditLogPage() {
  const { query, values, choices, errors, filtered, list } = useLoaderData<typeof loader>()
  const withQuery = (extra: string) => `/admin/audit?${[query, extra].filter(Boolean).join('&')}`
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Audit log</h1>
      <p>
        Every change to people, units and rights, made by an administrator or by a staff import, newest first. Entries
        cannot be changed or removed.
      </p>

      {list?.limitedTo.importRun ? (
        <div className="nhsuk-inset-text">
          <p>
            {list.limitedTo.importRun.fileName
              ? `Showing only the changes made by the staff import of ${list.limitedTo.importRun.fileName} on ${list.limitedTo.importRun.when}.`
              : 'Showing only the changes made by one staff import.'}{' '}
            <Link to="/admin/audit">Show all changes</Link>
          </p>
        </div>
      ) : null}
      {list?.limitedTo.subject ? (
        <div className="nhsuk-inset-text">
          <p>
            Showing only the changes to {list.limitedTo.subject}. <Link to="/admin/audit">Show all changes</Link>
          </p>
        </div>
      ) : null}

      <ErrorSummary errors={errors} fields={[...AUDIT_FILTER_FIELDS]} />
      <Form method="get" className="app-filters" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="nhsuk-heading-s">
          Filter the changes
        </h2>
        {text(values, 'importRun') ? <input type="hidden" name="importRun" value={text(values, 'importRun')} /> : null}
        {text(values, 'subjectId') ? <input type="hidden" name="subjectId" value={text(values, 'subjectId')} /> : null}
        <div className="app-filters__row">
          <SelectField name="action" label="What changed" defaultValue={text(values, 'action')} error={errors?.action}>
            <option value="">All changes</option>
            {choices.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <TextField
            name="who"
            label="Made by"
            hint="Part of the name of the administrator"
            defaultValue={text(values, 'who')}
            error={errors?.who}
            maxLength={100}
            autoComplete="off"
          />
          <TextField
            name="subject"
            label="Person or unit"
            hint="Part of their name"
            defaultValue={text(values, 'subject')}
            error={errors?.subject}
            maxLength={100}
            autoComplete="off"
          />
        </div>
        <DateInput
          name="from"
          legend="Start date"
          labelSize="s"
          hint="For example, 1 11 2026"
          defaultValue={dateParts(values, 'from')}
          error={errors?.from}
        />
        <DateInput
          name="to"
          legend="End date"
          labelSize="s"
          hint="Changes on this day are included"
          defaultValue={dateParts(values, 'to')}
          error={errors?.to}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
        {filtered ? (
          <p>
            <Link to="/admin/audit">Clear filters</Link>
          </p>
        ) : null}
      </Form>

      {list ? (
        <>
          <p className="nhsuk-u-display-none-print">
            <a href={`/admin/audit.csv${query ? `?${query}` : ''}`} download>
              Download as CSV (spreadsheet)
            </a>
          </p>
          {list.rows.length === 0 ? (
            <div className="nhsuk-inset-text">
              <p>{filtered ? 'No changes match these filters.' : 'No changes have been recorded yet.'}</p>
            </div>
          ) : (
            <ResponsiveTable
              caption="Changes, newest first"
              captionClassName="nhsuk-table__caption--s"
              columns={['When', 'Who', 'What', 'Subject', 'Change']}
            >
              {list.rows.map((row) => (
                <tr className="nhsuk-table__row" key={row.key}>
                  <Cell heading="When">{row.when}</Cell>
                  <Cell heading="Who">
                    {row.who}
                    {row.importRunId ? (
                      <>
                        <br />
                        <Link to={`/admin/audit?importRun=${encodeURIComponent(row.importRunId)}`}>
                          Staff import
                          <span className="nhsuk-u-visually-hidden"> of {row.when}: show only its changes</span>
                        </Link>
                      </>
                    ) : null}
                  </Cell>
                  <Cell heading="What">{row.what}</Cell>
                  <Cell heading="Subject">
                    <span className="app-break-anywhere">
                      <Link to={row.subject.href}>{row.subject.name}</Link>
                    </span>
                  </Cell>
                  <Cell heading="Change">
                    {/* One box for every line, so that on a phone the lines stack beside the cell's heading. */}
                    <div className="app-break-anywhere">
                      {row.change.map((line) => (
                        <div key={line.field}>
                          {line.field}: {line.before ?? ''}
                          {line.before !== undefined && line.after !== undefined ? (
                            <>
                              <span aria-hidden="true"> → </span>
                              <span className="nhsuk-u-visually-hidden"> changed to </span>
                            </>
                          ) : null}
                          {line.after ?? ''}
                        </div>
                      ))}
                    </div>
                  </Cell>
                </tr>
              ))}
            </ResponsiveTable>
          )}
          {list.newerAfter !== null || list.olderBefore !== null ? (
            <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of the audit log">
              <ul className="nhsuk-list nhsuk-pagination__list">
                {list.newerAfter !== null ? (
                  <li className="nhsuk-pagination-item--previous">
                    <Link
                      className="nhsuk-pagination__link nhsuk-pagination__link--prev"
                      to={withQuery(`after=${list.newerAfter}`)}
                      rel="prev"
                    >
                      <span className="nhsuk-pagination__title">Newer entries</span>
                      <ArrowIcon direction="left" />
                    </Link>
                  </li>
                ) : null}
                {list.olderBefore !== null ? (
                  <li className="nhsuk-pagination-item--next">
                    <Link
                      className="nhsuk-pagination__link nhsuk-pagination__link--next"
                      to={withQuery(`before=${list.olderBefore}`)}
                      rel="next"
                    >
                      <span className="nhsuk-pagination__title">Older entries</span>
                      <ArrowIcon direction="right" />
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  )
}

/** NHS.UK pagination's arrows (its icon paths), decorative. */
function ArrowIcon({ direction }: { direction: 'left' | 'right' }) {
  return (
    <svg
      className={`nhsuk-icon nhsuk-icon--arrow-${direction}`}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path
        d={
          direction === 'left'
            ? 'M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z'
            : 'm14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z'
        }
      />
    </svg>
  )
}
