import { describe, expect, test } from 'vitest'
import { createLrsClient, findClientByCredentials } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { action, loader } from './admin.lrs-clients.tsx'

describe('the LRS clients admin page', () => {
  test('is for administrators only', async () => {
    const learner = await createUser()
    expect(
      await statusOf(
        loader({ request: await signedInRequest(learner.id, '/admin/lrs-clients'), params: {}, context: loadContext }),
      ),
    ).toBe(403)
    const post = await signedInRequest(learner.id, '/admin/lrs-clients', {
      method: 'POST',
      body: new URLSearchParams({ intent: 'create', name: 'X', scopes: 'all' }),
    })
    expect(await statusOf(action({ request: post, params: {}, context: loadContext }))).toBe(403)
  })

  test('issues a working key and secret once, and can disable the client', async () => {
    const admin = await createUser({ isAdmin: true })
    const body = new URLSearchParams({ intent: 'create', name: 'Supplier course' })
    body.append('scopes', 'statements/write')
    body.append('scopes', 'state')
    const created = await action({
      request: await signedInRequest(admin.id, '/admin/lrs-clients', { method: 'POST', body }),
      params: {},
      context: loadContext,
    })
    if ('data' in created) throw new Error('expected the new client')
    const issued = created.created
    if (!issued) throw new Error('no client issued')
    const client = await findClientByCredentials({ key: issued.key, secret: issued.secret })
    expect(client).toMatchObject({
      name: 'Supplier course',
      scopes: ['statements/write', 'state'],
      trustedForEvidence: false,
    })

    const listed = await loader({
      request: await signedInRequest(admin.id, '/admin/lrs-clients'),
      params: {},
      context: loadContext,
    })
    expect(JSON.stringify(listed)).not.toContain(issued.secret)

    const disable = new URLSearchParams({ intent: 'disable', clientId: client?.id ?? '' })
    await action({
      request: await signedInRequest(admin.id, '/admin/lrs-clients', { method: 'POST', body: disable }),
      params: {},
      context: loadContext,
    })
    expect(await findClientByCredentials({ key: issued.key, secret: issued.secret })).toBeNull()
  })

  test('names what is missing from the form', async () => {
    const admin = await createUser({ isAdmin: true })
    const response = await action({
      request: await signedInRequest(admin.id, '/admin/lrs-clients', {
        method: 'POST',
        body: new URLSearchParams({ intent: 'create', name: '' }),
      }),
      params: {},
      context: loadContext,
    })
    if (!('data' in response)) throw new Error('expected errors')
    expect(response.data.errors).toEqual({
      name: 'Enter a name for the client',
      scopes: 'Choose at least one scope',
    })
  })

  test('shows when each client was issued as a date in words', async () => {
    const admin = await createUser({ isAdmin: true })
    const { client } = await createLrsClient({ name: 'Issued today', scopes: ['state'] })
    const listed = await loader({
      request: await signedInRequest(admin.id, '/admin/lrs-clients'),
      params: {},
      context: loadContext,
    })
    expect(listed.clients.find((row) => row.id === client.id)?.createdAt).toMatch(
      /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/,
    )
  })
})
