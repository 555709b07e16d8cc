import { describe, expect, test } from 'vitest'
import { parseEnv } from './env.server.ts'

describe('environment', () => {
  test('defaults to an embedded SQLite database on port 3000', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBe('file:./data/app.db')
    expect(env.PORT).toBe(3000)
  })

  test('refuses a DATABASE_URL it cannot use, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/app' })).toThrow(
      'DATABASE_URL must start with file:, postgres://, postgresql:// or pglite:',
    )
  })

  test('refuses to run in production without a session secret', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow('SESSION_SECRET is required in production')
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      'SESSION_SECRET must be at least 32 characters',
    )
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production')
  })

  test('refuses a PORT that is not a port', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/^PORT /)
  })

  test('runs a job worker in each instance unless told not to', () => {
    expect(parseEnv({}).JOBS_WORKER).toBe('on')
    expect(parseEnv({ JOBS_WORKER: 'off' }).JOBS_WORKER).toBe('off')
    expect(() => parseEnv({ JOBS_WORKER: 'no' })).toThrow('JOBS_WORKER must be on or off')
  })
})
