import type { Framework } from '#app/lib/content/framework.schema.ts'
import { formatDate, isoDay } from '#app/lib/dates/dates.ts'
import type { PersonInUnit } from '#app/lib/org/units.server.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { kindLabel, type OrgUnit } from '#app/lib/org/org-unit.ts'
import { levelText, type ReportRow, type ReportTable } from './report-view.ts'
import {
  type HeatmapRow,
  type PersonReadiness,
  SMALL_NUMBER_THRESHOLD,
  type TrendPoint,
  type UnitFigure,
} from './readiness-report.server.ts'

// The report tables exactly as they are shown, cell by cell, as text. The pages render these rows and the
// CSV exports write the same rows through the same functions, so a download cannot drift from the screen.

export const SUPPRESSED_TEXT = `fewer than ${SMALL_NUMBER_THRESHOLD}`
export const NO_PEOPLE_TEXT = 'no people'

/** A percentage figure as the tables show it: "67%", "fewer than 5" (suppressed) or "no people". */
export function figureText(figure: Pick<UnitFigure, 'percent' | 'suppressed'>): string {
  if (figure.suppressed) return SUPPRESSED_TEXT
  if (figure.percent === null) return NO_PEOPLE_TEXT
  return `${figure.percent}%`
}

/** Child units × domains: the % of each unit's people meeting their role target. */
export function unitHeatmapTable({
  unit,
  rows,
  framework,
}: {
  unit: Pick<OrgUnit, 'name' | 'kind'>
  rows: HeatmapRow[]
  framework: Framework
}): ReportTable {
  // An organisation may hold directorates and teams side by side: name the rows by kind only when they share one.
  const kinds = new Set(rows.map((row) => row.unit.kind))
  const [kind] = kinds.size === 1 ? kinds : [null]
  return heatmapTable({
    caption: `Percentage of people meeting their role target in each domain, by ${kind ? kindLabel[kind].toLowerCase() : 'unit'}, in ${unit.name}`,
    rowHeading: kind ? kindLabel[kind] : 'Unit',
    rows,
    framework,
  })
}

/** Several units side by side (the units a manager looks after), each row linking to its report. */
export function heatmapTable({
  caption,
  rowHeading,
  rows,
  framework,
}: {
  caption: string
  rowHeading: string
  rows: HeatmapRow[]
  framework: Framework
}): ReportTable {
  return {
    caption,
    header: [rowHeading, 'People', ...framework.domains.map((domain) => domain.name), 'Ready in every domain'],
    rows: rows.map((row) => ({
      key: row.unit.id,
      href: `/reports/units/${row.unit.id}`,
      cells: [
        row.unit.name,
        String(row.people),
        ...row.cells.map((cell) => figureText(cell.figure)),
        figureText(row.readyInEveryDomain),
      ],
    })),
  }
}

/** Why a trend point has no figure: nobody there, or too few to show above team level. */
export function trendCellText(percent: number | null, { people }: { people: number }): string {
  if (percent !== null) return `${percent}%`
  return people === 0 ? NO_PEOPLE_TEXT : SUPPRESSED_TEXT
}

/** Week by week, the % of the unit's people meeting their role target in each domain. */
export function trendTable({
  unit,
  points,
  people,
  framework,
}: {
  unit: Pick<OrgUnit, 'name'>
  points: TrendPoint[]
  people: number
  framework: Framework
}): ReportTable {
  return {
    caption: `Percentage of people in ${unit.name} meeting their role target in each domain, week by week`,
    header: ['Week ending', ...framework.domains.map((domain) => domain.name)],
    rows: points.map((point) => ({
      key: point.weekEnding.toISOString(),
      cells: [
        formatDate(point.weekEnding, 'short'),
        ...framework.domains.map((domain) => trendCellText(point.percentByDomain[domain.id] ?? null, { people })),
      ],
    })),
  }
}

type TablePerson = PersonReadiness<
  { id: string; name: string; roleProfile: string } & Partial<Pick<PersonInUnit, 'teamName'>>
>

export interface PeopleColumns {
  framework: Framework
  /** Above team level the people come from many teams: name each one's team. */
  withTeam: boolean
  /** Overdue assignments per person; when not given, the column is left out. */
  overdueByPerson?: Map<string, number>
}

export function peopleHeader({ framework, withTeam, overdueByPerson }: PeopleColumns): string[] {
  return [
    'Name',
    ...(withTeam ? ['Team'] : []),
    'Role profile',
    ...framework.domains.map((domain) => domain.name),
    'Ready in every domain',
    'Last activity',
    ...(overdueByPerson ? ['Overdue assignments'] : []),
  ]
}

