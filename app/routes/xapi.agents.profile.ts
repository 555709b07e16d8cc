import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { readDocuments, writeDocuments } from '#app/lib/xapi/http/document-request.server.ts'
import { handleXapi } from '#app/lib/xapi/http/http.server.ts'

// xAPI Agent Profile documents: data about an agent, across activities.
export const loader = ({ request }: LoaderFunctionArgs) =>
  handleXapi(request, (version) => readDocuments(request, version, 'agent-profile'))
export const action = ({ request }: ActionFunctionArgs) =>
  handleXapi(request, (version) => writeDocuments(request, version, 'agent-profile'))
