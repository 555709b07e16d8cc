import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { readDocuments, writeDocuments } from '#app/lib/xapi/http/document-request.server.ts'
import { handleXapi } from '#app/lib/xapi/http/http.server.ts'

// xAPI State documents: an activity's scratch space per agent (and registration).
export const loader = ({ request }: LoaderFunctionArgs) =>
  handleXapi(request, (version) => readDocuments(request, version, 'state'))
export const action = ({ request }: ActionFunctionArgs) =>
  handleXapi(request, (version) => writeDocuments(request, version, 'state'))
