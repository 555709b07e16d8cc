import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ModuleTags } from '#app/components/module-status-tag.tsx'
import { SelectField } from '#app/components/forms/select-field.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { requireUser } from '#app/lib/auth/current-user.server.ts'
import {
  canSeeDrafts,
  describeModule,
  filterModules,
  frameworkForContent,
  loadModules,
} from '#app/lib/content/catalogue.server.ts'
import { domainIdSchema } from '#app/lib/content/framework.schema.ts'
import { loadMappedCourses } from '#app/lib/courses/course-catalogue.server.ts'
import {
  areasCovered,
  CATALOGUE_VIEWS,
  catalogueViewNames,
  catalogueViewSchema,
  defaultView,
  emptyViewText,
  modulesInView,
  type CatalogueView,
  withStatuses,
} from '#app/lib/learning/catalogue-view.ts'
import { learnerModuleStatuses } from '#app/lib/learning/my-learning.server.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'

export const meta: MetaFunction = () => [{ title: 'Modules – Digital skills' }]

// Unknown or malformed filter values are ignored rather than failing the page.
const filtersSchema = z.object({
  view: catalogueViewSchema.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  domain: domainIdSchema.optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''))
  const filters = filtersSchema.parse(params)
  const [membership, { statuses, assignedSlugs }, courses] = await Promise.all([
    membershipOf({ userId: user.id }),
    learnerModuleStatuses({ userId: user.id }),
    loadMappedCourses({ includeDrafts: canSeeDrafts(user) }),
  ])
  const roleProfile = membership?.roleProfile ?? null
  const view = filters.view ?? defaultView({ roleProfile })
  const framework = frameworkForContent()
  // Imported courses are listed after the modules, in the order content/courses.yaml gives them.
  const all = [
    ...loadModules({ includeDrafts: canSeeDrafts(user) }).map((module) => describeModule(module, framework)),
    ...courses,
  ]
  const counts = Object.fromEntries(
    CATALOGUE_VIEWS.map((v) => [v, modulesInView({ modules: all, view: v, roleProfile, assignedSlugs }).length]),
  ) as Record<CatalogueView, number>
  const inView = modulesInView({ modules: all, view, roleProfile, assignedSlugs })
  const matching = filterModules(inView, { q: filters.q, domain: filters.domain, level: filters.level })
  return {
    filters,
    view,
    views: CATALOGUE_VIEWS.filter((v) => v !== 'role' || roleProfile).map((v) => ({
      id: v,
      name: catalogueViewNames[v],
      count: counts[v],
    })),
    roleName: roleProfile ? roleProfileLabel(roleProfile) : null,
    modules: withStatuses({ modules: matching, statuses, view }).map((module) => ({
      kind: module.kind,
      href: module.kind === 'course' ? `/courses/${module.slug}` : `/modules/${module.slug}`,
      slug: module.slug,
      title: module.title,
      summary: module.summary,
      minutes: module.minutes,
      status: module.status,
      personal: module.personal,
      // What it counts towards, by area and level name (no competency codes).
      countsTowards: areasCovered(module.competencies),
    })),
    inView: inView.length,
    domains: framework.domains.map((d) => ({ id: d.id, name: d.name })),
    levels: framework.levels.map((l) => ({ level: l.level, name: l.name })),
  }
}

export default function CataloguePage() {
  const { filters, view, views, roleName, modules, inView, domains, levels } = useLoaderData<typeof loader>()
  const filtered = Boolean(filters.q || filters.domain || filters.level)
  const viewName = catalogueViewNames[view]
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Modules</h1>
      <p>
        Short modules you can finish in a spare 5 to 10 minutes, each ending with a few questions, and courses from
        other publishers, which say how long they take.
      </p>

      <nav aria-label="Which modules to show" className="app-view-links">
        <ul className="nhsuk-list">
          {views.map((v) => (
            <li key={v.id}>
              {v.id === view ? (
                <strong aria-current="page">
                  {v.name} ({v.count})
                </strong>
              ) : (
                <Link to={`/modules?view=${v.id}`}>
                  {v.name} ({v.count})
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="app-filters" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="nhsuk-heading-s">
          Find a module in &ldquo;{viewName}&rdquo;
        </h2>
        <input type="hidden" name="view" value={view} />
        <TextField
          name="q"
          label="Search by title or topic"
          type="search"
          defaultValue={filters.q ?? ''}
          maxLength={100}
        />
        <div className="app-filters__row">
          <SelectField name="domain" label="Domain" defaultValue={filters.domain ?? ''}>
            <option value="">All domains</option>
            {domains.map((domain) => (
              <option key={domain.id} value={domain.id}>
                {domain.name}
              </option>
            ))}
          </SelectField>
          <SelectField name="level" label="Level" defaultValue={filters.level ?? ''}>
            <option value="">All levels</option>
            {levels.map((level) => (
              <option key={level.level} value={level.level}>
                {level.name}
              </option>
            ))}
          </SelectField>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
        {filtered ? (
          <p>
            <Link to={`/modules?view=${view}`}>Clear filters</Link>
          </p>
        ) : null}
      </Form>

      <h2 className="nhsuk-heading-m" id="results-heading">
        {viewName}
        {view === 'role' && roleName ? <span className="nhsuk-caption-m">{roleName}</span> : null}
      </h2>
      <p role="status" className="nhsuk-body-s">
        {filtered ? `${modules.length} of ${inView} modules match` : `${inView} ${inView === 1 ? 'module' : 'modules'}`}
      </p>

      {modules.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{filtered ? 'No modules match. Try fewer filters or a different search.' : emptyViewText[view]}</p>
          {view !== 'all' ? (
            <p>
              <Link to="/modules?view=all">See all modules</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <ul className="nhsuk-list app-module-list" aria-labelledby="results-heading">
          {modules.map((module) => (
            <li key={module.slug} className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <ModuleTags
                  status={module.personal}
                  draft={module.status === 'draft'}
                  course={module.kind === 'course'}
                />
                <h3 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={module.href}>
                    {module.title}
                  </Link>
                </h3>
                <p className="nhsuk-card__description">{module.summary}</p>
                <p className="nhsuk-body-s app-module-meta">
                  {module.kind === 'course' ? 'Course from another provider · ' : null}
                  {module.minutes === null ? null : `${module.minutes} minutes · `}
                  Counts towards {module.countsTowards.join(', ')}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
