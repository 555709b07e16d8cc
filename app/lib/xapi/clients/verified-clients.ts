// Every LRS request from another system carries its key and secret. Looking the client up costs a query
// on every request, a large share of a single-statement POST; so this process remembers a client it has
// found, for a few seconds only. A client disabled on another instance is refused here within that time;
// one disabled on this instance at once (forgetClient). The secret is compared with the stored hash every
// time, so a wrong secret never passes on the strength of an earlier right one.

export const VERIFIED_CLIENT_SECONDS = 5
const MAX_ENTRIES = 1000

interface Entry<Client> {
  client: Client
  until: number
}

export function verifiedClients<Client extends { id: string }>() {
  const byKey = new Map<string, Entry<Client>>()
  return {
    get(key: string, now = Date.now()): Client | undefined {
      const entry = byKey.get(key)
      if (!entry) return undefined
      if (entry.until <= now) {
        byKey.delete(key)
        return undefined
      }
      return entry.client
    },
    remember(key: string, client: Client, now = Date.now()) {
      if (byKey.size >= MAX_ENTRIES) byKey.clear()
      byKey.set(key, { client, until: now + VERIFIED_CLIENT_SECONDS * 1000 })
    },
    forget(id: string) {
      for (const [key, entry] of byKey) if (entry.client.id === id) byKey.delete(key)
    },
  }
}
