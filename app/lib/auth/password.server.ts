import { hash, verify } from '@node-rs/argon2'

// OWASP's baseline for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2ID = 2
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

// A fixed hash to verify against when the email is unknown, so a miss costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-that-matches-no-account')
  return decoyHash
}
