import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { AdminUnitLinks } from '#app/components/admin/unit-links.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { Radios } from '#app/components/forms/radios.tsx'
import { SelectField } from '#app/components/forms/select-field.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { kindLabel, kindWithArticle } from '#app/lib/org/org-unit.ts'
import { unitChangeMessage, unitChangeRedirect } from '#app/lib/org/unit-change-messages.ts'
import {
  closeBlockers,
  closeProblem,
  closeUnit,
  createChildUnit,
  moveUnit,
  renameUnit,
  reopenUnit,
} from '#app/lib/org/unit-admin.server.ts'
import { moveTargets, unitForAdmin } from '#app/lib/org/unit-directory.server.ts'
import { signInSettingsOf } from '#app/lib/auth/sign-in-methods.server.ts'
import { ssoProviders } from '#app/lib/sso/providers.server.ts'
import { describeSignInSettings } from '#app/lib/sso/sign-in-settings.server.ts'
import { UNIT_FORM_FIELDS, unitFormSchema } from '#app/lib/org/unit-form.ts'

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.unit.name ?? 'Unit'} – Organisation units – Digital skills` },
]

async function requireUnit(unitId: string | undefined) {
  const details = await unitForAdmin({ unitId: unitId ?? '' })
  if (!details) throw new Response('Not found', { status: 404 })
  return details
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const { unit, ancestors, parent, children, childKinds } = await requireUnit(params.unitId)
  const search = new URL(request.url).searchParams
  const [targets, blockers, signIn] = await Promise.all([
    parent ? moveTargets({ unitId: unit.id }) : Promise.resolve([]),
    closeBlockers({ unitId: unit.id }),
    unit.kind === 'organisation' ? signInSettingsOf({ organisation: unit }) : Promise.resolve(null),
  ])
  const cannotClose = unit.closed ? null : closeProblem(unit, blockers)
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      kind: kindLabel[unit.kind],
      isTeam: unit.kind === 'team',
      people: unit.people,
      closed: unit.closed,
      closedOn: unit.closedAt ? formatDate(unit.closedAt) : null,
    },
    ancestors,
    parent,
    children: children.map((child) => ({
      id: child.id,
      name: child.name,
      kindLabel: kindLabel[child.kind],
      people: child.people,
      closed: child.closed,
    })),
    childKinds: childKinds.map((kind) => ({ value: kind, label: kindLabel[kind], inWords: kindWithArticle[kind] })),
    targets,
    cannotClose,
    confirmClose: search.get('close') === 'confirm' && !unit.closed && cannotClose === null,
    done: unitChangeMessage({ done: search.get('done'), unit, parent }),
    // Organisations only: how their people sign in (in words), when single sign-on is set up at all.
    signIn: signIn && ssoProviders().length > 0 ? describeSignInSettings(signIn) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const { unit } = await requireUnit(params.unitId)
  const form = parseForm(await readFormData(request), unitFormSchema)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const actor = { id: admin.id, name: admin.name }
  const change = form.data
  const result =
    change.intent === 'rename'
      ? await renameUnit({ unitId: unit.id, name: change.name, actor })
      : change.intent === 'move'
        ? await moveUnit({ unitId: unit.id, parentId: change.parentId, actor })
        : change.intent === 'add'
          ? await createChildUnit({ parentId: unit.id, name: change.childName, kind: change.childKind, actor })
          : change.intent === 'close'
            ? await closeUnit({ unitId: unit.id, actor })
            : await reopenUnit({ unitId: unit.id, actor })
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 })
  return redirect(unitChangeRedirect({ intent: change.intent, unitId: unit.id, changed: result.unit }))
}

const PEOPLE_HINT = 'People in it and in the units below it, now.'

export default function AdminUnitPage() {
  const { unit, ancestors, parent, children, childKinds, targets, cannotClose, confirmClose, done, signIn } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const submitted = (name: string) => {
    const value = actionData?.values[name]
    return typeof value === 'string' ? value : undefined
  }
  const trail = [
    { label: 'Home', to: '/' },
    { label: 'Organisation units', to: '/admin/units' },
    ...ancestors.map((ancestor) => ({ label: ancestor.name, to: `/admin/units/${ancestor.id}` })),
  ]

  if (confirmClose) {
    return (
      <>
        <Breadcrumbs trail={[...trail, { label: unit.name, to: `/admin/units/${unit.id}` }]} />
        <span className="nhsuk-caption-l">{unit.kind}</span>
        <h1>Close {unit.name}?</h1>
        <p>
          A closed unit keeps its history: past members, and figures for the weeks it had people in them. No units can
          be added to it while it is closed. You can reopen it later.
        </p>
        <Form method="post" action={`/admin/units/${unit.id}`}>
          <input type="hidden" name="intent" value="close" />
          <button className="nhsuk-button nhsuk-button--warning" type="submit" id="close">
            Yes, close {unit.name}
          </button>
        </Form>
        <p>
          <Link to={`/admin/units/${unit.id}`}>No, go back to {unit.name}</Link>
        </p>
      </>
    )
  }

  // Keyed by the unit: moving from one unit's page to another's keeps this component, and the forms' fields
  // (uncontrolled, filled from defaultValue) would otherwise keep the previous unit's values.
  return (
    <Fragment key={unit.id}>
      <Breadcrumbs trail={trail} />
      {done && !errors ? <SuccessBanner message={done} /> : null}
      <ErrorSummary errors={errors} fields={[...UNIT_FORM_FIELDS]} />
      <span className="nhsuk-caption-l">{unit.kind}</span>
      <h1>
        {unit.name}
        {unit.closed ? (
          <>
            {' '}
            <strong className="nhsuk-tag nhsuk-tag--grey">Closed</strong>
          </>
        ) : null}
      </h1>

      <SummaryList>
        <SummaryRow label="Part of">
          {parent ? <Link to={`/admin/units/${parent.id}`}>{parent.name}</Link> : 'Nothing: it is the top of the tree'}
        </SummaryRow>
        <SummaryRow label="People">
          {unit.people}
          <div className="nhsuk-hint nhsuk-u-margin-bottom-0">{PEOPLE_HINT}</div>
        </SummaryRow>
        <SummaryRow label="Status">{unit.closed ? `Closed on ${unit.closedOn}` : 'Open'}</SummaryRow>
      </SummaryList>
      <ul className="nhsuk-list">
        <li>
          <Link to={`/reports/units/${unit.id}`}>Readiness report for {unit.name}</Link>
        </li>
        <li>
          <Link to={`/admin/audit?subjectId=${unit.id}`}>Changes to {unit.name} in the audit log</Link>
        </li>
      </ul>

      {signIn ? (
        <section aria-labelledby="sign-in-heading">
          <h2 id="sign-in-heading">How people in {unit.name} sign in</h2>
          <SummaryList>
            <SummaryRow label="Sign in">{signIn.signInMethods}</SummaryRow>
            <SummaryRow label="Sign-in services">
              {signIn.signInServices.length > 0 ? signIn.signInServices.join(', ') : 'None chosen'}
            </SummaryRow>
            <SummaryRow label="Microsoft tenants accepted">
              {signIn.microsoftTenants.length > 0 ? (
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {signIn.microsoftTenants.map((tenant) => (
                    <li key={tenant} className="app-break-anywhere">
                      {tenant}
                    </li>
                  ))}
                </ul>
              ) : (
                'None'
              )}
            </SummaryRow>
            <SummaryRow label="Email domains its sign-ins vouch for">
              {signIn.emailDomains.length > 0 ? signIn.emailDomains.join(', ') : 'None'}
            </SummaryRow>
            <SummaryRow label="If someone not in the staff list signs in">
              {signIn.addPeopleNotInTheStaffList
                ? 'They are added, for an administrator to place in a team'
                : 'They are refused and told whom to contact'}
            </SummaryRow>
            <SummaryRow label="Who staff contact about signing in">{signIn.contact ?? 'Not given'}</SummaryRow>
          </SummaryList>
          <p>
            <Link to={`/admin/units/${unit.id}/sign-in`}>Change how people in {unit.name} sign in</Link>
          </p>
        </section>
      ) : null}

      {unit.isTeam ? null : (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading">Units in {unit.name}</h2>
          {children.length > 0 ? <AdminUnitLinks units={children} /> : <p>There are no units in {unit.name} yet.</p>}
        </section>
      )}

      {childKinds.length > 0 ? (
        <section aria-labelledby="add-heading">
          <h2 id="add-heading">Add a unit to {unit.name}</h2>
          <Form method="post" action={`/admin/units/${unit.id}`} noValidate>
            <input type="hidden" name="intent" value="add" />
            <TextField
              name="childName"
              label="Name of the new unit"
              defaultValue={submitted('childName')}
              error={errors?.childName}
              maxLength={200}
              autoComplete="off"
            />
            {childKinds.length > 1 ? (
              <Radios
                name="childKind"
                legend="What kind of unit is it?"
                labelSize="s"
                error={errors?.childKind}
                defaultValue={submitted('childKind')}
                items={childKinds.map((kind) => ({
                  value: kind.value,
                  label: kind.label,
                  hint: kind.value === 'team' ? 'People are members of a team' : 'Holds teams, or other directorates',
                }))}
              />
            ) : (
              <p>It will be {childKinds[0]?.inWords}.</p>
            )}
            <button className="nhsuk-button" type="submit">
              Add unit
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="rename-heading">
        <h2 id="rename-heading">Rename {unit.name}</h2>
        <Form method="post" action={`/admin/units/${unit.id}`} noValidate>
          <input type="hidden" name="intent" value="rename" />
          <TextField
            name="name"
            label="New name"
            defaultValue={submitted('name') ?? unit.name}
            error={errors?.name}
            maxLength={200}
            autoComplete="off"
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Rename
          </button>
        </Form>
      </section>

      {parent ? (
        <section aria-labelledby="move-heading">
          <h2 id="move-heading">Move {unit.name}</h2>
          {targets.length > 0 ? (
            <Form method="post" action={`/admin/units/${unit.id}`} noValidate>
              <input type="hidden" name="intent" value="move" />
              <SelectField
                name="parentId"
                label="Move it into"
                hint="Everything in it moves too. Managers of the units it leaves stop seeing its people; managers of the unit it joins start to."
                defaultValue={submitted('parentId') ?? ''}
                error={errors?.parentId}
              >
                <option value="">Choose a unit</option>
                {targets.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.label}
                  </option>
                ))}
              </SelectField>
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                Move
              </button>
            </Form>
          ) : (
            <p id="parentId">There is no other open unit that can hold {unit.name}.</p>
          )}
        </section>
      ) : null}

      {unit.closed ? (
        <section aria-labelledby="reopen-heading">
          <h2 id="reopen-heading">Reopen {unit.name}</h2>
          {parent?.closed ? (
            <p id="reopen" tabIndex={-1}>
              You cannot reopen {unit.name} while {parent.name} is closed. Reopen {parent.name} first.
            </p>
          ) : (
            <Form method="post" action={`/admin/units/${unit.id}`}>
              <input type="hidden" name="intent" value="reopen" />
              <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="reopen">
                Reopen {unit.name}
              </button>
            </Form>
          )}
        </section>
      ) : (
        <section aria-labelledby="close-heading">
          <h2 id="close-heading">Close {unit.name}</h2>
          {cannotClose ? (
            <div className="nhsuk-inset-text" id="close" tabIndex={-1}>
              <p>{cannotClose}</p>
            </div>
          ) : (
            <>
              <p>Close a unit that is no longer used. It keeps its history, and you can reopen it later.</p>
              <Link
                className="nhsuk-button nhsuk-button--secondary"
                to={`/admin/units/${unit.id}?close=confirm`}
                id="close"
              >
                Close {unit.name}
              </Link>
            </>
          )}
        </section>
      )}
    </Fragment>
  )
}
