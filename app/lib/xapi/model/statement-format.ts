// The Statements resource's `format` parameter: `exact` as stored, `ids` with only identifiers for agents,
// activities and verbs, `canonical` with each language map cut to the reader's best language.
export type StatementFormat = 'ids' | 'exact' | 'canonical'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const
const LANGUAGE_MAPS = new Set(['display', 'name', 'description'])

function agentIds(agent: unknown): unknown {
  if (!isObject(agent)) return agent
  const reduced: Json = {}
  if (agent.objectType) reduced.objectType = agent.objectType
  for (const ifi of IFIS) if (agent[ifi] !== undefined) reduced[ifi] = agent[ifi]
  if (Array.isArray(agent.member) && !IFIS.some((ifi) => agent[ifi] !== undefined))
    reduced.member = agent.member.map(agentIds)
  return reduced
}

function objectIds(object: unknown): unknown {
  if (!isObject(object)) return object
  const type = object.objectType ?? 'Activity'
  if (type === 'Agent' || type === 'Group') return agentIds(object)
  if (type === 'SubStatement') return statementIds(object)
  if (type === 'StatementRef') return { objectType: 'StatementRef', id: object.id }
  return { id: object.id }
}

function statementIds(statement: Json): Json {
  const copy: Json = { ...statement, actor: agentIds(statement.actor), object: objectIds(statement.object) }
  if (isObject(statement.verb)) copy.verb = { id: statement.verb.id }
  if (statement.authority) copy.authority = agentIds(statement.authority)
  if (isObject(statement.context)) {
    const context: Json = { ...statement.context }
    if (context.instructor) context.instructor = agentIds(context.instructor)
    if (context.team) context.team = agentIds(context.team)
    if (isObject(context.contextActivities)) {
      context.contextActivities = Object.fromEntries(
        Object.entries(context.contextActivities).map(([kind, list]) => [
          kind,
          Array.isArray(list) ? list.map(objectIds) : list,
        ]),
      )
    }
    copy.context = context
  }
  return copy
}

function pickLanguage(map: Json, languages: string[]): Json {
  const keys = Object.keys(map)
  const match =
    languages.map((wanted) => keys.find((key) => key.toLowerCase() === wanted.toLowerCase())).find(Boolean) ??
    languages
      .map((wanted) => keys.find((key) => key.toLowerCase().split('-')[0] === wanted.toLowerCase().split('-')[0]))
      .find(Boolean) ??
    keys[0]
  return match ? { [match]: map[match] } : {}
}

function canonical(value: unknown, languages: string[], key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, languages))
  if (!isObject(value)) return value
  if (key && LANGUAGE_MAPS.has(key) && Object.values(value).every((v) => typeof v === 'string'))
    return pickLanguage(value, languages)
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'extensions' ? v : canonical(v, languages, k)]),
  )
}

export function formatStatement(statement: Json, format: StatementFormat, languages: string[]): Json {
  if (format === 'ids') return statementIds(statement)
  if (format === 'canonical') return canonical(statement, languages) as Json
  return statement
}
