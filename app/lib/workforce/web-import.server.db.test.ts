import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { STAFF_LIST_TOO_LARGE } from '#app/lib/workforce/import-forms.ts'
import { importRun, importRunFile } from '#app/lib/workforce/import-runs.server.ts'
import {
  applyPreviewedRun,
  discardPreviewedRun,
  importRunChangesCsv,
  importRunErrorsCsv,
  importRunList,
  importRunView,
  previewUpload,
  readStaffListUpload,
} from '#app/lib/workforce/web-import.server.ts'
import { createUser } from '#tests/factories.ts'
import { type ListedPost, importList, personByEmployee, staffList } from '#tests/staff-lists.ts'

// Staff imports from the admin pages, on both databases: preview, apply (once), discard, the guard against
// mass suspension, and files that cannot be read. Each test uses its own organisation code.

let organisations = 0
const nextOrganisation = () => `W${++organisations}`
const inOrg = (organisation: string, posts: ListedPost[]) => staffList(posts.map((post) => ({ organisation, ...post })))
const upload = (text: string, name = 'staff-list.csv') => new File([text], name, { type: 'text/csv' })
const team = (org: string, name: string) => ['Dir', `${org} ${name}`]
/** Employee numbers unique across the file's organisations, since personByEmployee looks them up by number. */
const employee = (org: string, n: number) => `${org.slice(1)}${n}`

beforeAll(async () => {
  await createOrgUnit({ code: 'web-icb', name: 'Web ICB', kind: 'icb' })
})

async function tableCounts() {
  const tables = schema()
  const counts: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) {
    if (typeof table !== 'object' || !table || !('getSQL' in table)) continue
    const [row] = await db()
      .select({ n: count() })
      .from(table as typeof tables.users)
    counts[name] = row?.n ?? 0
  }
  return counts
}

/** Table counts after adding (or, with a negative number, removing) rows in some tables. */
function plus(counts: Record<string, number>, added: Record<string, number>) {
  const result = { ...counts }
  for (const [table, n] of Object.entries(added)) result[table] = (result[table] ?? 0) + n
  return result
}

/** Ten people in one team, then a list with the first left out, one new and one moved. */
async function organisationWithChanges() {
  const org = nextOrganisation()
  const everyone = Array.from({ length: 10 }, (_, i) => ({ employee: employee(org, 100 + i), path: team(org, 'Ward') }))
  await importList(inOrg(org, everyone))
  const changed = inOrg(org, [
    ...everyone.slice(1, 9),
    { employee: employee(org, 109), path: team(org, 'Clinic') },
    { employee: employee(org, 200), first: 'Nia', last: 'New', path: team(org, 'Ward') },
  ])
  return { org, everyone, changed }
}

