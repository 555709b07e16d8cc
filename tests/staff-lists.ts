import { eq } from 'drizzle-orm'
import { hashPassword } from '#app/lib/auth/password.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { runStaffImport } from '#app/lib/workforce/staff-import.server.ts'
import { ESR_HEADERS, openFile } from '#tests/staff-files.ts'

// Staff lists for import tests: people described briefly, written out as the ESR-style CSV the checked-in
// mapping reads, and imported through the same path as the command line and the admin pages.

export interface ListedPost {
  employee: string
  first?: string
  last?: string
  email?: string | null
  organisation?: string
  /** Levels below the organisation, e.g. ['Medicine', 'Ward 7']. */
  path?: string[]
  assignment?: string
  primary?: boolean
  staffGroup?: string
  jobRole?: string
  position?: string
  status?: string
  start?: string
  end?: string
  manager?: string
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

export function staffList(posts: ListedPost[]): string {
  const lines = posts.map((post) => {
    const levels = [...(post.path ?? ['Medicine', 'Ward 7']), '', '', '', '', ''].slice(0, 5)
    return [
      post.employee,
      post.assignment ?? `${post.employee}-1`,
      post.first ?? 'Sam',
      post.last ?? `Person${post.employee}`,
      post.email === undefined ? `p${post.employee}@example.nhs.uk` : (post.email ?? ''),
      post.organisation ?? 'RXA',
      post.organisation === 'RXB' ? 'Second Trust (test)' : 'First Trust (test)',
      ...levels,
      post.position ?? 'Staff Nurse',
      post.staffGroup ?? 'Nursing and Midwifery Registered',
      post.jobRole ?? 'Staff Nurse',
      post.primary === false ? 'No' : 'Yes',
      post.status ?? 'Active Assignment',
      post.start ?? '01/04/2020',
      post.end ?? '',
      post.manager ?? '',
      post.manager ? `${post.manager}-1` : '',
    ]
      .map(quote)
      .join(',')
  })
  return [ESR_HEADERS.join(','), ...lines].join('\r\n') + '\r\n'
}

/** Imports a staff list (applied unless dryRun) as an import from the command line would. */
export async function importList(
  contents: string | Buffer,
  { dryRun = false, confirm = false, now = new Date() }: { dryRun?: boolean; confirm?: boolean; now?: Date } = {},
) {
  const result = await runStaffImport({
    open: openFile(contents, { chunkSize: 4096 }),
    actor: { id: null, name: 'Test import' },
    dryRun,
    confirmMassSuspension: confirm,
    now,
  })
  if (!result.ok) throw new Error(`import failed: ${result.problem.message}`)
  return result.outcome
}

export async function personByEmployee(employeeNumber: string, organisationCode = 'RXA') {
  const { users } = schema()
  const [user] = await db().select().from(users).where(eq(users.employeeNumber, employeeNumber))
  if (!user || user.organisationCode !== organisationCode)
    throw new Error(`no person ${organisationCode}/${employeeNumber}`)
  return user
}

/** Gives someone from a staff list a password, so that a test can sign in as them. */
export async function givePassword({ userId, password }: { userId: string; password: string }) {
  const { users } = schema()
  await db()
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId))
}

export async function unitNamed(name: string) {
  const { orgUnits } = schema()
  const [unit] = await db().select().from(orgUnits).where(eq(orgUnits.name, name))
  if (!unit) throw new Error(`no unit ${name}`)
  return unit
}
