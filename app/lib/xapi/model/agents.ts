// The agents this app speaks as and about. Learners are identified by an account on the app (their user
// id), not their email address, so statements carry no contact details.

export interface AccountAgent {
  objectType: 'Agent'
  name?: string
  account: { homePage: string; name: string }
}

export function learnerAgent({
  publicUrl,
  user,
}: {
  publicUrl: string
  user: { id: string; name: string }
}): AccountAgent {
  return { objectType: 'Agent', name: user.name, account: { homePage: publicUrl, name: user.id } }
}

/** The app itself: statements it issues (server-graded checks) are trusted evidence. */
export function appAuthority({ publicUrl }: { publicUrl: string }): AccountAgent {
  return {
    objectType: 'Agent',
    name: 'Digital skills platform',
    account: { homePage: publicUrl, name: 'skills-platform' },
  }
}

/** A learner's browser, posting through its session: recorded, never trusted as evidence. */
export function browserAuthority({ publicUrl }: { publicUrl: string }): AccountAgent {
  return {
    objectType: 'Agent',
    name: 'Digital skills learner browser',
    account: { homePage: publicUrl, name: 'learner-browser' },
  }
}

export function clientAuthority({
  publicUrl,
  client,
}: {
  publicUrl: string
  client: { key: string; name: string }
}): AccountAgent {
  return {
    objectType: 'Agent',
    name: client.name,
    account: { homePage: `${publicUrl}/xapi/clients`, name: client.key },
  }
}
