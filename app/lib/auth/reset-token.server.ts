import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

// A reset link carries a random token; the database keeps only its SHA-256, as it does for sessions, so a
// copy of the database (or a backup) holds no link that works.

/** 32 random bytes: 52 characters of lower-case base32, which survive email clients and copying by hand. */
export function generateResetToken(): string {
  const bytes = new Uint8Array(32)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** Only something shaped like a token is looked up; anything else is simply not a working link. */
export function isResetTokenShape(token: string): boolean {
  return /^[a-z2-7]{52}$/.test(token)
}

export function resetTokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}
