import { randomUUID } from 'node:crypto'
import { learnerActor, moduleActivity, moduleContext, verb } from './statements.ts'

// Statements about the app's own learners working through a module's sections, with ids chosen by the
// sender: what the LRS crash and load tests send, so that the projections have work to do and every
// statement can be looked for afterwards, answered or not.
export function* learnerSectionStatements({ users, slug }: { users: string[]; slug: string }) {
  const registrations = new Map(users.map((user) => [user, randomUUID()]))
  for (let n = 0; ; n++) {
    const user = users[n % users.length] as string
    yield {
      id: randomUUID(),
      actor: learnerActor(user),
      verb: verb('experienced'),
      object: moduleActivity(slug, { section: (n % 5) + 1 }),
      context: moduleContext({ registration: registrations.get(user), parentSlug: slug }),
    }
  }
}
