import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
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
import { roleProfileSchema } from '#app/lib/org/role-profiles.ts'

export const meta: MetaFunction = () => [{ title: 'Modules – Digital skills' }]

// Unknown or malformed filter values are ignored rather than failing the page.
const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  domain: domainIdSchema.optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  role: roleProfileSchema.optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''))
  const filters = filtersSchema.parse(params)
  const framework = frameworkForContent()
  const all = loadModules({ includeDrafts: canSeeDrafts(user) }).map((module) => describeModule(module, framework))
  const modules = filterModules(all, {
    q: filters.q,
    domain: filters.domain,
    level: filters.level,
    roleProfile: filters.role,
  })
  return {
    filters,
    modules,
    total: all.length,
    domains: framework.domains.map((d) => ({ id: d.id, name: d.name })),
    levels: framework.levels.map((l) => ({ level: l.level, name: l.name })),
    roleProfiles: framework.roleProfiles.map((p) => ({ id: p.id, name: p.name })),
  }
}

export default function CataloguePage() {
  const { filters, modules, total, domains, levels, roleProfiles } = useLoaderData<typeof loader>()
  const filtered = Boolean(filters.q || filters.domain || filters.level || filters.role)
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>Modules</h1>
      <p>Short modules you can finish in a spare 5 to 10 minutes. Each one ends with a few questions.</p>

      <Form method="get" className="app-filters" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="nhsuk-heading-s">
          Find a module
        </h2>
        <TextField name="q" label="Search" type="search" defaultValue={filters.q ?? ''} maxLength={100} />
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
                {level.level} {level.name}
              </option>
            ))}
          </SelectField>
          <SelectField name="role" label="Role" defaultValue={filters.role ?? ''}>
            <option value="">All roles</option>
            {roleProfiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </SelectField>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
        {filtered ? (
          <p>
            <Link to="/modules">Clear filters</Link>
          </p>
        ) : null}
      </Form>

      <p role="status" className="nhsuk-body-s">
        {filtered ? `${modules.length} of ${total} modules match` : `${total} modules`}
      </p>

      {modules.length === 0 ? (
        <div className="nhsuk-inset-text">
          <p>No modules match these filters. Try fewer filters or a different search.</p>
        </div>
      ) : (
        <ul className="nhsuk-list app-module-list">
          {modules.map((module) => (
            <li key={module.slug} className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={`/modules/${module.slug}`}>
                    {module.title}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{module.summary}</p>
                <p className="nhsuk-body-s app-module-meta">
                  {module.minutes} minutes · {module.competencies.map((c) => `${c.id} ${c.levelName}`).join(', ')}
                  {module.status === 'draft' ? (
                    <>
                      {' '}
                      · <strong className="nhsuk-tag nhsuk-tag--grey">Draft</strong>
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
