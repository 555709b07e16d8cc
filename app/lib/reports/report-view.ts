import type { Framework } from '#app/lib/content/framework.schema.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { levelInWords } from '#app/lib/learning/readiness.ts'
import type { HeatmapRow, PersonReadiness, TrendPoint } from './readiness-report.server.ts'

// What the report pages show, as plain data worked out on the server: the charts' figures and the
// tables' cells. The components only lay it out. (Types here, not in a .server file, so components may use them.)

export interface ReportRow {
  key: string
  /** Where the first cell links to on screen (a unit's or a person's report). */
  href?: string
  cells: string[]
}

export interface ReportTable {
  caption: string
  header: string[]
  rows: ReportRow[]
}

export interface HeatmapCell {
  /** What is printed in the cell. */
  text: string
  /** 0 to 1: how far along the colour scale; null for a cell with no figure. */
  value: number | null
  state: 'figure' | 'suppressed' | 'empty'
  /** The cell in full, where its text is short for it ("Foundation (needs Independent)"). */
  description?: string
}

export interface HeatmapChartData {
  /** Units (% of people meeting their target) or people (level against target). */
  kind: 'units' | 'people'
  title: string
  columns: { id: string; name: string; shortName: string }[]
  rows: { key: string; label: string; cells: HeatmapCell[] }[]
}

export interface TrendChartData {
  title: string
  /** One label per week, oldest first. */
  weeks: string[]
  series: { id: string; name: string; values: (number | null)[] }[]
}

const columnsOf = (framework: Framework) =>
  framework.domains.map(({ id, name, shortName }) => ({ id, name, shortName }))

export function unitHeatmapChart({
  unitName,
  rows,
  framework,
}: {
  unitName: string
  rows: HeatmapRow[]
  framework: Framework
}): HeatmapChartData {
  return {
    kind: 'units',
    title: `Heatmap: percentage of people meeting their role target in each domain, for each unit in ${unitName}. The same figures are in the table after it.`,
    columns: columnsOf(framework),
    rows: rows.map((row) => ({
      key: row.unit.id,
      label: row.unit.name,
      cells: row.cells.map(({ figure }): HeatmapCell => {
        if (figure.suppressed) return { text: '<5', value: null, state: 'suppressed' }
        if (figure.percent === null) return { text: '–', value: null, state: 'empty' }
        return { text: `${figure.percent}%`, value: figure.percent / 100, state: 'figure' }
      }),
    })),
  }
}

/** A person's level in a domain against their target, in level names: "Foundation (needs Independent)". */
export const levelText = (framework: Framework, domain: { level: number; target: number }) =>
  domain.level >= domain.target
    ? `${levelInWords(framework, domain.level)} (meets target)`
    : `${levelInWords(framework, domain.level)} (needs ${levelInWords(framework, domain.target)})`

export function peopleHeatmapChart({
  unitName,
  people,
  framework,
}: {
  unitName: string
  people: PersonReadiness<{ id: string; name: string }>[]
  framework: Framework
}): HeatmapChartData {
  return {
    kind: 'people',
    title: `Heatmap: each person in ${unitName}, their level in each domain against the target for their role. The same figures are in the table after it.`,
    columns: columnsOf(framework),
    rows: people.map((person) => ({
      key: person.id,
      label: person.name,
      // The level by name; the colour says how far it is towards the target.
      cells: person.domains.map((domain) => ({
        text: domain.level === 0 ? 'Not yet' : levelInWords(framework, domain.level),
        value: domain.ready ? 1 : domain.level / Math.max(domain.target, 1),
        state: 'figure' as const,
        description: levelText(framework, domain),
      })),
    })),
  }
}

export function trendChart({
  unitName,
  points,
  framework,
}: {
  unitName: string
  points: TrendPoint[]
  framework: Framework
}): TrendChartData {
  return {
    title: `Line chart: percentage of people in ${unitName} meeting their role target in each domain over the last ${points.length} weeks. The same figures are in the table after it.`,
    weeks: points.map((point) => formatDate(point.weekEnding, 'dayAndMonth')),
    series: framework.domains.map((domain) => ({
      id: domain.id,
      name: domain.name,
      values: points.map((point) => point.percentByDomain[domain.id] ?? null),
    })),
  }
}
