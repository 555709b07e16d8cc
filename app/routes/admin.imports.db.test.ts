import { beforeAll, describe, expect, test } from 'vitest'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import { parseCsv } from '#app/lib/reports/csv.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { givePassword, importList, personByEmployee, staffList, type ListedPost } from '#tests/staff-lists.ts'
import { action as runAction, loader as runLoader } from './admin.imports.$runId.tsx'
import { loader as errorsCsv } from './admin.imports.$runId.errors[.]csv.ts'
import { loader as changesCsv } from './admin.imports.$runId.changes[.]csv.ts'
import { action as uploadAction, loader as uploadLoader } from './admin.imports._index.tsx'
import { action as loginAction } from './login.tsx'

// The staff import pages: administrators only; an upload becomes a preview at its own address; the run page
// applies it once; the downloads; and someone the import suspends cannot sign in.

let organisations = 0
const nextOrganisation = () => `P${++organisations}`
const inOrg = (organisation: string, posts: ListedPost[]) => staffList(posts.map((post) => ({ organisation, ...post })))

beforeAll(async () => {
  await createOrgUnit({ code: 'pages-icb', name: 'Pages ICB', kind: 'icb' })
})

async function uploadRequest(userId: string, file: File) {
  const body = new FormData()
  body.append('file', file)
  return signedInRequest(userId, '/admin/imports?index', { method: 'POST', body })
}

const csvFile = (text: string, name = 'staff.csv') => new File([text], name, { type: 'text/csv' })

/** Uploads a staff list as an administrator and answers the new run's id. */
async function uploaded(adminId: string, text: string) {
  const response = await uploadAction({
    request: await uploadRequest(adminId, csvFile(text)),
    params: {},
    context: loadContext,
  })
  if (!(response instanceof Response)) throw new Error('expected a redirect to the run')
  expect(response.status).toBe(302)
  const location = response.headers.get('Location') ?? ''
  expect(location).toMatch(/^\/admin\/imports\/[^/?]+$/)
  return location.split('/').at(-1) ?? ''
}

