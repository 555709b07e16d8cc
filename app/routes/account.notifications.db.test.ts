import { describe, expect, test } from 'vitest'
import { setMandatoryKinds, wantsEmail } from '#app/lib/notifications/preferences.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import EmailChoicesPage, { action, loader } from './account_.notifications.tsx'

const page = { pattern: '/account/notifications', loader, Component: EmailChoicesPage }

async function save(userId: string, wanted: string[]) {
  const body = new URLSearchParams(wanted.map((kind) => ['wanted', kind]))
  const request = await signedInRequest(userId, '/account/notifications', { method: 'POST', body })
  return action({ request, params: {}, context: loadContext })
}

/** The values of the ticked checkboxes, as the page arrives. */
function tickedBoxes(html: string): string[] {
  const inputs = html.match(/<input[^>]*type="checkbox"[^>]*>/g) ?? []
  return inputs.filter((input) => / checked=""/.test(input)).map((input) => /value="([^"]*)"/.exec(input)?.[1] ?? '')
}

describe('the page of emails you get', () => {
  test('needs you to sign in', async () => {
    const request = new Request('http://localhost/account/notifications')
    expect(await statusOf(loader({ request, params: {}, context: loadContext }))).toBe(302)
  })

  test('offers the weekly summary of teams only to people who manage one', async () => {
    const team = await createTeam()
    const [learner, manager] = [await createUser({ team }), await createUser({ team, manages: [team] })]
    const learnerPage = await renderRoute(page, await signedInRequest(learner.id, '/account/notifications'))
    expect(readableText(learnerPage)).toContain('Learning due soon')
    expect(readableText(learnerPage)).not.toContain('Weekly summary of your teams')
    const managerPage = await renderRoute(page, await signedInRequest(manager.id, '/account/notifications'))
    expect(readableText(managerPage)).toContain('Weekly summary of your teams')
  })

  test('saves what you untick, and shows it unticked afterwards', async () => {
    const person = await createUser()
    const response = await save(person.id, ['assigned', 'due-today', 'overdue', 'evidence-lapsing'])
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).headers.get('Location')).toBe('/account/notifications?saved=1')
    expect(await wantsEmail({ userId: person.id, kind: 'due-soon' })).toBe(false)
    expect(await wantsEmail({ userId: person.id, kind: 'due-today' })).toBe(true)

    const html = await renderRoute(page, await signedInRequest(person.id, '/account/notifications?saved=1'))
    expect(readableText(html)).toContain('Your email choices have been saved.')
    expect(tickedBoxes(html)).toEqual(['assigned', 'due-today', 'overdue', 'evidence-lapsing'])
  })

  test('refuses a kind of email it does not know, with a message', async () => {
    const person = await createUser()
    const result = await save(person.id, ['assigned', 'spam'])
    expect(result).not.toBeInstanceOf(Response)
    expect(result).toMatchObject({
      init: { status: 400 },
      data: { errors: { wanted: 'Choose from the emails listed' } },
    })
    expect(await wantsEmail({ userId: person.id, kind: 'due-soon' })).toBe(true)
  })

  test('shows mandatory emails as always sent, not as a choice', async () => {
    const person = await createUser()
    await setMandatoryKinds({ kinds: ['overdue'], actor: { id: null, name: 'Test' } })
    const html = await renderRoute(page, await signedInRequest(person.id, '/account/notifications'))
    expect(readableText(html)).toContain('Your organisation sends these to everyone')
    expect(readableText(html)).toContain('Overdue learning')
    expect(html).not.toContain('value="overdue"')

    // Saving without it does not turn it off.
    await save(person.id, ['assigned'])
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(true)
    await setMandatoryKinds({ kinds: [], actor: { id: null, name: 'Test' } })
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(true)
  })
})
