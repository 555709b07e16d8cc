import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The client's address as the server sees it (honours X-Forwarded-For only when TRUST_PROXY=true). */
    clientIp: string | null
    /** Per-response nonce that the Content-Security-Policy allows inline scripts to carry. */
    cspNonce: string
  }
}
