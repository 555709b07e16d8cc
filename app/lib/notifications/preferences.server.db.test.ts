import { describe, expect, test } from 'vitest'
import { auditPage } from '#app/lib/audit/audit-query.server.ts'
import { createUser } from '#tests/factories.ts'
import { emailChoices, saveEmailChoices } from './email-choices.server.ts'
import {
  mandatoryKinds,
  optedOutKinds,
  optedOutUserIds,
  optOut,
  setMandatoryKinds,
  setOptOuts,
  wantsEmail,
} from './preferences.server.ts'

const system = { id: null, name: 'Test' }

describe('who gets which emails', () => {
  test('everyone gets every kind until they turn one off', async () => {
    const person = await createUser()
    expect(await wantsEmail({ userId: person.id, kind: 'due-soon' })).toBe(true)
    expect(await optedOutUserIds({ kind: 'due-soon' })).toEqual(new Set())
  })

  test('a kind someone turned off is not sent to them, and only to them', async () => {
    const [quiet, keen] = [await createUser(), await createUser()]
    await setOptOuts({ userId: quiet.id, kinds: ['due-soon', 'overdue'] })

    expect(await wantsEmail({ userId: quiet.id, kind: 'due-soon' })).toBe(false)
    expect(await wantsEmail({ userId: quiet.id, kind: 'due-today' })).toBe(true)
    expect(await wantsEmail({ userId: keen.id, kind: 'due-soon' })).toBe(true)
    expect(await optedOutUserIds({ kind: 'due-soon', userIds: [quiet.id, keen.id] })).toEqual(new Set([quiet.id]))
    expect(await optedOutUserIds({ kind: 'due-soon', userIds: [keen.id] })).toEqual(new Set())
    expect(await optedOutUserIds({ kind: 'due-soon', userIds: [] })).toEqual(new Set())
  })

  test('saving a choice replaces the one before', async () => {
    const person = await createUser()
    await setOptOuts({ userId: person.id, kinds: ['due-soon', 'overdue'] })
    await setOptOuts({ userId: person.id, kinds: ['assigned'] })
    expect(await optedOutKinds({ userId: person.id })).toEqual(new Set(['assigned']))
    await setOptOuts({ userId: person.id, kinds: [] })
    expect(await optedOutKinds({ userId: person.id })).toEqual(new Set())
  })

  test('a long list of people is looked up in parts, and every one who opted out is found', async () => {
    const quiet = await createUser()
    await setOptOuts({ userId: quiet.id, kinds: ['overdue'] })
    const strangers = Array.from({ length: 1200 }, (_, n) => `no-such-person-${n}`)
    const found = await optedOutUserIds({ kind: 'overdue', userIds: [...strangers, quiet.id] })
    expect(found).toEqual(new Set([quiet.id]))
  })

  test('a password reset is always sent, and no link can turn it off', async () => {
    const person = await createUser()
    expect(await wantsEmail({ userId: person.id, kind: 'password-reset' })).toBe(true)
    expect(await optedOutUserIds({ kind: 'password-reset', userIds: [person.id] })).toEqual(new Set())
  })

  test('a mandatory kind is sent to everyone, and their choice comes back when the rule is lifted', async () => {
    const person = await createUser()
    await setOptOuts({ userId: person.id, kinds: ['overdue'] })

    await setMandatoryKinds({ kinds: ['overdue'], actor: system })
    expect(await mandatoryKinds()).toEqual(new Set(['overdue']))
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(true)
    expect(await optedOutUserIds({ kind: 'overdue' })).toEqual(new Set())

    await setMandatoryKinds({ kinds: [], actor: system })
    expect(await mandatoryKinds()).toEqual(new Set())
    expect(await wantsEmail({ userId: person.id, kind: 'overdue' })).toBe(false)
  })

  test('an unsubscribe link turns one kind off, but not a mandatory one', async () => {
    const person = await createUser()
    expect(await optOut({ userId: person.id, kind: 'due-today' })).toBe('opted-out')
    expect(await optOut({ userId: person.id, kind: 'due-today' })).toBe('opted-out')
    expect(await wantsEmail({ userId: person.id, kind: 'due-today' })).toBe(false)

    await setMandatoryKinds({ kinds: ['assigned'], actor: system })
    expect(await optOut({ userId: person.id, kind: 'assigned' })).toBe('mandatory')
    await setMandatoryKinds({ kinds: [], actor: system })
    expect(await wantsEmail({ userId: person.id, kind: 'assigned' })).toBe(true)

    expect(await optOut({ userId: 'nobody', kind: 'assigned' })).toBe('no-such-person')
  })
})

