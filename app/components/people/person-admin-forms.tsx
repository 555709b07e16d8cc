import { Form, Link } from '@remix-run/react'
import { SelectField } from '#app/components/forms/select-field.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import type { FieldErrors, FormValues } from '#app/lib/forms/parse-form.ts'
import { roleProfileIds, roleProfileLabels } from '#app/lib/org/role-profiles.ts'
import { type UnitChoiceGroup, UnitSelect } from './unit-select.tsx'

// The forms on an administrator's page about a person. Each posts to the page itself with an `intent`;
// the searches that narrow the lists of teams and units are GET forms that keep each other's text.

interface Filters {
  findTeam: string
  findUnit: string
}

/** A GET form narrowing one list by name, carrying the other list's search along. */
function FindUnitsForm({
  name,
  label,
  hint,
  button,
  filters,
  action,
}: {
  name: keyof Filters
  label: string
  hint: string
  button: string
  filters: Filters
  /** The page itself, with the anchor of the form the list belongs to. */
  action: string
}) {
  const other = name === 'findTeam' ? 'findUnit' : 'findTeam'
  return (
    <Form method="get" action={action}>
      {filters[other] ? <input type="hidden" name={other} value={filters[other]} /> : null}
      <TextField name={name} label={label} hint={hint} defaultValue={filters[name]} className="nhsuk-input--width-20" />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
        {button}
      </button>
    </Form>
  )
}

function ChoicesNote({ more, what }: { more: boolean; what: string }) {
  if (more) return <p>Only the first 100 {what} are listed. Type more of the name to find the one you want.</p>
  return null
}

