import { createSession } from '#app/lib/auth/session.server.ts'

/** A request as the signed-in user would send it, for calling route loaders and actions directly. */
export async function signedInRequest(userId: string, path: string, init: RequestInit = {}) {
  const { token } = await createSession({ userId })
  const headers = new Headers(init.headers)
  headers.set('Cookie', `session=${token}`)
  return new Request(`http://localhost${path}`, { ...init, headers })
}

export const loadContext = { clientIp: '192.0.2.1', cspNonce: 'test-nonce' }

/** The status a loader or action answers with, whether it returns or throws a Response. */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
    return 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}