export function personRow(person: TablePerson, { framework, withTeam, overdueByPerson }: PeopleColumns): ReportRow {
  return {
    key: person.id,
    href: `/reports/people/${person.id}`,
    cells: [
      person.name,
      ...(withTeam ? [person.teamName ?? ''] : []),
      roleProfileLabel(person.roleProfile),
      ...person.domains.map((domain) => levelText(framework, domain)),
      person.readyInEveryDomain ? 'Yes' : 'No',
      person.lastActivity ? formatDate(person.lastActivity, 'short') : 'None yet',
      ...(overdueByPerson ? [String(overdueByPerson.get(person.id) ?? 0)] : []),
    ],
  }
}

/** A team's people: each one's level per domain against their role target, and when they last did anything. */
export function peopleTable({
  unit,
  people,
  columns,
}: {
  unit: Pick<OrgUnit, 'name'>
  people: TablePerson[]
  columns: PeopleColumns
}): ReportTable {
  return {
    caption: `People in ${unit.name}: the level evidenced in each domain, and the level their role needs`,
    header: peopleHeader(columns),
    rows: people.map((person) => personRow(person, columns)),
  }
}

/** A file name for a unit's export: its code, what it holds and the day, e.g. "team-7-heatmap-2026-11-26.csv". */
export const csvFilename = ({ unit, what, now }: { unit: Pick<OrgUnit, 'code'>; what: string; now: Date }) =>
  `${unit.code}-${what}-${isoDay(now)}.csv`

export interface HeadlineFigure {
  key: string
  label: string
  /** The figure, as a number or, when suppressed, in words ("fewer than 5 people"). */
  value: string
  /** The same figure in a sentence. */
  detail: string
}

const SUPPRESSED_HEADLINE = `fewer than ${SMALL_NUMBER_THRESHOLD} people`
const SUPPRESSED_DETAIL = `Not shown: a figure from fewer than ${SMALL_NUMBER_THRESHOLD} people could identify someone.`
const peopleWord = (n: number) => (n === 1 ? 'person' : 'people')

/**
 * The headline figures in numbers and words. Above team level, anything counted among fewer than 5 people
 * is suppressed. `overdue`: overdue assignments and how many people have any (null leaves the figure out).
 */
export function headlineFigures({
  unit,
  headline,
  overdue,
  domainCount,
}: {
  unit: Pick<OrgUnit, 'name' | 'kind'>
  headline: {
    people: number
    selfAssessed: UnitFigure
    readyInEveryDomain: UnitFigure
    peopleWithEvidenceExpiring: number
  }
  overdue: { overdue: number; people: number } | null
  domainCount: number
}): HeadlineFigure[] {
  const { people } = headline
  const fewPeople = unit.kind !== 'team' && people > 0 && people < SMALL_NUMBER_THRESHOLD
  const share = (figure: UnitFigure, sentence: string): Pick<HeadlineFigure, 'value' | 'detail'> => {
    if (figure.suppressed) return { value: SUPPRESSED_HEADLINE, detail: SUPPRESSED_DETAIL }
    if (figure.percent === null) return { value: NO_PEOPLE_TEXT, detail: `There is nobody in ${unit.name} yet.` }
    return { value: `${figure.percent}%`, detail: `${figure.ready} of ${people} ${peopleWord(people)} ${sentence}` }
  }
  const count = (n: number, sentence: string): Pick<HeadlineFigure, 'value' | 'detail'> =>
    fewPeople ? { value: SUPPRESSED_HEADLINE, detail: SUPPRESSED_DETAIL } : { value: String(n), detail: sentence }
  return [
    {
      key: 'people',
      label: 'People',
      value: String(people),
      detail: `${people} ${peopleWord(people)} in ${unit.name}.`,
    },
    {
      key: 'self-assessed',
      label: 'Have self-assessed',
      ...share(headline.selfAssessed, 'have rated their own digital skills.'),
    },
    {
      key: 'ready',
      label: 'Ready in every domain for their role',
      ...share(headline.readyInEveryDomain, `meet the target for their role in all ${domainCount} domains.`),
    },
    {
      key: 'expiring',
      label: 'Evidence expiring in the next 30 days',
      ...count(
        headline.peopleWithEvidenceExpiring,
        `${headline.peopleWithEvidenceExpiring} ${peopleWord(headline.peopleWithEvidenceExpiring)} ${headline.peopleWithEvidenceExpiring === 1 ? 'holds' : 'hold'} evidence that lapses within 30 days with nothing newer to cover it.`,
      ),
    },
    ...(overdue === null
      ? []
      : [
          {
            key: 'overdue',
            label: 'Assignments overdue',
            ...count(
              overdue.overdue,
              overdue.overdue === 0
                ? 'Nothing assigned is past its due date.'
                : `${overdue.overdue} ${overdue.overdue === 1 ? 'assignment is' : 'assignments are'} past ${overdue.overdue === 1 ? 'its' : 'their'} due date, for ${overdue.people} ${peopleWord(overdue.people)}.`,
            ),
          },
        ]),
  ]
}
