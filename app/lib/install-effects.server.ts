import { refreshTeamRollups } from '#app/lib/learning/projections/team-rollups.server.ts'
import { projectStoredStatements } from '#app/lib/learning/projections/projector.server.ts'
import { membershipChanged } from '#app/lib/org/membership-effects.server.ts'
import { statementsStored } from '#app/lib/xapi/store/statement-effects.server.ts'

// The one place that wires domains' reactions to other domains' changes (docs/decisions/009). It sits outside
// the domains so that the xapi store and org need not import learning: they run whatever is installed here.
// Every entry point calls installEffects() before it stores statements or changes memberships: the server's
// start and the Remix server entry (each loads its own copy of app/lib), the seed, scripts, benchmarks and the
// database tests' setup. Storing a statement or changing a membership before it is called throws.

export function installEffects(): void {
  statementsStored.register('learning projections', (batch) => projectStoredStatements(batch))
  membershipChanged.register('team rollups', ({ teamIds }) => refreshTeamRollups({ teamIds }))
}
