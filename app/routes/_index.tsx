import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AssignedWork } from '#app/components/assigned-work.tsx'
import { AboutToLapse, CarryOn, ReadinessSummary, WhatNext } from '#app/components/my-learning.tsx'
import { UnitList } from '#app/components/unit-list.tsx'
import { assignmentsForLearner } from '#app/lib/assignments/assignments.server.ts'
import { requireUser, rolesOf } from '#app/lib/auth/current-user.server.ts'
import { myLearning } from '#app/lib/learning/my-learning.server.ts'
import { notAlreadyAssigned } from '#app/lib/learning/what-next.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'
import { managedUnitsWithHeadcount, topLevelUnits } from '#app/lib/org/units.server.ts'

export const meta: MetaFunction = () => [{ title: 'Home – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [roles, membership, learning, assigned] = await Promise.all([
    rolesOf(user),
    membershipOf({ userId: user.id }),
    myLearning({ user }),
    assignmentsForLearner({ userId: user.id }),
  ])
  return {
    learning,
    assigned,
    firstName: user.name.split(' ')[0] ?? user.name,
    membership: membership && { teamName: membership.teamName, roleProfile: roleProfileLabel(membership.roleProfile) },
    managedUnits: roles.manager ? await managedUnitsWithHeadcount({ viewer: user }) : [],
    organisation: roles.admin ? await topLevelUnits() : [],
    // Set by a reset link's page after it signed the person in with their new password.
    passwordReset: new URL(request.url).searchParams.get('password-reset') === '1',
  }
}

export default function HomePage() {
  const { firstName, membership, managedUnits, organisation, learning, assigned, passwordReset } =
    useLoaderData<typeof loader>()
  return (
    <>
      {passwordReset ? (
        <div className="nhsuk-inset-text" role="status">
          <p>Your password has been reset. You have been signed out on your other devices.</p>
        </div>
      ) : null}
      <h1>Hello, {firstName}</h1>
      {membership ? (
        <p className="nhsuk-lede-text">
          {membership.teamName} · {membership.roleProfile}
        </p>
      ) : (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            You are not in a team yet, so the platform does not know your role. Until your organisation adds you to one,
            what is suggested here and the targets you are measured against are those for clinical staff.{' '}
            <Link to="/help">Get help</Link> if you think this is wrong.
          </p>
        </div>
      )}

      {/* On a phone, what to do comes first: work that is due, then where they stopped, then what to renew and what next; readiness is summed up after. */}
      <AssignedWork items={assigned} />
      <CarryOn items={learning.inProgress} />
      <AboutToLapse items={learning.expiring} />
      <WhatNext items={notAlreadyAssigned(learning.next, assigned)} />
      <ReadinessSummary rows={learning.readiness} />
      <section aria-labelledby="more">
        <h2 id="more" className="nhsuk-heading-m">
          More for you
        </h2>
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to="/modules">
            Browse modules
          </Link>
        </p>
        <p>
          <Link to="/self-assessment">Rate your own digital skills</Link> to see them beside what your passed modules
          show.
        </p>
      </section>

      {managedUnits.length > 0 ? (
        <section aria-labelledby="teams-you-manage">
          <h2 id="teams-you-manage">Teams you manage</h2>
          <UnitList units={managedUnits} />
        </section>
      ) : null}

      {organisation.length > 0 ? (
        <section aria-labelledby="organisation">
          <h2 id="organisation">Organisation</h2>
          <p>
            As an administrator you can see every unit and person, and manage the{' '}
            <Link to="/admin/lrs-clients">LRS clients</Link> that send learning records from other systems.
          </p>
          <ul className="nhsuk-list">
            {organisation.map((unit) => (
              <li key={unit.id}>
                <Link to={`/units/${unit.id}`}>{unit.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