async function post(userId: string, runId: string, fields: Record<string, string>) {
  return runAction({
    request: await signedInRequest(userId, `/admin/imports/${runId}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    }),
    params: { runId },
    context: loadContext,
  })
}

describe('the staff import pages', () => {
  test('are for administrators only: learners and managers get 403', async () => {
    const team = await createTeam()
    const learner = await createUser({ team })
    const manager = await createUser({ team, manages: [team] })
    const admin = await createUser({ isAdmin: true })
    const runId = await uploaded(admin.id, inOrg(nextOrganisation(), [{ employee: '1001' }]))
    for (const person of [learner, manager]) {
      const get = async (path: string) => signedInRequest(person.id, path)
      expect(
        await statusOf(uploadLoader({ request: await get('/admin/imports'), params: {}, context: loadContext })),
      ).toBe(403)
      expect(
        await statusOf(
          uploadAction({
            request: await uploadRequest(person.id, csvFile('x')),
            params: {},
            context: loadContext,
          }),
        ),
      ).toBe(403)
      const params = { runId }
      const run = `/admin/imports/${runId}`
      expect(await statusOf(runLoader({ request: await get(run), params, context: loadContext }))).toBe(403)
      expect(await statusOf(post(person.id, runId, { intent: 'apply' }))).toBe(403)
      expect(await statusOf(errorsCsv({ request: await get(`${run}/errors.csv`), params, context: loadContext }))).toBe(
        403,
      )
      expect(
        await statusOf(changesCsv({ request: await get(`${run}/changes.csv`), params, context: loadContext })),
      ).toBe(403)
    }
  })

  test('an upload without a file is a 400 naming the field', async () => {
    const admin = await createUser({ isAdmin: true })
    // What a browser sends when nothing was chosen: a nameless, empty file.
    const response = await uploadAction({
      request: await uploadRequest(admin.id, new File([], '', { type: 'application/octet-stream' })),
      params: {},
      context: loadContext,
    })
    if (response instanceof Response || !('data' in response)) throw new Error('expected the form’s errors')
    expect(response.init?.status).toBe(400)
    expect(response.data.errors).toEqual({ file: 'Select a CSV file' })
  })

  test('a good file goes to its preview, is listed in the history, and is applied once', async () => {
    const admin = await createUser({ isAdmin: true })
    const org = nextOrganisation()
    await importList(inOrg(org, [{ employee: '2001' }, { employee: '2002' }, { employee: '2003' }]))
    const runId = await uploaded(
      admin.id,
      inOrg(org, [{ employee: '2001' }, { employee: '2002', path: ['Medicine', 'Ward 8'] }, { employee: '2003' }]),
    )

    const page = await runLoader({
      request: await signedInRequest(admin.id, `/admin/imports/${runId}`),
      params: { runId },
      context: loadContext,
    })
    expect(page.run).toMatchObject({ result: 'Previewed – not applied yet', pending: true })
    expect(page.run.summary?.totals).toMatchObject({ moved: 1, unchanged: 2 })
    expect(page.run.createdAt).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/)

    const list = await uploadLoader({
      request: await signedInRequest(admin.id, '/admin/imports'),
      params: {},
      context: loadContext,
    })
    expect(list.runs.find((run) => run.id === runId)).toMatchObject({
      who: admin.name,
      fileName: 'staff.csv',
      result: 'Previewed – not applied yet',
      counts: '1 moved, 2 unchanged',
    })
    expect(list.expected.columns.map((column) => column.header)).toContain('Employee Number')

    const applied = await post(admin.id, runId, { intent: 'apply' })
    if (!(applied instanceof Response)) throw new Error('expected a redirect')
    expect(applied.headers.get('Location')).toBe(`/admin/imports/${runId}?applied=1`)

    const again = await post(admin.id, runId, { intent: 'apply' })
    if (again instanceof Response || !('data' in again)) throw new Error('expected a message')
    expect(again.init?.status).toBe(409)
    expect(again.data.message).toBe('This staff list has already been applied. It was not applied again.')
  })

  test('a refused apply asks for the confirmation', async () => {
    const admin = await createUser({ isAdmin: true })
    const org = nextOrganisation()
    const everyone = Array.from({ length: 5 }, (_, i) => ({ employee: `${3001 + i}` }))
    await importList(inOrg(org, everyone))
    const runId = await uploaded(admin.id, inOrg(org, everyone.slice(1)))
    const refused = await post(admin.id, runId, { intent: 'apply' })
    if (refused instanceof Response || !('data' in refused)) throw new Error('expected the form’s errors')
    expect(refused.init?.status).toBe(400)
    expect(refused.data.errors).toEqual({ confirm: 'Confirm that these people have left, or check the file' })

    const confirmed = await post(admin.id, runId, { intent: 'apply', confirm: 'yes' })
    expect(confirmed instanceof Response && confirmed.status).toBe(302)
  })

  test('the error report has the header row and a line for each problem', async () => {
    const admin = await createUser({ isAdmin: true })
    const runId = await uploaded(
      admin.id,
      inOrg(nextOrganisation(), [
        { employee: '4001' },
        { employee: '4002', email: 'not an email' },
        { employee: '4003', start: '31/02/2024' },
      ]),
    )
    const response = await errorsCsv({
      request: await signedInRequest(admin.id, `/admin/imports/${runId}/errors.csv`),
      params: { runId },
      context: loadContext,
    })
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="staff-errors.csv"')
    const rows = parseCsv(await response.text())
    expect(rows[0]).toEqual(['Line', 'Column', 'Value', 'Problem', 'What happened'])
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[4]])).toEqual([
      ['3', 'Work Email Address', 'not an email', 'Row left out'],
      ['4', 'Assignment Start Date', '31/02/2024', 'Row left out'],
    ])

    const changes = await changesCsv({
      request: await signedInRequest(admin.id, `/admin/imports/${runId}/changes.csv`),
      params: { runId },
      context: loadContext,
    })
    expect(parseCsv(await changes.text()).map((row) => row[2])).toEqual(['Employee number', '4001'])
    expect(
      await statusOf(
        errorsCsv({
          request: await signedInRequest(admin.id, '/admin/imports/nothing/errors.csv'),
          params: { runId: 'nothing' },
          context: loadContext,
        }),
      ),
    ).toBe(404)
  })

  test('someone the import suspends is told so when they sign in with their correct password', async () => {
    const admin = await createUser({ isAdmin: true })
    const org = nextOrganisation()
    const everyone = Array.from({ length: 12 }, (_, i) => ({ employee: `${5001 + i}` }))
    await importList(inOrg(org, everyone))
    const leaver = await personByEmployee('5001', org)
    await givePassword({ userId: leaver.id, password: 'a leaver password' })

    const runId = await uploaded(admin.id, inOrg(org, everyone.slice(1)))
    expect(await post(admin.id, runId, { intent: 'apply' })).toBeInstanceOf(Response)

    const response = await loginAction({
      request: new Request('http://localhost/login', {
        method: 'POST',
        body: new URLSearchParams({ email: leaver.email ?? '', password: 'a leaver password' }),
      }),
      params: {},
      context: { clientIp: '192.0.2.50', cspNonce: 'n' },
    })
    if (!('data' in response)) throw new Error('expected the sign-in to be refused')
    expect(response.init?.status).toBe(400)
    expect(response.data.errors.email).toContain('suspended')
  })
})
