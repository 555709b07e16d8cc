import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { TrendLegend } from '#app/components/reports/chart-legend.tsx'
import { NeedsAction } from '#app/components/reports/needs-action.tsx'
import { HeatmapFigure } from '#app/components/reports/heatmap-chart.tsx'
import { ReportTableView } from '#app/components/reports/report-table.tsx'
import { TrendChart } from '#app/components/reports/trend-chart.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { formatDate } from '#app/lib/dates/dates.ts'
import { requireReportUnit, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { unitReport } from '#app/lib/reports/unit-report.server.ts'
import printStyles from '#app/styles/print.css?url'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? 'Unit'}: team readiness – Digital skills` },
]

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId: params.unitId })
  // The unit picker is a GET form (it works without JavaScript): go to the unit chosen. That page checks
  // the viewer may see it, like any other.
  const chosen = new URL(request.url).searchParams.get('unit')
  if (chosen) throw redirect(`/reports/units/${encodeURIComponent(chosen)}`)
  return unitReport({ unit, now: new Date() })
}

export default function UnitReportPage() {
  const { unit, ancestors, children, headline, heatmap, needsAction, trend, domains, producedAt } =
    useLoaderData<typeof loader>()
  const base = `/reports/units/${unit.id}`
  const isTeam = unit.kind === 'team'
  const childKind = heatmap.table.header[0]?.toLowerCase() ?? 'unit'
  const [searchParams] = useSearchParams()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Reports', to: '/reports' },
          ...ancestors.map((ancestor) => ({ label: ancestor.name, to: `/reports/units/${ancestor.id}` })),
        ]}
      />
      {searchParams.get('assigned') === '1' ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The learning has been assigned.</p>
        </div>
      ) : null}
      <span className="nhsuk-caption-l">{unit.kindLabel} readiness</span>
      <h1>{unit.name}</h1>
      <p className="nhsuk-body-s">
        Figures as at {formatDate(producedAt)}. Each person is measured against the target for their own role in each
        domain. {isTeam ? null : 'Figures from fewer than 5 people are not shown, so that no one can be identified.'}
      </p>

      <ul className="nhsuk-list nhsuk-u-display-none-print" aria-label="Actions for this unit">
        <li>
          <Link to={`${base}/assign`}>Assign learning</Link>
        </li>
        <li>
          <Link to={`${base}/overdue`}>Overdue work</Link>
        </li>
        <li>
          <Link to="/people">Find a person</Link>
        </li>
      </ul>

      <NeedsAction unit={unit} {...needsAction} />

      {children.length > 0 ? <UnitPicker unitId={unit.id} units={children} /> : null}

      <section aria-labelledby="headline">
        <h2 id="headline">Headline figures</h2>
        <SummaryList>
          {headline.map((figure) => (
            <SummaryRow label={figure.label} key={figure.key}>
              <strong className="nhsuk-u-font-size-24">{figure.value}</strong>
              <br />
              <span className="nhsuk-body-s">{figure.detail}</span>
            </SummaryRow>
          ))}
        </SummaryList>
      </section>

      <section aria-labelledby="heatmap">
        <h2 id="heatmap">{isTeam ? 'Readiness by person' : `Readiness by ${childKind}`}</h2>
        <p>
          {isTeam
            ? 'Each person’s level in each domain against the target for their role. Select a name to see their record of learning.'
            : `The percentage of people in each ${childKind} who meet the target for their role in each domain.`}
        </p>
        {heatmap.chart.rows.length === 0 ? (
          <p>{isTeam ? 'There is nobody in this team yet.' : `There are no units below ${unit.name} yet.`}</p>
        ) : (
          <HeatmapFigure data={heatmap.chart} domains={domains} />
        )}
        {heatmap.table.rows.length > 0 ? (
          <ReportTableView
            table={heatmap.table}
            csvHref={`${base}/${isTeam ? 'people' : 'heatmap'}.csv`}
            csvLabel={isTeam ? 'Download the people table' : 'Download this table'}
          />
        ) : null}
      </section>

      <section aria-labelledby="trend">
        <h2 id="trend">Trend over 12 weeks</h2>
        <p>The percentage of people meeting the target for their role in each domain at the end of each week.</p>
        {trend.chart ? (
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-two-thirds">
              <TrendChart data={trend.chart} />
            </div>
            <div className="nhsuk-grid-column-one-third">
              <TrendLegend series={trend.chart.series} />
            </div>
          </div>
        ) : (
          <p>
            There is no chart:{' '}
            {isTeam
              ? 'there is nobody in this team yet.'
              : 'there are fewer than 5 people here, so their figures are not shown.'}
          </p>
        )}
        <ReportTableView table={trend.table} csvHref={`${base}/trend.csv`} csvLabel="Download this table" />
      </section>

      {isTeam ? null : (
        <section aria-labelledby="everyone" className="nhsuk-u-display-none-print">
          <h2 id="everyone">Everyone in {unit.name}</h2>
          <p>
            Each person&apos;s level in each domain against their role target, with their team and when they were last
            active, as one spreadsheet: <a href={`${base}/people.csv`}>download everyone (CSV)</a>.
          </p>
        </section>
      )}
    </>
  )
}

/** The units below this one: links, and a form with a list that works without JavaScript. */
function UnitPicker({
  unitId,
  units,
}: {
  unitId: string
  units: { id: string; name: string; kind: string; people: number }[]
}) {
  const kind = units[0]?.kind === 'organisation' ? 'an organisation' : `a ${units[0]?.kind ?? 'unit'}`
  return (
    <nav aria-labelledby="picker" className="nhsuk-u-margin-bottom-5">
      <h2 id="picker" className="nhsuk-heading-s">
        Go to {kind} below
      </h2>
      <Form method="get" action={`/reports/units/${unitId}`} className="nhsuk-u-margin-bottom-4">
        <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
          <label className="nhsuk-label" htmlFor="unit-picker">
            Choose {kind}
          </label>
          <select className="nhsuk-select" id="unit-picker" name="unit" defaultValue={units[0]?.id}>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0">
          Show report
        </button>
      </Form>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            All {units.length} below, with how many people are in each
          </span>
        </summary>
        <div className="nhsuk-details__text">
          <ul className="nhsuk-list nhsuk-list--border">
            {units.map((unit) => (
              <li key={unit.id}>
                <Link to={`/reports/units/${unit.id}`}>{unit.name}</Link>{' '}
                <span className="app-unit-list__count">
                  ({unit.people} {unit.people === 1 ? 'person' : 'people'})
                </span>
              </li>
            ))}
          </ul>
        </div>
      </details>
    </nav>
  )
}
