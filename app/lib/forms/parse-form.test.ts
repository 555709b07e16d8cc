import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { dateField } from './date-field.ts'
import { parseForm } from './parse-form.ts'

function formOf(entries: [string, string | File][]): FormData {
  const form = new FormData()
  for (const [name, value] of entries) form.append(name, value)
  return form
}

describe('parseForm', () => {
  const choices = z.object({ name: z.string().min(1, 'Enter a name'), scopes: z.array(z.string()).default([]) })

  test('repeated fields become arrays; a single ticked box is still an array; single fields are strings', () => {
    const many = parseForm(
      formOf([
        ['name', 'Course'],
        ['scopes', 'state'],
        ['scopes', 'profile'],
      ]),
      choices,
    )
    expect(many).toMatchObject({ ok: true, data: { name: 'Course', scopes: ['state', 'profile'] } })
    const one = parseForm(
      formOf([
        ['name', 'Course'],
        ['scopes', 'state'],
      ]),
      choices,
    )
    expect(one).toMatchObject({ ok: true, data: { scopes: ['state'] } })
    const none = parseForm(formOf([['name', 'Course']]), choices)
    expect(none).toMatchObject({ ok: true, data: { scopes: [] } })
  })

  test('gives the first message for each field, keyed by its name, and what was submitted', () => {
    const schema = z.object({
      name: z.string().min(1, 'Enter a name').min(3, 'Name is too short'),
      scopes: z.array(z.string()).min(1, 'Choose at least one scope').max(0, 'Never shown'),
    })
    const result = parseForm(formOf([['name', '']]), schema)
    expect(result).toEqual({
      ok: false,
      errors: { name: 'Enter a name', scopes: 'Choose at least one scope' },
      values: { name: '', scopes: [] },
    })
  })

  test('files come through; a file input left empty counts as missing', async () => {
    const schema = z.object({ upload: z.file({ error: 'Choose a file' }) })
    const file = new File(['name,team\n'], 'staff.csv', { type: 'text/csv' })
    const chosen = parseForm(formOf([['upload', file]]), schema)
    if (!chosen.ok) throw new Error('expected the file')
    expect(chosen.data.upload.name).toBe('staff.csv')
    expect(await chosen.data.upload.text()).toBe('name,team\n')
    expect(chosen.values).toEqual({})
    const empty = parseForm(formOf([['upload', new File([], '')]]), schema)
    expect(empty).toMatchObject({ ok: false, errors: { upload: 'Choose a file' } })
  })

  test('reads the fields of whichever option of a discriminated union the form submitted', () => {
    const schema = z.discriminatedUnion('intent', [
      z.object({ intent: z.literal('create'), scopes: z.array(z.string()).min(1, 'Choose at least one scope') }),
      z.object({ intent: z.literal('disable'), clientId: z.string() }),
    ])
    expect(
      parseForm(
        formOf([
          ['intent', 'create'],
          ['scopes', 'all'],
        ]),
        schema,
      ),
    ).toMatchObject({
      ok: true,
      data: { intent: 'create', scopes: ['all'] },
    })
    expect(
      parseForm(
        formOf([
          ['intent', 'disable'],
          ['clientId', 'c1'],
        ]),
        schema,
      ),
    ).toMatchObject({
      ok: true,
      data: { intent: 'disable', clientId: 'c1' },
    })
  })
})

describe('a date field read from its day, month and year boxes', () => {
  const schema = z.object({ dueDate: dateField({ label: 'Due date', missing: 'Enter a due date' }) })
  const submit = (day: string, month: string, year: string) =>
    parseForm(
      formOf([
        ['dueDate-day', day],
        ['dueDate-month', month],
        ['dueDate-year', year],
      ]),
      schema,
    )
  const errorOf = (result: ReturnType<typeof submit>) => (result.ok ? null : result.errors.dueDate)

  test('combines the boxes into one YYYY-MM-DD date, and keeps what was typed to show again', () => {
    expect(submit(' 5', '3 ', '2027')).toMatchObject({ ok: true, data: { dueDate: '2027-03-05' } })
    expect(submit('29', '2', '2028')).toMatchObject({ ok: true, data: { dueDate: '2028-02-29' } })
    expect(submit('31', '2', '2027').values).toEqual({ dueDate: { day: '31', month: '2', year: '2027' } })
  })

  test('each kind of bad date has its own message', () => {
    expect(errorOf(submit('', '', ''))).toBe('Enter a due date')
    expect(errorOf(parseForm(new FormData(), schema))).toBe('Enter a due date')
    expect(errorOf(submit('5', '', '2027'))).toBe('Due date must include a month')
    expect(errorOf(submit('', '', '2027'))).toBe('Due date must include a day and month')
    expect(errorOf(submit('5', '3', ''))).toBe('Due date must include a year')
    expect(errorOf(submit('31', '2', '2027'))).toBe('Due date must be a real date')
    expect(errorOf(submit('5', '13', '2027'))).toBe('Due date must be a real date')
    expect(errorOf(submit('first', '3', '2027'))).toBe('Due date must be a real date')
    expect(errorOf(submit('5', '3', '27'))).toBe('Year must include 4 numbers')
  })
})