export function TeamAndRoleForms({
  personId,
  name,
  teams,
  organisation,
  filters,
  overrides,
  errors,
  values,
}: {
  personId: string
  name: string
  teams: { groups: UnitChoiceGroup[]; more: boolean }
  organisation: string | null
  filters: Filters
  overrides: { team: string | null; teamId: string | null; roleProfileId: string | null }
  errors: FieldErrors | null | undefined
  values: FormValues | null | undefined
}) {
  const current = overrides.teamId && overrides.team ? { id: overrides.teamId, label: overrides.team } : null
  const chosen = (field: string, fallback: string | null) => {
    const value = values?.[field]
    return typeof value === 'string' ? value : (fallback ?? '')
  }
  return (
    <>
      <p>
        Each staff import sets {name}’s team and role profile from the staff list. If either is wrong, choose it here:
        imports keep your choice until you remove it.
      </p>
      <FindUnitsForm
        name="findTeam"
        label="Find a team"
        hint={
          filters.findTeam === '' && organisation
            ? `The list below has the teams of ${organisation}. For a team elsewhere, type part of its name.`
            : 'Type part of the team’s name'
        }
        button="Find teams"
        filters={filters}
        action={`/admin/people/${personId}#team-and-role`}
      />
      <ChoicesNote more={teams.more} what="teams" />
      {filters.findTeam !== '' && teams.groups.length === 0 ? (
        <p>No open team has ‘{filters.findTeam}’ in its name.</p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="set-overrides" />
        <UnitSelect
          name="teamId"
          label="Team"
          error={errors?.teamId}
          groups={teams.groups}
          current={current}
          emptyLabel="As the staff list says"
          defaultValue={chosen('teamId', overrides.teamId)}
        />
        <SelectField
          name="roleProfile"
          label="Role profile"
          error={errors?.roleProfile}
          defaultValue={chosen('roleProfile', overrides.roleProfileId)}
        >
          <option value="">As the staff list says</option>
          {roleProfileIds.map((id) => (
            <option value={id} key={id}>
              {roleProfileLabels[id]}
            </option>
          ))}
        </SelectField>
        <button className="nhsuk-button" type="submit">
          Save team and role profile
        </button>
      </Form>
      {overrides.teamId || overrides.roleProfileId ? (
        <Form method="post">
          <input type="hidden" name="intent" value="clear-overrides" />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Use the staff list’s team and role again
          </button>
        </Form>
      ) : null}
    </>
  )
}

export function AdminRightsForm({ name, isAdmin, isSelf }: { name: string; isAdmin: boolean; isSelf: boolean }) {
  if (isAdmin && isSelf) {
    return <p>You are an administrator. Another administrator can remove your administrator rights.</p>
  }
  return (
    <>
      <p>
        {isAdmin
          ? `${name} is an administrator: they can change people, units and rights, and see every report.`
          : `${name} is not an administrator.`}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value={isAdmin ? 'revoke-admin' : 'grant-admin'} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          {isAdmin ? 'Remove administrator rights' : 'Make them an administrator'}
        </button>
      </Form>
    </>
  )
}

export interface ManagerRight {
  unitId: string
  unitName: string
  kind: string
  fromStaffList: boolean
  byAdministrator: boolean
}

export function ManagerRightsForms({
  personId,
  name,
  managerOf,
  units,
  filters,
  errors,
  values,
}: {
  personId: string
  name: string
  managerOf: ManagerRight[]
  units: { groups: UnitChoiceGroup[]; more: boolean }
  filters: Filters
  errors: FieldErrors | null | undefined
  values: FormValues | null | undefined
}) {
  const chosenUnit = typeof values?.unitId === 'string' ? values.unitId : ''
  return (
    <>
      {managerOf.length === 0 ? (
        <p>{name} does not manage any unit.</p>
      ) : (
        <ResponsiveTable
          caption={`Units ${name} manages`}
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Unit', 'Given by', 'Change']}
        >
          {managerOf.map((right) => (
            <tr className="nhsuk-table__row" key={right.unitId}>
              <Cell heading="Unit">
                {right.unitName} <span className="nhsuk-u-secondary-text-colour">({right.kind.toLowerCase()})</span>
              </Cell>
              <Cell heading="Given by">
                {right.fromStaffList && right.byAdministrator
                  ? 'The staff list and an administrator'
                  : right.fromStaffList
                    ? 'The staff list'
                    : 'An administrator'}
              </Cell>
              <Cell heading="Change">
                {right.byAdministrator ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke-manager" />
                    <input type="hidden" name="unitId" value={right.unitId} />
                    <button className="app-link-button" type="submit">
                      Remove<span className="nhsuk-u-visually-hidden"> manager rights over {right.unitName}</span>
                    </button>
                  </Form>
                ) : (
                  <span className="nhsuk-u-font-size-16">
                    {name} line-manages people here. The next staff import works this out again.
                  </span>
                )}
              </Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
      <h4 id="give-manager-rights">Give manager rights</h4>
      <p>A manager sees the reports of the unit and of everything below it, and the people in it.</p>
      <FindUnitsForm
        name="findUnit"
        label="Find a unit"
        hint="Type part of the name of a team, directorate or organisation"
        button="Find units"
        filters={filters}
        action={`/admin/people/${personId}#give-manager-rights`}
      />
      <ChoicesNote more={units.more} what="units" />
      {filters.findUnit !== '' && units.groups.length === 0 ? (
        <p>No open unit has ‘{filters.findUnit}’ in its name.</p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="grant-manager" />
        <UnitSelect
          name="unitId"
          label="Unit they will manage"
          error={errors?.unitId}
          groups={units.groups}
          emptyLabel="Choose a unit"
          defaultValue={chosenUnit}
        />
        <button className="nhsuk-button" type="submit">
          Give manager rights
        </button>
      </Form>
    </>
  )
}

export function SuspendOrRestore({
  personId,
  name,
  suspended,
  isSelf,
  lastTeam,
}: {
  personId: string
  name: string
  suspended: boolean
  isSelf: boolean
  lastTeam: string | null
}) {
  if (suspended) {
    return (
      <>
        <p>
          {name} cannot sign in.{' '}
          {lastTeam ? `Restoring them puts them back in ${lastTeam}, the team they were last in.` : null}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="restore" />
          <button className="nhsuk-button" type="submit">
            Restore {name}
          </button>
        </Form>
      </>
    )
  }
  if (isSelf) return <p>You cannot suspend yourself.</p>
  return (
    <>
      <p>
        Suspend someone who should no longer use the service. They are signed out and cannot sign in, and they leave
        their team’s figures from today. Their learning record is kept, and you can restore them.
      </p>
      <Link
        className="nhsuk-button nhsuk-button--warning"
        to={`/admin/people/${personId}?confirm=suspend`}
        role="button"
      >
        Suspend {name}
      </Link>
    </>
  )
}

/** The confirmation step before suspending: a page of its own, so it works without JavaScript. */
export function ConfirmSuspend({ personId, name, team }: { personId: string; name: string; team: string | null }) {
  return (
    <>
      <h1>Suspend {name}?</h1>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>They are signed out everywhere and cannot sign in.</li>
        {team ? <li>They leave {team} from today, so its figures stop counting them.</li> : null}
        <li>Their learning record and their history in teams are kept.</li>
        <li>You can restore them at any time.</li>
      </ul>
      <Form method="post" action={`/admin/people/${personId}`}>
        <input type="hidden" name="intent" value="suspend" />
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Yes, suspend {name}
        </button>
      </Form>
      <p>
        <Link to={`/admin/people/${personId}`}>No, go back to {name}</Link>
      </p>
    </>
  )
}
