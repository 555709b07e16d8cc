import { closeDatabase, dialect, migrateDatabase } from '#app/lib/db.server.ts'

await migrateDatabase()
console.log(`Migrations applied (${dialect()}).`)
await closeDatabase()