describe('the email rules', () => {
  test('changing them is audited with the mandatory kinds before and after in words', async () => {
    const admin = await createUser({ isAdmin: true })
    expect(await setMandatoryKinds({ kinds: ['overdue', 'due-soon'], actor: admin })).toEqual({ changed: true })
    expect(await setMandatoryKinds({ kinds: ['due-soon'], actor: admin })).toEqual({ changed: true })
    // Saving the same rules again is not a change.
    expect(await setMandatoryKinds({ kinds: ['due-soon'], actor: admin })).toEqual({ changed: false })

    const { entries } = await auditPage({ filters: { subjectId: 'notifications' } })
    // Other tests in this file change the rules too, as the system.
    const byAdmin = entries.filter((entry) => entry.actorId === admin.id)
    expect(
      byAdmin.map(({ action, actorName, subjectType, subjectName, before, after }) => ({
        action,
        actorName,
        subjectType,
        subjectName,
        before,
        after,
      })),
    ).toEqual([
      {
        action: 'setting.notifications-changed',
        actorName: admin.name,
        subjectType: 'setting',
        subjectName: 'Email rules',
        before: { sentToEveryone: ['Learning due in 7 days', 'Overdue learning'] },
        after: { sentToEveryone: ['Learning due in 7 days'] },
      },
      {
        action: 'setting.notifications-changed',
        actorName: admin.name,
        subjectType: 'setting',
        subjectName: 'Email rules',
        before: { sentToEveryone: [] },
        after: { sentToEveryone: ['Learning due in 7 days', 'Overdue learning'] },
      },
    ])
  })

  test('an administrator changing someone’s choices for them is audited; a person’s own choice is not', async () => {
    const [admin, person] = [await createUser({ isAdmin: true }), await createUser()]
    await setOptOuts({ userId: person.id, kinds: ['assigned'], actor: person })
    await setOptOuts({ userId: person.id, kinds: ['assigned', 'overdue'], actor: admin })

    const { entries } = await auditPage({ filters: { subjectId: person.id } })
    expect(entries.map(({ action, actorName, before, after }) => ({ action, actorName, before, after }))).toEqual([
      {
        action: 'person.updated',
        actorName: admin.name,
        before: { emailsTurnedOff: ['New learning assigned'] },
        after: { emailsTurnedOff: ['New learning assigned', 'Overdue learning'] },
      },
    ])
  })
})

describe('a person’s email choices', () => {
  test('offer the reminder kinds that are not mandatory, and list the mandatory ones apart', async () => {
    const person = await createUser()
    await setMandatoryKinds({ kinds: ['overdue'], actor: system })
    const choices = await emailChoices({ userId: person.id, manager: false })
    expect(choices.offered.map((choice) => choice.kind)).toEqual([
      'assigned',
      'due-soon',
      'due-today',
      'evidence-lapsing',
    ])
    expect(choices.alwaysSent.map((choice) => choice.label)).toEqual(['Overdue learning'])
    await setMandatoryKinds({ kinds: [], actor: system })
  })

  test('saving turns off what was unticked and keeps earlier choices about kinds not offered', async () => {
    const person = await createUser()
    // Chosen while they managed a team; no longer offered to them, so saving leaves it alone.
    await setOptOuts({ userId: person.id, kinds: ['manager-digest'] })
    await saveEmailChoices({ userId: person.id, manager: false, wanted: ['assigned', 'due-today', 'overdue'] })
    expect(await optedOutKinds({ userId: person.id })).toEqual(
      new Set(['manager-digest', 'due-soon', 'evidence-lapsing']),
    )
    const { offered } = await emailChoices({ userId: person.id, manager: false })
    expect(offered.filter((choice) => choice.wanted).map((choice) => choice.kind)).toEqual([
      'assigned',
      'due-today',
      'overdue',
    ])
  })
})
