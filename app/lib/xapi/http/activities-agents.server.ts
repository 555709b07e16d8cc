import { eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import type { XapiVersion } from '#app/lib/xapi/model/version.ts'
import { XapiError, jsonResponse } from './http.server.ts'
import { isAbsoluteIri } from '#app/lib/xapi/model/iri.ts'
import { authenticateXapi, requireScope } from './request-auth.server.ts'
import { parseAgentParam } from '#app/lib/xapi/model/statement-schema.ts'

function onlyParameter(url: URL, name: string): string {
  const keys = [...url.searchParams.keys()]
  const extra = keys.find((key) => key !== name)
  if (extra) throw new XapiError(400, `${extra} is not a parameter of this resource`)
  const values = url.searchParams.getAll(name)
  if (values.length !== 1 || !values[0]) throw new XapiError(400, `the ${name} parameter is required`)
  return values[0]
}

/** The Activities resource: the activity's latest definition as the LRS knows it (just its id if unknown). */
export async function getActivity(request: Request, version: XapiVersion): Promise<Response> {
  const principal = await authenticateXapi(request)
  requireScope(principal, 'statements/read', 'statements/read/mine', 'state', 'profile')
  const activityId = onlyParameter(new URL(request.url), 'activityId')
  if (!isAbsoluteIri(activityId)) throw new XapiError(400, 'the activityId parameter must be an absolute IRI')
  const { xapiActivities } = schema()
  const [known] = await db().select().from(xapiActivities).where(eq(xapiActivities.id, activityId))
  return jsonResponse(
    { objectType: 'Activity', id: activityId, ...(known ? { definition: known.definition } : {}) },
    { version },
  )
}

/** The Agents resource: the Person object for an agent. We know each person by one identifier. */
export async function getPerson(request: Request, version: XapiVersion): Promise<Response> {
  const principal = await authenticateXapi(request)
  requireScope(principal, 'statements/read', 'statements/read/mine', 'state', 'profile')
  const parsed = parseAgentParam(onlyParameter(new URL(request.url), 'agent'))
  if (!parsed.ok) throw new XapiError(400, parsed.error)
  const agent = parsed.agent
  if (agent.objectType === 'Group') throw new XapiError(400, 'the agent parameter must be an Agent, not a Group')
  const person: Record<string, unknown> = { objectType: 'Person' }
  if (agent.name) person.name = [agent.name]
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const) {
    if (agent[ifi] !== undefined) person[ifi] = [agent[ifi]]
  }
  return jsonResponse(person, { version })
}
