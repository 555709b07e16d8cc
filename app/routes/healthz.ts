import { checkDatabase } from '#app/lib/health.server.ts'

// For load balancers: 200 when this instance can reach its database, 503 otherwise.
export async function loader() {
  const ok = await checkDatabase()
  return new Response(ok ? 'ok' : 'database unreachable', {
    status: ok ? 200 : 503,
    headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' },
  })
}
