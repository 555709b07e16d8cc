import { describe, expect, test } from 'vitest'
import { setMandatoryKinds, wantsEmail } from '#app/lib/notifications/preferences.server.ts'
import { unsubscribeToken } from '#app/lib/notifications/unsubscribe-token.server.ts'
import { createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext } from '#tests/requests.ts'
import UnsubscribePage, { action, loader } from './unsubscribe.$token.tsx'

const page = { pattern: '/unsubscribe/:token', loader, Component: UnsubscribePage }

/** The page as a mail scanner or a person opening the link gets it: no cookies. */
async function open(token: string) {
  const result = await loader({
    request: new Request(`http://localhost/unsubscribe/${token}`),
    params: { token },
    context: loadContext,
  })
  const text = await renderRoute(page, new Request(`http://localhost/unsubscribe/${token}`)).then(readableText)
  return { status: result.init?.status ?? 200, state: result.data.state, text }
}

/** A one-click request as a mail client sends it (RFC 8058): a form post with no cookies, from no page of ours. */
async function postOneClick(token: string, body = 'List-Unsubscribe=One-Click') {
  const request = new Request(`http://localhost/unsubscribe/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  })
  const result = await action({ request, params: { token }, context: loadContext })
  return { status: result.init?.status ?? 200, state: result.data.state }
}

describe('an unsubscribe link', () => {
  test('opened, asks first and changes nothing', async () => {
    const person = await createUser()
    const token = unsubscribeToken({ userId: person.id, kind: 'due-soon' })

    const opened = await open(token)
    expect(opened).toMatchObject({ status: 200, state: 'receiving' })
    expect(opened.text).toContain('Stop emails about learning due soon?')
    expect(opened.text).toContain('Stop these emails')
    await open(token)
    expect(await wantsEmail({ userId: person.id, kind: 'due-soon' })).toBe(true)
  })

  test('posted in one click with no cookie, stops that kind of email only, and says so', async () => {
    const person = await createUser()
    const token = unsubscribeToken({ userId: person.id, kind: 'due-soon' })

    expect(await postOneClick(token)).toEqual({ status: 200, state: 'stopped' })
    expect(await wantsEmail({ userId: person.id, kind: 'due-soon' })).toBe(false)
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(true)

    const after = await open(token)
    expect(after.text).toContain('You will no longer get emails about learning due soon.')
    expect(after.text).toContain('You can change this at any time in your account settings')
    // Again is harmless.
    expect(await postOneClick(token)).toEqual({ status: 200, state: 'stopped' })
  })

  test('posted without the one-click field is refused and changes nothing', async () => {
    const person = await createUser()
    const token = unsubscribeToken({ userId: person.id, kind: 'overdue' })
    await expect(postOneClick(token, 'something=else')).rejects.toMatchObject({ status: 400 })
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(true)
  })

  test('for a mandatory kind, explains it cannot be turned off and whom to ask', async () => {
    const person = await createUser()
    const token = unsubscribeToken({ userId: person.id, kind: 'evidence-lapsing' })
    await setMandatoryKinds({ kinds: ['evidence-lapsing'], actor: { id: null, name: 'Test' } })

    const opened = await open(token)
    expect(opened.state).toBe('mandatory')
    expect(opened.text).toContain('These emails cannot be turned off')
    expect(opened.text).toContain('contact your line manager')
    expect(opened.text).not.toContain('Stop these emails')
    expect(await postOneClick(token)).toEqual({ status: 200, state: 'mandatory' })

    await setMandatoryKinds({ kinds: [], actor: { id: null, name: 'Test' } })
    expect(await wantsEmail({ userId: person.id, kind: 'evidence-lapsing' })).toBe(true)
  })

  test('forged or altered, does not work and changes nothing', async () => {
    const [person, victim] = [await createUser(), await createUser()]
    const genuine = unsubscribeToken({ userId: person.id, kind: 'assigned' })
    const [, signature] = genuine.split('.')
    const altered = `${Buffer.from(JSON.stringify({ u: victim.id, k: 'assigned' })).toString('base64url')}.${signature}`

    for (const token of [altered, 'not-a-token']) {
      const opened = await open(token)
      expect(opened.status).toBe(404)
      expect(opened.text).toContain('This link does not work')
      expect(await postOneClick(token)).toEqual({ status: 404, state: 'invalid' })
    }
    expect(await wantsEmail({ userId: victim.id, kind: 'assigned' })).toBe(true)
  })
})
