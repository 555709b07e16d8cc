import type { StatementFilters } from '#app/lib/xapi/store/statement-query.server.ts'

// Every filter shape the xAPI spec gives GET /xapi/statements, once as the store's filters and once as the
// HTTP query string: the query-plan test checks each uses an index, and `npm run bench:lrs` times each.

export interface ShapeSubjects {
  /** An agent as the HTTP parameter gives it (JSON) and as the store keys it. */
  agent: { json: Record<string, unknown>; key: string }
  verb: string
  activity: string
  /** An activity others name in their context (a module whose questions have it as parent). */
  parentActivity: string
  registration: string
  since: Date
  until: Date
  /** A `seq` in the middle of the statements: where a second page continues. */
  pageAfter: number
}

export interface QueryShape {
  name: string
  filters: StatementFilters
  query: Record<string, string>
}

export function queryShapes(s: ShapeSubjects): QueryShape[] {
  const agent = JSON.stringify(s.agent.json)
  const shape = (name: string, filters: StatementFilters, query: Record<string, string>): QueryShape => ({
    name,
    filters,
    query,
  })
  return [
    shape('no filter, limit 10', { limit: 10 }, { limit: '10' }),
    shape('agent', { agentKey: s.agent.key }, { agent }),
    shape('agent, related_agents', { agentKey: s.agent.key, relatedAgents: true }, { agent, related_agents: 'true' }),
    shape('verb', { verb: s.verb }, { verb: s.verb }),
    shape('activity', { activity: s.activity }, { activity: s.activity }),
    shape(
      'activity, related_activities',
      { activity: s.parentActivity, relatedActivities: true },
      { activity: s.parentActivity, related_activities: 'true' },
    ),
    shape('registration', { registration: s.registration }, { registration: s.registration }),
    shape(
      'agent + activity',
      { agentKey: s.agent.key, activity: s.parentActivity, relatedActivities: true },
      { agent, activity: s.parentActivity, related_activities: 'true' },
    ),
    shape('agent + verb', { agentKey: s.agent.key, verb: s.verb }, { agent, verb: s.verb }),
    shape('since', { since: s.since }, { since: s.since.toISOString() }),
    shape('until', { until: s.until }, { until: s.until.toISOString() }),
    shape(
      'verb, since + until',
      { verb: s.verb, since: s.since, until: s.until },
      { verb: s.verb, since: s.since.toISOString(), until: s.until.toISOString() },
    ),
    shape('agent, ascending', { agentKey: s.agent.key, ascending: true }, { agent, ascending: 'true' }),
    shape('verb, a later page', { verb: s.verb, after: s.pageAfter }, { verb: s.verb, cursor: String(s.pageAfter) }),
  ]
}
