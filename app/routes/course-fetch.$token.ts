import type { ActionFunctionArgs } from '@remix-run/node'
import { redeemFetchToken } from '#app/lib/courses/au-sessions.server.ts'

// cmi5's fetch URL (section 8.2): the launched AU posts here once for its LRS credentials. Content runs on other
// origins (or a sandboxed, opaque one), so any origin may call it; the token in the address is its only authority.
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Cache-Control': 'no-store',
}

export const loader = () =>
  new Response(JSON.stringify({ 'error-code': '3', 'error-text': 'Use POST to fetch the authorization token.' }), {
    status: 405,
    headers: { ...CORS, Allow: 'POST', 'Content-Type': 'application/json' },
  })

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS })
  if (request.method !== 'POST') return loader()
  // Errors are answered with 200 too, as cmi5 asks, with the error in the body.
  const answer = await redeemFetchToken({ token: params.token ?? '' })
  return new Response(JSON.stringify(answer), { status: 200, headers: { ...CORS, 'Content-Type': 'application/json' } })
}
