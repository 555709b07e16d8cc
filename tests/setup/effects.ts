import { installEffects } from '#app/lib/install-effects.server.ts'

// After database.ts has pointed DATABASE_URL at the file's own database: storing statements and changing
// memberships project as they do in the app.
installEffects()
