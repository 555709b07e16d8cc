import { agentKey } from './statement-schema.ts'

// What a stored statement is indexed by: every agent and activity it mentions, and how. The `agent` and
// `activity` query filters match only the direct relations; `related_agents` / `related_activities` match any.
export const DIRECT_AGENT_RELATIONS = ['actor', 'object'] as const
export const DIRECT_ACTIVITY_RELATIONS = ['object'] as const

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export interface StatementIndex {
  agents: { agentKey: string; relation: string }[]
  activities: { activityId: string; relation: string }[]
}

function agentEntries(actor: unknown, relation: string): StatementIndex['agents'] {
  if (!isObject(actor)) return []
  const entries: StatementIndex['agents'] = []
  const key = safeAgentKey(actor)
  if (key) entries.push({ agentKey: key, relation })
  if (Array.isArray(actor.member)) {
    for (const member of actor.member) {
      const memberKey = safeAgentKey(member)
      if (memberKey) entries.push({ agentKey: memberKey, relation: `${relation}-member` })
    }
  }
  return entries
}

function safeAgentKey(agent: unknown): string | null {
  if (!isObject(agent)) return null
  try {
    return agentKey(agent as Parameters<typeof agentKey>[0])
  } catch {
    return null // an anonymous group has no key of its own
  }
}

function contextActivityIds(context: unknown): string[] {
  if (!isObject(context) || !isObject(context.contextActivities)) return []
  return Object.values(context.contextActivities).flatMap((list) =>
    (Array.isArray(list) ? list : [list]).flatMap((activity) =>
      isObject(activity) && typeof activity.id === 'string' ? [activity.id] : [],
    ),
  )
}

function contextAgents(context: unknown, prefix: string): StatementIndex['agents'] {
  if (!isObject(context)) return []
  return [...agentEntries(context.instructor, `${prefix}instructor`), ...agentEntries(context.team, `${prefix}team`)]
}

export function indexStatement(statement: Json): StatementIndex {
  const agents: StatementIndex['agents'] = [
    ...agentEntries(statement.actor, 'actor'),
    ...agentEntries(statement.authority, 'authority'),
    ...contextAgents(statement.context, ''),
  ]
  const activities: StatementIndex['activities'] = contextActivityIds(statement.context).map((activityId) => ({
    activityId,
    relation: 'context',
  }))
  const object = isObject(statement.object) ? statement.object : {}
  const objectType = object.objectType ?? 'Activity'
  if (objectType === 'Activity' && typeof object.id === 'string')
    activities.push({ activityId: object.id, relation: 'object' })
  if (objectType === 'Agent' || objectType === 'Group') agents.push(...agentEntries(object, 'object'))
  if (objectType === 'SubStatement') {
    agents.push(...agentEntries(object.actor, 'substatement-actor'), ...contextAgents(object.context, 'substatement-'))
    const inner = isObject(object.object) ? object.object : {}
    const innerType = inner.objectType ?? 'Activity'
    if (innerType === 'Activity' && typeof inner.id === 'string')
      activities.push({ activityId: inner.id, relation: 'substatement' })
    if (innerType === 'Agent' || innerType === 'Group') agents.push(...agentEntries(inner, 'substatement-object'))
    activities.push(
      ...contextActivityIds(object.context).map((activityId) => ({ activityId, relation: 'substatement-context' })),
    )
  }
  // One row per (key, relation): the same agent may appear twice in the same role.
  const unique = <T>(rows: T[], key: (row: T) => string) => [...new Map(rows.map((row) => [key(row), row])).values()]
  return {
    agents: unique(agents, (a) => `${a.agentKey}\0${a.relation}`),
    activities: unique(activities, (a) => `${a.activityId}\0${a.relation}`),
  }
}
