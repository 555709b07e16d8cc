import { parseArgs } from 'node:util'
import { z } from 'zod'
import { closeDatabase, migrateDatabase } from '#app/lib/db.server.ts'
import { createLrsClient, LRS_SCOPES } from '#app/lib/xapi/clients/lrs-clients.server.ts'

// npm run lrs:client:create -- --name "Vendor course" [--scopes statements/write,state] [--trusted]
// Prints {"key":…,"secret":…} as its last line. The secret is not stored and cannot be shown again.
const argsSchema = z.object({
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(200),
  scopes: z
    .string()
    .default('statements/write,statements/read/mine,state')
    .transform((list) =>
      list
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(LRS_SCOPES, { error: `--scopes must be a comma-separated list of: ${LRS_SCOPES.join(', ')}` }))
        .min(1),
    ),
  trusted: z.boolean().default(false),
})

try {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, scopes: { type: 'string' }, trusted: { type: 'boolean' } },
  })
  const parsed = argsSchema.safeParse(values)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    console.error(`lrs:client:create: ${issue?.message ?? 'invalid arguments'}`)
    process.exitCode = 1
  } else {
    await migrateDatabase()
    const { key, secret } = await createLrsClient({
      name: parsed.data.name,
      scopes: parsed.data.scopes,
      trustedForEvidence: parsed.data.trusted,
    })
    console.log(
      `LRS client "${parsed.data.name}" created with scopes ${parsed.data.scopes.join(', ')}${parsed.data.trusted ? ' (trusted for evidence)' : ''}.`,
    )
    console.log('Keep the secret safe: it is not stored and cannot be shown again.')
    console.log(JSON.stringify({ key, secret }))
  }
} finally {
  await closeDatabase()
}
