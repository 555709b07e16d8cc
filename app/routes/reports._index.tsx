import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { PersonSearchForm } from '#app/components/people/person-search.tsx'
import { HeatmapFigure } from '#app/components/reports/heatmap-chart.tsx'
import { ReportTableView } from '#app/components/reports/report-table.tsx'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { reportRootUnits, requireReportViewer } from '#app/lib/reports/report-access.server.ts'
import { managedUnitsHeatmapReport } from '#app/lib/reports/unit-report.server.ts'

export const meta: MetaFunction = () => [{ title: 'Team readiness – Digital skills' }]

// Where a manager's reports start: the unit they manage (straight there when there is one), or the
// several they manage side by side, each row leading to that unit's report.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireReportViewer(request)
  const roots = await reportRootUnits({ viewer })
  if (roots.length === 1 && roots[0]) throw redirect(`/reports/units/${roots[0].id}`)
  const domains = frameworkForContent().domains.map(({ id, name, shortName }) => ({ id, name, shortName }))
  return {
    heatmap: roots.length > 0 ? await managedUnitsHeatmapReport({ units: roots, now: new Date() }) : null,
    domains,
  }
}

export default function ReportsPage() {
  const { heatmap, domains } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Team readiness</h1>
      <PersonSearchForm query="" action="/people" hint="Find someone in the teams you look after" />
      {heatmap === null ? (
        <p>There are no units to report on yet.</p>
      ) : (
        <section aria-labelledby="heatmap">
          <h2 id="heatmap">The units you look after</h2>
          <p>
            The percentage of people in each unit who meet the target for their role in each domain. Figures from fewer
            than 5 people are not shown. Select a unit for its full report, its people and its trend.
          </p>
          <HeatmapFigure data={heatmap.chart} domains={domains} />
          <ReportTableView table={heatmap.table} csvHref="/reports/heatmap.csv" csvLabel="Download this table" />
        </section>
      )}
    </>
  )
}
