import { defineConfig } from 'drizzle-kit'

// `npm run db:generate` runs drizzle-kit once per dialect; DRIZZLE_DIALECT picks which.
const dialect = process.env.DRIZZLE_DIALECT === 'postgres' ? 'postgresql' : 'sqlite'
const folder = dialect === 'postgresql' ? 'postgres' : 'sqlite'

export default defineConfig({
  dialect,
  schema: `./db/schema/${folder}.ts`,
  out: `./db/migrations/${folder}`,
})
