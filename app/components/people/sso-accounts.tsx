import { Form, Link } from '@remix-run/react'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { formatDate } from '#app/lib/dates/dates.ts'

export interface SsoAccount {
  id: string
  providerName: string
  email: string | null
  linkedAt: Date | string
  lastUsedAt: Date | string | null
}

/**
 * The single sign-on accounts linked to a person: which service, since when, last used; each with a link to
 * unlink it (after a confirmation page). Never the provider's ids for them.
 */
export function SsoAccounts({ personId, name, accounts }: { personId: string; name: string; accounts: SsoAccount[] }) {
  return (
    <>
      <h3>Single sign-on</h3>
      {accounts.length === 0 ? (
        <p>{name} has not signed in through single sign-on.</p>
      ) : (
        <ResponsiveTable
          caption={`Sign-in accounts linked to ${name}`}
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Service', 'Linked', 'Last used', 'Change']}
        >
          {accounts.map((account) => (
            <tr className="nhsuk-table__row" key={account.id}>
              <Cell heading="Service">
                {account.providerName}
                {account.email ? (
                  <span className="nhsuk-u-secondary-text-colour app-break-anywhere"> ({account.email})</span>
                ) : null}
              </Cell>
              <Cell heading="Linked">{formatDate(account.linkedAt)}</Cell>
              <Cell heading="Last used">{account.lastUsedAt ? formatDate(account.lastUsedAt) : 'Not yet'}</Cell>
              <Cell heading="Change">
                <Link
                  to={`/admin/people/${personId}?${new URLSearchParams({ confirm: 'unlink', identity: account.id })}`}
                >
                  Unlink<span className="nhsuk-u-visually-hidden"> {account.providerName}</span>
                </Link>
              </Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
    </>
  )
}

/** The confirmation step before unlinking: a page of its own, so it works without JavaScript. */
export function ConfirmUnlink({ personId, name, account }: { personId: string; name: string; account: SsoAccount }) {
  return (
    <>
      <h1>
        Unlink {account.providerName} from {name}?
      </h1>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          {name} is signed out of anything they signed in to with {account.providerName}.
        </li>
        <li>
          The next time anyone signs in with {account.providerName} as {name}, it is treated as a first sign-in: it is
          linked to {name} again only if the service vouches for their work email, and no other account of theirs is
          linked by then.
        </li>
        <li>Their learning record is not affected.</li>
      </ul>
      <Form method="post" action={`/admin/people/${personId}`}>
        <input type="hidden" name="intent" value="unlink-identity" />
        <input type="hidden" name="identityId" value={account.id} />
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Yes, unlink {account.providerName}
        </button>
      </Form>
      <p>
        <Link to={`/admin/people/${personId}#sign-in`}>No, go back to {name}</Link>
      </p>
    </>
  )
}