describe('staff imports from the web', () => {
  test('a preview stores a previewed run with its file and what it would change, and changes nothing else', async () => {
    const admin = await createUser({ isAdmin: true })
    const { org, changed } = await organisationWithChanges()
    const before = await tableCounts()
    const run = await previewUpload({ file: upload(changed), admin })
    expect(run).toMatchObject({ status: 'previewed', fileName: 'staff-list.csv', startedBy: admin.id })
    expect(await tableCounts()).toEqual(plus(before, { importRuns: 1, importFiles: 1 }))
    expect((await importRunFile({ runId: run.id }))?.toString('utf8')).toBe(changed)

    const view = await importRunView({ runId: run.id })
    expect(view?.summary?.totals).toMatchObject({ new: 1, moved: 1, suspended: 1, unchanged: 8 })
    expect(view?.pending).toBe(true)
    expect(view?.changes.find((group) => group.kind === 'new')).toMatchObject({
      total: 1,
      rows: [expect.objectContaining({ employeeNumber: employee(org, 200), name: 'Nia New' })],
    })
    const history = await importRunList()
    expect(history.find((row) => row.id === run.id)).toMatchObject({ status: 'previewed', fileName: 'staff-list.csv' })
  })

  test('applying a preview applies it, records who and when, and every audit entry names the run', async () => {
    const admin = await createUser({ isAdmin: true })
    const { org, changed } = await organisationWithChanges()
    const run = await previewUpload({ file: upload(changed), admin })
    const result = await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.outcome.totals).toMatchObject({ new: 1, moved: 1, suspended: 1 })

    expect(await importRun({ runId: run.id })).toMatchObject({ status: 'applied', appliedBy: admin.id })
    expect(await importRunFile({ runId: run.id })).toBeNull()
    expect((await personByEmployee(employee(org, 100), org)).suspendedAt).not.toBeNull()
    await personByEmployee(employee(org, 200), org)

    const { auditEvents } = schema()
    const entries = await db().select().from(auditEvents).where(eq(auditEvents.importRunId, run.id))
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['person.created', 'person.moved', 'person.suspended']),
    )
    for (const entry of entries) expect(entry).toMatchObject({ actorId: admin.id, actorName: admin.name })

    const view = await importRunView({ runId: run.id })
    expect(view).toMatchObject({ status: 'applied', pending: false, appliedByName: admin.name })
  })

  test('a run is applied once: a second apply, or two at the same moment, changes nothing more', async () => {
    const admin = await createUser({ isAdmin: true })
    const other = await createUser({ isAdmin: true })
    const { changed } = await organisationWithChanges()
    const run = await previewUpload({ file: upload(changed), admin })
    await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })
    const before = await tableCounts()
    expect(await applyPreviewedRun({ runId: run.id, admin: other, confirmMassSuspension: false })).toEqual({
      ok: false,
      reason: 'not-pending',
      status: 'applied',
    })
    expect(await discardPreviewedRun({ runId: run.id })).toEqual({
      ok: false,
      reason: 'not-pending',
      status: 'applied',
    })
    expect(await tableCounts()).toEqual(before)
    expect(await importRun({ runId: run.id })).toMatchObject({ status: 'applied', appliedBy: admin.id })

    const second = await organisationWithChanges()
    const twice = await previewUpload({ file: upload(second.changed), admin })
    const results = await Promise.all([
      applyPreviewedRun({ runId: twice.id, admin, confirmMassSuspension: false }),
      applyPreviewedRun({ runId: twice.id, admin: other, confirmMassSuspension: false }),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'not-pending', status: 'applied' }])
    const { auditEvents } = schema()
    const entries = await db().select().from(auditEvents).where(eq(auditEvents.importRunId, twice.id))
    expect(entries.filter((entry) => entry.action === 'person.suspended')).toHaveLength(1)
    expect(entries.filter((entry) => entry.action === 'person.created')).toHaveLength(1)
  })

  test('suspending more than a tenth of an organisation needs confirmation; a refused run can be confirmed later', async () => {
    const admin = await createUser({ isAdmin: true })
    const org = nextOrganisation()
    const everyone = Array.from({ length: 10 }, (_, i) => ({
      employee: employee(org, 300 + i),
      path: team(org, 'Ward'),
    }))
    await importList(inOrg(org, everyone))
    const run = await previewUpload({ file: upload(inOrg(org, everyone.slice(2))), admin })
    const preview = await importRunView({ runId: run.id })
    expect(preview?.summary?.organisations).toEqual([
      expect.objectContaining({ code: org, massSuspension: true, activeBefore: 10 }),
    ])

    const before = await tableCounts()
    const refused = await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })
    expect(refused).toMatchObject({ ok: false, reason: 'refused' })
    expect(await tableCounts()).toEqual(before)
    expect(await importRun({ runId: run.id })).toMatchObject({ status: 'refused', appliedBy: null })
    expect((await personByEmployee(employee(org, 300), org)).suspendedAt).toBeNull()
    expect((await importRunView({ runId: run.id }))?.pending).toBe(true)

    const confirmed = await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: true })
    expect(confirmed.ok).toBe(true)
    expect((await personByEmployee(employee(org, 300), org)).suspendedAt).not.toBeNull()
    expect(await importRun({ runId: run.id })).toMatchObject({ status: 'applied' })
  })

  test('a preview made stale by a change since is not applied: the run shows the new preview, which can be', async () => {
    const admin = await createUser({ isAdmin: true })
    const { changed } = await organisationWithChanges()
    const run = await previewUpload({ file: upload(changed), admin })
    // The same list arrives by another way (the command line) between the preview and the apply.
    await importList(changed)
    const stale = await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })
    expect(stale).toMatchObject({ ok: false, reason: 'stale' })
    const view = await importRunView({ runId: run.id })
    expect(view?.status).toBe('previewed')
    expect(view?.summary?.totals).toMatchObject({ new: 0, moved: 0, suspended: 0 })
    const applied = await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })
    expect(applied.ok).toBe(true)
    expect((await importRunView({ runId: run.id }))?.status).toBe('applied')
  })

  test('a discarded preview changes nothing, drops its file and cannot be applied', async () => {
    const admin = await createUser({ isAdmin: true })
    const { changed } = await organisationWithChanges()
    const run = await previewUpload({ file: upload(changed), admin })
    const before = await tableCounts()
    expect(await discardPreviewedRun({ runId: run.id })).toEqual({ ok: true })
    expect(await tableCounts()).toEqual(plus(before, { importFiles: -1 }))
    expect(await importRun({ runId: run.id })).toMatchObject({ status: 'discarded' })
    expect(await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })).toEqual({
      ok: false,
      reason: 'not-pending',
      status: 'discarded',
    })
    expect(await applyPreviewedRun({ runId: 'no-such-run', admin, confirmMassSuspension: false })).toEqual({
      ok: false,
      reason: 'not-found',
    })
  })

  test('a file that cannot be read gives a failed run with the problem, and keeps no file', async () => {
    const admin = await createUser({ isAdmin: true })
    const org = nextOrganisation()
    const text = inOrg(org, [{ employee: '400' }]).replace('Assignment Number', 'Assignment No')
    const before = await tableCounts()
    const run = await previewUpload({ file: upload(text, 'renamed-column.csv'), admin })
    expect(run.status).toBe('failed')
    expect(run.fileProblem).toContain('Assignment Number')
    expect(await importRunFile({ runId: run.id })).toBeNull()
    expect(await tableCounts()).toEqual(plus(before, { importRuns: 1 }))
    expect(await applyPreviewedRun({ runId: run.id, admin, confirmMassSuspension: false })).toMatchObject({
      reason: 'not-pending',
      status: 'failed',
    })
    expect(await importRunView({ runId: run.id })).toMatchObject({ status: 'failed', pending: false, summary: null })
  })

  test('the downloads: every change, and every problem and warning by line', async () => {
    const admin = await createUser({ isAdmin: true })
    const org = nextOrganisation()
    const run = await previewUpload({
      file: upload(
        inOrg(org, [
          { employee: '500' },
          { employee: '501', email: 'not an email' },
          { employee: '502', manager: '999' },
        ]),
        'Trust export.csv',
      ),
      admin,
    })
    const changes = await importRunChangesCsv({ runId: run.id })
    expect(changes?.filename).toBe('Trust-export-changes.csv')
    expect(changes?.header).toEqual(['Line', 'Organisation code', 'Employee number', 'Name', 'Change', 'Detail'])
    expect(changes?.rows.map((row) => [row[2], row[4]])).toEqual([
      ['500', 'New'],
      ['502', 'New'],
    ])
    const errors = await importRunErrorsCsv({ runId: run.id })
    expect(errors?.filename).toBe('Trust-export-errors.csv')
    expect(errors?.header).toEqual(['Line', 'Column', 'Value', 'Problem', 'What happened'])
    expect(errors?.rows).toEqual([
      ['3', 'Work Email Address', 'not an email', expect.any(String), 'Row left out'],
      ['4', 'Supervisor Assignment Number', expect.any(String), expect.any(String), 'Row applied'],
    ])
    expect(await importRunErrorsCsv({ runId: 'no-such-run' })).toBeNull()
  })
})

describe('reading the upload', () => {
  const multipart = (body: FormData) => new Request('http://localhost/admin/imports', { method: 'POST', body })

  test('a file over the limit is refused with the form’s message', async () => {
    const body = new FormData()
    body.append('file', upload('x'.repeat(2_000)))
    expect(await readStaffListUpload(multipart(body), { maxBytes: 1_000 })).toEqual({
      ok: false,
      errors: { file: STAFF_LIST_TOO_LARGE },
    })
    const small = new FormData()
    small.append('file', upload('Employee Number\r\n'))
    const read = await readStaffListUpload(multipart(small), { maxBytes: 1_000 })
    expect(read.ok && read.formData.get('file')).toBeInstanceOf(File)
  })

  test('a body that is not a multipart form is a 400', async () => {
    const request = new Request('http://localhost/admin/imports', {
      method: 'POST',
      body: new URLSearchParams({ file: 'x' }),
    })
    await expect(readStaffListUpload(request)).rejects.toMatchObject({ status: 400 })
  })
})
