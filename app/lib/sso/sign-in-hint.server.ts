import { isProduction } from '#app/lib/env.server.ts'
import { findSsoProvider, type SsoProvider } from './providers.server.ts'

// Someone whose organisation signs in through single sign-on only has no use for the password form. Nothing
// on the sign-in page can know who is about to sign in (asking for the email first would tell anyone which
// addresses belong to such organisations), so after such a person signs in through a provider on their own
// device, a cookie remembers which provider: the page then offers only that provider, with a link to the
// password form for administrators and anyone else on the device. Never set on a shared computer.

export const HINT_COOKIE = 'sign_in_with'
const HINT_LIFETIME_SECONDS = 400 * 24 * 60 * 60

export function hintCookie(provider: SsoProvider): string {
  const parts = [
    `${HINT_COOKIE}=${provider.id}`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    `Max-Age=${HINT_LIFETIME_SECONDS}`,
  ]
  if (isProduction) parts.push('Secure')
  return parts.join('; ')
}

export function clearHintCookie(): string {
  const parts = [`${HINT_COOKIE}=`, 'HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=0']
  if (isProduction) parts.push('Secure')
  return parts.join('; ')
}

/** The provider this device was told to offer alone, if it is still configured. */
export function hintedProvider(request: Request): SsoProvider | null {
  const header = request.headers.get('Cookie') ?? ''
  for (const pair of header.split(';')) {
    const [name, value] = pair.trim().split('=')
    if (name === HINT_COOKIE && value) return findSsoProvider(value)
  }
  return null
}
