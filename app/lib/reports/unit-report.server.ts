import { overdueCountByPerson, overdueCountInUnit } from '#app/lib/assignments/assignments.server.ts'
import type { VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { kindLabel } from '#app/lib/org/org-unit.ts'
import { childUnitsWithHeadcount, visibleAncestors } from '#app/lib/org/units.server.ts'
import { type CsvValue, tableCsvResponse } from './csv.server.ts'
import { peopleReadinessPages } from './people-export.server.ts'
import { requireReportUnit, requireReportViewer } from './report-access.server.ts'
import {
  lapsingEvidenceOf,
  teamPeople,
  unitHeadcount,
  unitHeadline,
  unitHeatmap,
  unitsHeatmap,
  unitTrend,
} from './readiness-report.server.ts'
import { unitsFurthestFromTarget, whoNeedsAction } from './needs-action.ts'
import {
  csvFilename,
  headlineFigures,
  heatmapTable,
  type PeopleColumns,
  peopleHeader,
  peopleTable,
  personRow,
  trendTable,
  unitHeatmapTable,
} from './report-tables.server.ts'
import { peopleHeatmapChart, type ReportTable, trendChart, unitHeatmapChart } from './report-view.ts'

// A unit's readiness report as the page shows it, and each of its tables for the CSV exports. The page
// and the exports call the same functions here, so a download holds exactly the rows on screen.

// Overdue assignments come from app/lib/assignments: a count for the headline, and one per person for the
// people table and the people CSV (the people are already scoped by the unit the viewer may see).

/** A team's people table (also the accessible table of a team's people heatmap). */
export async function teamPeopleReport({ unit, now }: { unit: VisibleUnit; now: Date }) {
  const framework = frameworkForContent()
  const people = await teamPeople({ unit, now })
  const columns: PeopleColumns = {
    framework,
    withTeam: false,
    overdueByPerson: await overdueCountByPerson({ userIds: people.map((p) => p.id), now }),
  }
  return {
    chart: peopleHeatmapChart({ unitName: unit.name, people, framework }),
    table: peopleTable({ unit, people, columns }),
    needsAction: async () => {
      const lapsing = await lapsingEvidenceOf({ userIds: people.map((person) => person.id), now })
      const needing = whoNeedsAction({
        framework,
        people: people.map((person) => ({
          ...person,
          overdue: columns.overdueByPerson?.get(person.id) ?? 0,
          lapsing: lapsing.filter((row) => row.userId === person.id),
        })),
      })
      return { ...needing, units: [] }
    },
  }
}

/** Above team level: the units directly below × domains, small numbers suppressed. At a team: its people. */
export async function heatmapReport({ unit, now }: { unit: VisibleUnit; now: Date }) {
  if (unit.kind === 'team') return teamPeopleReport({ unit, now })
  const framework = frameworkForContent()
  const rows = await unitHeatmap({ unit, now })
  return {
    chart: unitHeatmapChart({ unitName: unit.name, rows, framework }),
    table: unitHeatmapTable({ unit, rows, framework }),
    needsAction: async () => ({ people: [], total: 0, units: unitsFurthestFromTarget({ rows }) }),
  }
}

/** Where a manager of several units starts: those units side by side. */
export async function managedUnitsHeatmapReport({ units, now }: { units: VisibleUnit[]; now: Date }) {
  const framework = frameworkForContent()
  const rows = await unitsHeatmap({ units, now })
  const unitName = 'the units you look after'
  return {
    chart: unitHeatmapChart({ unitName, rows, framework }),
    table: heatmapTable({
      caption: `Percentage of people meeting their role target in each domain, in ${unitName}`,
      rowHeading: 'Unit',
      rows,
      framework,
    }),
  }
}

export async function trendReport({ unit, now, people }: { unit: VisibleUnit; now: Date; people?: number }) {
  const framework = frameworkForContent()
  const headcount = people ?? (await unitHeadcount({ unit }))
  const points = await unitTrend({ unit, now })
  const shown = points.some((point) => Object.values(point.percentByDomain).some((value) => value !== null))
  return {
    /** Null when there is nothing to draw (nobody there, or too few people to show). */
    chart: shown ? trendChart({ unitName: unit.name, points, framework }) : null,
    table: trendTable({ unit, points, people: headcount, framework }),
  }
}

/**
 * The people CSV above team level (at a team it is the people table): every person below the unit with
 * their team, read a page at a time so that an ICB-wide export never holds everyone at once.
 */
export async function peopleBelowUnitCsv({
  unit,
  now,
}: {
  unit: VisibleUnit
  now: Date
}): Promise<{ header: string[]; rows: AsyncIterable<CsvValue[]> }> {
  const framework = frameworkForContent()
  return {
    header: peopleHeader({ framework, withTeam: true, overdueByPerson: new Map() }),
    rows: (async function* () {
      for await (const page of peopleReadinessPages({ unit, now })) {
        const columns: PeopleColumns = {
          framework,
          withTeam: true,
          overdueByPerson: await overdueCountByPerson({ userIds: page.map((p) => p.id), now }),
        }
        for (const person of page) yield personRow(person, columns).cells
      }
    })(),
  }
}

/**
 * One of a unit's report tables as CSV, for a viewer who may see the unit: `what` names the file (its unit's
 * code, then e.g. "readiness-trend" and the day) and `report` builds the table the page shows.
 */
export async function unitTableCsv({
  request,
  unitId,
  what,
  report,
}: {
  request: Request
  unitId: string | undefined
  what: string
  report: (args: { unit: VisibleUnit; now: Date }) => Promise<{ table: ReportTable }>
}): Promise<Response> {
  const viewer = await requireReportViewer(request)
  const unit = await requireReportUnit({ viewer, unitId })
  const now = new Date()
  const { table } = await report({ unit, now })
  return tableCsvResponse({ filename: csvFilename({ unit, what, now }), table })
}

/** Everything on a unit's report page. */
export async function unitReport({ unit, now }: { unit: VisibleUnit; now: Date }) {
  const framework = frameworkForContent()
  const [ancestors, children, headline, overdue, heatmap] = await Promise.all([
    visibleAncestors({ unit }),
    childUnitsWithHeadcount({ unit }),
    unitHeadline({ unit, now }),
    overdueCountInUnit({ unit, now }),
    heatmapReport({ unit, now }),
  ])
  const [trend, needsAction] = await Promise.all([
    trendReport({ unit, now, people: headline.people }),
    heatmap.needsAction(),
  ])
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind, kindLabel: kindLabel[unit.kind] },
    ancestors,
    children,
    headline: headlineFigures({ unit, headline, overdue, domainCount: framework.domains.length }),
    heatmap: { chart: heatmap.chart, table: heatmap.table },
    needsAction: { ...needsAction, overdue },
    trend,
    domains: framework.domains.map(({ id, name, shortName }) => ({ id, name, shortName })),
    producedAt: now,
  }
}

export type UnitReport = Awaited<ReturnType<typeof unitReport>>
