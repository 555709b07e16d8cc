import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { readDocuments, writeDocuments } from '#app/lib/xapi/http/document-request.server.ts'
import { handleXapi } from '#app/lib/xapi/http/http.server.ts'

// xAPI Activity Profile documents: data about an activity, shared by every agent.
export const loader = ({ request }: LoaderFunctionArgs) =>
  handleXapi(request, (version) => readDocuments(request, version, 'activity-profile'))
export const action = ({ request }: ActionFunctionArgs) =>
  handleXapi(request, (version) => writeDocuments(request, version, 'activity-profile'))
