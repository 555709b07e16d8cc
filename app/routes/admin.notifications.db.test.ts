import { describe, expect, test } from 'vitest'
import { auditPage } from '#app/lib/audit/audit-query.server.ts'
import { mandatoryKinds, setOptOuts, wantsEmail } from '#app/lib/notifications/preferences.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { action, loader } from './admin.notifications.tsx'

async function save(userId: string, mandatory: string[]) {
  const body = new URLSearchParams(mandatory.map((kind) => ['mandatory', kind]))
  const request = await signedInRequest(userId, '/admin/notifications', { method: 'POST', body })
  return action({ request, params: {}, context: loadContext })
}

describe('the email rules page', () => {
  test('is for administrators only', async () => {
    const team = await createTeam()
    for (const person of [await createUser({ team }), await createUser({ team, manages: [team] })]) {
      const request = await signedInRequest(person.id, '/admin/notifications')
      expect(await statusOf(loader({ request, params: {}, context: loadContext }))).toBe(403)
      expect(await statusOf(save(person.id, ['overdue']))).toBe(403)
    }
    expect(await mandatoryKinds()).toEqual(new Set())
  })

  test('makes the ticked kinds mandatory, overriding people’s choices, and is audited', async () => {
    const [admin, person] = [await createUser({ isAdmin: true }), await createUser()]
    await setOptOuts({ userId: person.id, kinds: ['overdue'] })

    const response = await save(admin.id, ['overdue', 'due-today'])
    expect((response as Response).headers.get('Location')).toBe('/admin/notifications?saved=1')
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(true)

    const page = await loader({
      request: await signedInRequest(admin.id, '/admin/notifications'),
      params: {},
      context: loadContext,
    })
    expect(page.kinds.filter((kind) => kind.mandatory).map((kind) => kind.label)).toEqual([
      'Learning due today',
      'Overdue learning',
    ])

    const { entries } = await auditPage({ filters: { subjectId: 'notifications' } })
    expect(
      entries.map(({ action, actorName, subjectName, after }) => ({ action, actorName, subjectName, after })),
    ).toEqual([
      {
        action: 'setting.notifications-changed',
        actorName: admin.name,
        subjectName: 'Email rules',
        after: { sentToEveryone: ['Learning due today', 'Overdue learning'] },
      },
    ])

    // Saving the same again says nothing changed and adds nothing to the log.
    const again = await save(admin.id, ['overdue', 'due-today'])
    expect((again as Response).headers.get('Location')).toBe('/admin/notifications?unchanged=1')
    expect((await auditPage({ filters: { subjectId: 'notifications' } })).entries).toHaveLength(1)
  })

  test('refuses a kind it does not know, and a password reset, which needs no rule', async () => {
    const admin = await createUser({ isAdmin: true })
    for (const kind of ['spam', 'password-reset']) {
      expect(await save(admin.id, [kind])).toMatchObject({ init: { status: 400 } })
    }
  })
})
