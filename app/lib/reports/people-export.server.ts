import type { VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import { type PersonInUnit, peopleInUnitPage } from '#app/lib/org/units.server.ts'
import { type PersonReadiness, readinessOfPeople } from './readiness-report.server.ts'

// Everyone below a unit, for the people CSV above team level. An ICB holds tens of thousands of people,
// so they are read a page at a time in user id order (peopleInUnitPage), and each page's readiness is
// worked out by the same function as a team's people table. Nothing holds more than one page.

export const EXPORT_PAGE_SIZE = 500

/**
 * Pages of the people below `unit` with their readiness, in user id order, measured at one moment
 * (`now`) so that every page agrees. Stops early if the consumer does (a cancelled download).
 */
export async function* peopleReadinessPages({
  unit,
  now = new Date(),
  pageSize = EXPORT_PAGE_SIZE,
}: {
  unit: VisibleUnit
  now?: Date
  pageSize?: number
}): AsyncGenerator<PersonReadiness<PersonInUnit>[]> {
  const framework = frameworkForContent()
  let afterId: string | null = null
  for (;;) {
    const page = await peopleInUnitPage({ unit, afterId, limit: pageSize })
    if (page.length === 0) return
    yield await readinessOfPeople({ people: page, now, framework })
    if (page.length < pageSize) return
    afterId = page[page.length - 1]?.id ?? null
  }
}
