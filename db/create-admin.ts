import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { emailField, newPasswordField } from '#app/lib/auth/credentials.ts'
import { hashPassword } from '#app/lib/auth/password.server.ts'
import { createUser, findUserByEmail } from '#app/lib/auth/users.server.ts'
import { closeDatabase, migrateDatabase } from '#app/lib/db.server.ts'

// The first real administrator of a production install (demo accounts never exist there).
// Usage: npm run admin:create -- --email someone@nhs.net --name "Their Name"
// The password comes from ADMIN_PASSWORD, or is asked for on the terminal.
const argsSchema = z.object({
  email: emailField,
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(200),
  password: newPasswordField,
})

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } })
  const password = process.env.ADMIN_PASSWORD ?? (await ask('Password for the new administrator: '))
  const parsed = argsSchema.safeParse({ ...values, password })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    console.error(`admin:create: ${issue?.path.join('.')}: ${issue?.message}`)
    process.exitCode = 1
    return
  }
  await migrateDatabase()
  if (await findUserByEmail({ email: parsed.data.email })) {
    console.error(`admin:create: an account for ${parsed.data.email} already exists`)
    process.exitCode = 1
    return
  }
  const user = await createUser({
    email: parsed.data.email,
    name: parsed.data.name,
    passwordHash: await hashPassword(parsed.data.password),
    isAdmin: true,
  })
  console.log(`Administrator created: ${user.email}`)
}

async function ask(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return await terminal.question(question)
  } finally {
    terminal.close()
  }
}

try {
  await main()
} finally {
  await closeDatabase()
}
