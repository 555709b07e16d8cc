import { defineConfig } from 'vitest/config'

// Unit tests run once. Integration tests (*.db.test.ts) run twice, once per dialect, each test file on
// its own database cloned from a migrated template (tests/setup/).
const databaseProject = (dialect: 'sqlite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: dialect,
    include: ['app/**/*.db.test.{ts,tsx}', 'db/**/*.db.test.ts', 'server/**/*.db.test.ts'],
    env: { TEST_DIALECT: dialect },
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/console.ts', 'tests/setup/database.ts', 'tests/setup/effects.ts'],
  },
})

export default defineConfig({
  test: {
    reporters: ['default', './tests/setup/per-project-summary.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'app/**/*.test.{ts,tsx}',
            'db/**/*.test.ts',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/*.db.test.{ts,tsx}', 'node_modules/**'],
          setupFiles: ['tests/setup/console.ts'],
        },
      },
      databaseProject('sqlite'),
      databaseProject('postgres'),
    ],
  },
})
