import { env } from '#app/lib/env.server.ts'
import type { SsoProviderSettings } from '#app/lib/sso-settings.ts'

// The single sign-on providers this instance is configured with (SSO_PROVIDERS; app/lib/sso-settings.ts).

export type SsoProvider = SsoProviderSettings

export function ssoProviders(): SsoProvider[] {
  return env.ssoProviders
}

export function findSsoProvider(id: string | undefined): SsoProvider | null {
  return env.ssoProviders.find((provider) => provider.id === id) ?? null
}

/** What pages show of a provider: never its client id or secret. */
export function publicProvider(provider: SsoProvider) {
  return { id: provider.id, name: provider.name, label: provider.label, type: provider.type }
}

export type PublicSsoProvider = ReturnType<typeof publicProvider>

/** A provider's name in words, for one that is no longer configured too (its id is all that is left). */
export function providerName(id: string): string {
  return findSsoProvider(id)?.name ?? `A sign-in service no longer set up here (${id})`
}
