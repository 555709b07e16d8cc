import { Link } from '@remix-run/react'

export type SsoRefusalKind =
  'failed' | 'cancelled' | 'not-trusted' | 'not-allowed' | 'suspended' | 'unknown' | 'already-linked' | 'ambiguous'

interface Contact {
  organisation: string
  helpContact: string | null
}

interface SsoRefusalProps {
  kind: SsoRefusalKind
  /** "NHSmail" */
  providerLabel: string
  /** "NHSmail / Microsoft" */
  providerName: string
  /** The address the provider gave: their own, shown back to them. */
  email: string | null
  contacts: Contact[]
  /** The provider's sign-out address, when it has one (for refusals after the provider signed the person in). */
  providerSignOut?: string | null
}

const GENERAL_HELP = 'your line manager or your organisation’s digital learning team'

/** Whom to ask: each organisation's own contact where it gave one, else the general advice. */
function WhomToContact({ contacts, lead }: { contacts: Contact[]; lead: string }) {
  const named = contacts.filter((contact): contact is { organisation: string; helpContact: string } =>
    Boolean(contact.helpContact),
  )
  if (named.length === 0) return <p>{`${lead} ${GENERAL_HELP}.`}</p>
  if (named.length === 1 && contacts.length === 1) {
    const [only] = named as [{ organisation: string; helpContact: string }]
    return <p>{`${lead} ${only.helpContact} (${only.organisation}).`}</p>
  }
  return (
    <>
      <p>{`${lead} the contact for your organisation:`}</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {named.map((contact) => (
          <li key={contact.organisation}>
            {contact.organisation}: {contact.helpContact}
          </li>
        ))}
      </ul>
      {named.length < contacts.length ? <p>{`For other organisations, ask ${GENERAL_HELP}.`}</p> : null}
    </>
  )
}

const signedInAs = (label: string, email: string | null) =>
  email ? `You signed in to ${label} as ${email}` : `You signed in to ${label}`

/**
 * What someone is told when a sign-in through a provider does not let them in: why, and what to do next. When the
 * provider did sign them in, they are still signed in there: on a ward's shared computer the next person would go
 * straight back in as them, and they cannot try another account. So every such page offers the provider's sign-out.
 */
export function SsoRefusalPage(props: SsoRefusalProps) {
  const reason = <RefusalReason {...props} />
  if (props.kind === 'failed' || props.kind === 'cancelled') return reason
  const { providerLabel, providerSignOut } = props
  return (
    <>
      {reason}
      <h2>{`You are still signed in to ${providerLabel}`}</h2>
      {providerSignOut ? (
        <>
          <p>{`Sign out of ${providerLabel} in this browser so that the next person to use this computer cannot use your account, or to sign in with a different account.`}</p>
          <p>
            <a className="nhsuk-button nhsuk-button--secondary" href={providerSignOut} role="button">
              {`Sign out of ${providerLabel}`}
            </a>
          </p>
        </>
      ) : (
        <p>{`If this is a shared computer, close the browser when you have finished, so that the next person cannot use your ${providerLabel} account.`}</p>
      )}
    </>
  )
}

function RefusalReason({ kind, providerLabel, providerName, email, contacts }: SsoRefusalProps) {
  const tryAgain = (
    <p>
      <Link className="nhsuk-button" to="/login" role="button">
        Try signing in again
      </Link>
    </p>
  )
  switch (kind) {
    case 'failed':
      return (
        <>
          <h1>Signing in did not work</h1>
          <p>{`We could not finish signing you in with ${providerLabel}.`}</p>
          <p>
            This can happen if signing in took more than 10 minutes, if you used the back button, or if you started
            signing in again in another tab or window.
          </p>
          {tryAgain}
        </>
      )
    case 'cancelled':
      return (
        <>
          <h1>You did not finish signing in</h1>
          <p>{`${providerLabel} did not sign you in, so you are not signed in to digital skills.`}</p>
          {tryAgain}
        </>
      )
    case 'not-trusted':
      return (
        <>
          <h1>You cannot sign in with this account</h1>
          <p>
            {`${signedInAs(providerLabel, email)}, but that account belongs to an organisation that does not use ${providerName} to sign in to digital skills.`}
          </p>
          <p>If you have another work account, sign out of {providerLabel} and try again with that one.</p>
          <WhomToContact contacts={[]} lead="If you think you should be able to sign in this way, ask" />
          {tryAgain}
        </>
      )
    case 'not-allowed':
      return (
        <>
          <h1>{`Your organisation does not use ${providerLabel} to sign in here`}</h1>
          <p>Sign in with your email address and password instead.</p>
          <p>
            <Link to="/login?with=password">Sign in with your email address and password</Link>
          </p>
          <WhomToContact contacts={contacts} lead="If you think this is wrong, ask" />
        </>
      )
    case 'suspended':
      return (
        <>
          <h1>Your account is suspended</h1>
          <p>You cannot sign in while your account is suspended. This happens when you leave your organisation.</p>
          <WhomToContact contacts={contacts} lead="If you still work there, ask" />
        </>
      )
    case 'unknown':
      return (
        <>
          <h1>We could not find your account</h1>
          <p>{`${signedInAs(providerLabel, email)}, but we could not match that to anyone in digital skills.`}</p>
          <p>
            This usually means your organisation has not added you yet, or has a different work email address for you.
          </p>
          <WhomToContact contacts={contacts} lead="To be added, ask" />
        </>
      )
    case 'already-linked':
      return (
        <>
          <h1>Your account is linked to a different sign-in</h1>
          <p>
            {`${signedInAs(providerLabel, email)}. Your digital skills account is already linked to another ${providerLabel} account, so for your security we have not signed you in.`}
          </p>
          <p>{`Sign out of ${providerLabel} and sign in with the account you used before, or ask for help.`}</p>
          <WhomToContact contacts={contacts} lead="If you no longer have that account, ask" />
        </>
      )
    case 'ambiguous':
      return (
        <>
          <h1>We could not tell which account is yours</h1>
          <p>
            {`${signedInAs(providerLabel, email)}, but more than one person in digital skills has that email address, so we do not know which of them you are.`}
          </p>
          <WhomToContact contacts={contacts} lead="To sort this out, ask" />
        </>
      )
  }
}
