import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { HrPostsTable } from '#app/components/people/hr-posts-table.tsx'
import { MembershipHistoryTable } from '#app/components/people/membership-history-table.tsx'
import {
  AdminRightsForm,
  ConfirmSuspend,
  ManagerRightsForms,
  SuspendOrRestore,
  TeamAndRoleForms,
} from '#app/components/people/person-admin-forms.tsx'
import { PersonSummary } from '#app/components/people/person-summary.tsx'
import { Refusal } from '#app/components/people/refusal.tsx'
import { SendPasswordResetForm } from '#app/components/people/send-password-reset-form.tsx'
import { ConfirmUnlink, SsoAccounts } from '#app/components/people/sso-accounts.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { visibleUnit } from '#app/lib/auth/scope.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { applyPersonAdminForm } from '#app/lib/people/person-admin-actions.server.ts'
import { personAdminFormSchema } from '#app/lib/people/person-admin-form.ts'
import { doneMessage } from '#app/lib/people/person-admin-result.ts'
import { personForAdmin } from '#app/lib/people/person-admin.server.ts'
import { readPersonPageQuery } from '#app/lib/people/person-page-query.ts'
import { unitChoices } from '#app/lib/people/unit-choices.server.ts'
import { identitiesOf } from '#app/lib/sso/identities.server.ts'
import { findSsoProvider } from '#app/lib/sso/providers.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? 'Person'} – People – Administration – Digital skills` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const person = await personForAdmin({ viewer: admin, userId: params.personId ?? '' })
  if (!person) throw new Response('Person not found', { status: 404 })
  const query = readPersonPageQuery(new URL(request.url))
  const filters = { findTeam: query.findTeam ?? '', findUnit: query.findUnit ?? '' }
  const near = person.team?.organisation?.id ?? null
  const [teams, units, doneUnit, ssoAccounts] = await Promise.all([
    unitChoices({ viewer: admin, kinds: ['team'], query: filters.findTeam, withinUnitId: near }),
    unitChoices({
      viewer: admin,
      kinds: ['icb', 'organisation', 'directorate', 'team'],
      query: filters.findUnit,
      withinUnitId: near,
    }),
    query.unit ? visibleUnit({ viewer: admin, unitId: query.unit }) : null,
    identitiesOf({ userId: person.id }),
  ])
  const done = query.done
    ? doneMessage({
        done: query.done,
        person: person.name,
        unit: doneUnit?.name,
        team: person.team?.name,
        roleProfile: person.team?.roleProfile,
        provider: findSsoProvider(query.provider)?.name,
      })
    : null
  return {
    person,
    isSelf: person.id === admin.id,
    confirmSuspend: query.confirm === 'suspend' && !person.status.suspended && person.id !== admin.id,
    confirmUnlink:
      query.confirm === 'unlink' ? (ssoAccounts.find((account) => account.id === query.identity) ?? null) : null,
    ssoAccounts: ssoAccounts.map(({ provider: _provider, ...account }) => account),
    done,
    filters,
    teams,
    units,
    organisation: person.team?.organisation?.name ?? null,
    lastTeam: person.history[0]?.teamName ?? null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const personId = params.personId ?? ''
  const form = parseForm(await readFormData(request), personAdminFormSchema)
  if (!form.ok) {
    if (form.errors.intent) throw new Response('That form is not one this page knows', { status: 400 })
    return data({ errors: form.errors, values: form.values, problem: null }, { status: 400 })
  }
  const result = await applyPersonAdminForm({ actor: admin, userId: personId, form: form.data })
  if (!result) throw new Response('Person or unit not found', { status: 404 })
  if (!result.ok) return data({ errors: null, values: form.values, problem: result.problem }, { status: 409 })
  const done = new URLSearchParams({ done: result.done })
  if (result.unitId) done.set('unit', result.unitId)
  if (result.provider) done.set('provider', result.provider)
  return redirect(`/admin/people/${personId}?${done}`)
}

export default function AdminPersonPage() {
  const {
    person,
    isSelf,
    confirmSuspend,
    confirmUnlink,
    ssoAccounts,
    done,
    filters,
    teams,
    units,
    organisation,
    lastTeam,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const trail = [
    { label: 'Home', to: '/' },
    { label: 'Administration', to: '/admin' },
    { label: 'People', to: '/admin/people' },
  ]
  if (confirmSuspend) {
    return (
      <>
        <Breadcrumbs trail={[...trail, { label: person.name, to: `/admin/people/${person.id}` }]} />
        <ConfirmSuspend personId={person.id} name={person.name} team={person.team?.name ?? null} />
      </>
    )
  }
  if (confirmUnlink) {
    return (
      <>
        <Breadcrumbs trail={[...trail, { label: person.name, to: `/admin/people/${person.id}` }]} />
        <ConfirmUnlink personId={person.id} name={person.name} account={confirmUnlink} />
      </>
    )
  }
  const errors = actionData?.errors
  return (
    <>
      <Breadcrumbs trail={trail} />
      {done && !actionData ? <SuccessBanner message={done} /> : null}
      <Refusal message={actionData?.problem} />
      <ErrorSummary errors={errors} fields={['teamId', 'roleProfile', 'unitId']} />
      <span className="nhsuk-caption-l">Person</span>
      <h1>{person.name}</h1>
      <PersonSummary {...person} />

      <h2 id="history">Teams over time</h2>
      <MembershipHistoryTable name={person.name} periods={person.history} />

      <h2 id="posts">Posts in the staff list</h2>
      <HrPostsTable name={person.name} posts={person.posts} />

      <h2 id="team-and-role">Team and role profile</h2>
      {person.status.suspended ? (
        <p>{person.name} is suspended. Restore them before changing their team or role profile.</p>
      ) : (
        <TeamAndRoleForms
          personId={person.id}
          name={person.name}
          teams={teams}
          organisation={organisation}
          filters={filters}
          overrides={person.overrides}
          errors={errors}
          values={actionData?.values}
        />
      )}

      <h2 id="rights">Rights</h2>
      <h3>Administrator</h3>
      <AdminRightsForm name={person.name} isAdmin={person.rights.isAdmin} isSelf={isSelf} />
      <h3>Manager</h3>
      <ManagerRightsForms
        personId={person.id}
        name={person.name}
        managerOf={person.rights.managerOf}
        units={units}
        filters={filters}
        errors={errors}
        values={actionData?.values}
      />

      <h2 id="sign-in">Signing in</h2>
      <SuspendOrRestore
        personId={person.id}
        name={person.name}
        suspended={person.status.suspended}
        isSelf={isSelf}
        lastTeam={lastTeam}
      />
      <SendPasswordResetForm name={person.name} email={person.email} suspended={person.status.suspended} />
      <SsoAccounts personId={person.id} name={person.name} accounts={ssoAccounts} />
    </>
  )
}
