import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { Checkboxes } from './checkboxes.tsx'
import { DateInput } from './date-input.tsx'
import { ErrorSummary } from './error-summary.tsx'
import { FileUpload } from './file-upload.tsx'
import { Radios } from './radios.tsx'
import { SelectField } from './select-field.tsx'
import { TextArea } from './text-area.tsx'
import { TextField } from './text-field.tsx'

type Attributes = Record<string, string>

/** Every element's opening tag in server-rendered markup, with its attributes (React quotes every value). */
function elementsOf(element: ReactElement): { html: string; all: (Attributes & { tag: string })[] } {
  const html = renderToStaticMarkup(element)
  const all = [...html.matchAll(/<([a-z]+)([^>]*)>/g)].map(([, tag = '', attributes = '']) => ({
    tag,
    ...Object.fromEntries([...attributes.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value])),
  }))
  return { html, all }
}

function byId(all: Attributes[], id: string): Attributes {
  const found = all.filter((element) => element.id === id)
  expect(found, `exactly one element with id "${id}"`).toHaveLength(1)
  return found[0] as Attributes
}

function fieldsetOf(all: (Attributes & { tag: string })[]): Attributes {
  const fieldsets = all.filter((element) => element.tag === 'fieldset')
  expect(fieldsets, 'one fieldset').toHaveLength(1)
  return fieldsets[0] as Attributes
}

const describedBy = (element: Attributes) => (element['aria-describedby'] ?? '').split(' ').filter(Boolean)

const singleControls = [
  [
    'TextField',
    (error?: string) => <TextField name="email" label="Email address" hint="Your work email" error={error} />,
  ],
  [
    'TextArea',
    (error?: string) => <TextArea name="email" label="Email address" hint="Your work email" error={error} />,
  ],
  [
    'SelectField',
    (error?: string) => (
      <SelectField name="email" label="Email address" hint="Your work email" error={error}>
        <option value="">Choose</option>
      </SelectField>
    ),
  ],
  [
    'FileUpload',
    (error?: string) => <FileUpload name="email" label="Email address" hint="Your work email" error={error} />,
  ],
] as const

describe('a single control (text, textarea, select, file)', () => {
  for (const [kind, render] of singleControls) {
    test(`${kind}: its label, hint and error message are tied to the control, and it is marked invalid only with an error`, () => {
      const valid = elementsOf(render())
      const control = byId(valid.all, 'email')
      expect(describedBy(control)).toEqual(['email-hint'])
      expect(control['aria-invalid']).toBeUndefined()
      expect(valid.all.find((element) => element.tag === 'label')?.for).toBe('email')
      expect(valid.html).not.toContain('nhsuk-form-group--error')

      const invalid = elementsOf(render('Enter your email address'))
      const erroring = byId(invalid.all, 'email')
      expect(describedBy(erroring)).toEqual(['email-hint', 'email-error'])
      expect(erroring['aria-invalid']).toBe('true')
      byId(invalid.all, 'email-hint')
      expect(byId(invalid.all, 'email-error').class).toBe('nhsuk-error-message')
      expect(invalid.html).toContain('Error:</span> Enter your email address')
      expect(invalid.html).toContain('nhsuk-form-group nhsuk-form-group--error')
    })
  }
})

describe('radios', () => {
  const render = (error?: string) =>
    elementsOf(
      <Radios
        name="who"
        legend="Who it is for"
        hint="Choose one"
        error={error}
        defaultValue="person"
        items={[
          { value: 'unit', label: 'Everyone', hint: 'Including people who join later.' },
          { value: 'person', label: 'One person', conditional: <p id="person-picker">Pick the person</p> },
        ]}
      />,
    )

  test('the fieldset is described by the hint and the error; the first radio carries the field’s id', () => {
    const { all } = render('Choose who the work is for')
    const fieldset = fieldsetOf(all)
    expect(describedBy(fieldset)).toEqual(['who-hint', 'who-error'])
    byId(all, 'who-error')
    expect(byId(all, 'who')).toMatchObject({ type: 'radio', name: 'who', value: 'unit' })
    expect(byId(all, 'who-person')).toMatchObject({ type: 'radio', name: 'who', value: 'person', checked: '' })
    expect(describedBy(byId(all, 'who'))).toEqual(['who-item-hint'])
    byId(all, 'who-item-hint')
  })

  test('conditional content is shown under its option and named by that option’s aria-controls', () => {
    const { all, html } = render()
    const option = byId(all, 'who-person')
    const conditional = byId(all, option['aria-controls'] ?? 'missing')
    expect(conditional.class).toBe('nhsuk-radios__conditional')
    expect(html).toMatch(/id="conditional-who-person"><p id="person-picker">Pick the person<\/p><\/div>/)
    expect(byId(all, 'who')['aria-controls']).toBeUndefined()
  })
})

describe('checkboxes', () => {
  test('with a legend: the fieldset is described by the error, and every box is marked invalid', () => {
    const { all } = elementsOf(
      <Checkboxes
        name="scopes"
        legend="What it may do"
        error="Choose at least one scope"
        defaultValue={['state']}
        items={[
          { value: 'all', label: 'all' },
          { value: 'statements/write', label: 'statements/write' },
          { value: 'state', label: 'state' },
        ]}
      />,
    )
    const fieldset = fieldsetOf(all)
    expect(describedBy(fieldset)).toEqual(['scopes-error'])
    byId(all, 'scopes-error')
    const boxes = all.filter((element) => element.type === 'checkbox')
    expect(boxes.map((box) => box.id)).toEqual(['scopes', 'scopes-statements-write', 'scopes-state'])
    expect(boxes.every((box) => box['aria-invalid'] === 'true')).toBe(true)
    expect(boxes.filter((box) => 'checked' in box).map((box) => box.value)).toEqual(['state'])
  })

  test('a lone checkbox without a legend is described by its own hint and the error', () => {
    const { all } = elementsOf(
      <Checkboxes
        name="recurs"
        error="Something is wrong"
        items={[{ value: 'yes', label: 'Repeat when the evidence expires', hint: 'Only for modules that renew.' }]}
      />,
    )
    expect(all.some((element) => element.tag === 'fieldset')).toBe(false)
    expect(describedBy(byId(all, 'recurs'))).toEqual(['recurs-error', 'recurs-item-hint'])
    byId(all, 'recurs-item-hint')
    byId(all, 'recurs-error')
  })
})

describe('date input', () => {
  test('three numeric boxes named for parseForm, in a group described by hint and error, only the box to correct marked invalid', () => {
    const { all, html } = elementsOf(
      <DateInput
        name="dueDate"
        legend="Due date"
        hint="For example, 30 6 2026"
        error="Due date must include a month"
        defaultValue={{ day: '30', month: '', year: '2026' }}
      />,
    )
    const fieldset = fieldsetOf(all)
    expect(fieldset.role).toBe('group')
    expect(describedBy(fieldset)).toEqual(['dueDate-hint', 'dueDate-error'])
    byId(all, 'dueDate-error')
    const boxes = all.filter((element) => element.tag === 'input')
    expect(boxes.map(({ id, name, type, inputMode }) => ({ id, name, type, inputMode }))).toEqual(
      ['day', 'month', 'year'].map((part) => ({
        id: `dueDate-${part}`,
        name: `dueDate-${part}`,
        type: 'text',
        inputMode: 'numeric',
      })),
    )
    expect(boxes.map((box) => box.value)).toEqual(['30', '', '2026'])
    expect(boxes.map((box) => box['aria-invalid'] === 'true')).toEqual([false, true, false])
    expect(html).not.toContain('type="date"')
  })

  test('every box is marked when together they are not a real date', () => {
    const { all } = elementsOf(
      <DateInput
        name="dueDate"
        legend="Due date"
        error="Due date must be a real date"
        defaultValue={{ day: '31', month: '2', year: '2027' }}
      />,
    )
    const boxes = all.filter((element) => element.tag === 'input')
    expect(boxes.map((box) => box['aria-invalid'] === 'true')).toEqual([true, true, true])
  })
})

describe('error summary', () => {
  test('lists the problems in the form’s order, each linking to an element the field rendered', () => {
    const errors = {
      'current:SAFE.1': 'Choose where you are now',
      dueDate: 'Enter a due date',
      email: 'Enter your email address',
      ignored: 'A field the summary was not told about',
    }
    const { all, html } = elementsOf(
      <>
        <ErrorSummary errors={errors} fields={['email', { date: 'dueDate' }, 'current:SAFE.1']} />
        <TextField name="email" label="Email address" error={errors.email} />
        <DateInput name="dueDate" legend="Due date" error={errors.dueDate} />
        <Radios
          name="current:SAFE.1"
          legend="Where are you now?"
          error={errors['current:SAFE.1']}
          items={[
            { value: '0', label: 'Not yet' },
            { value: '1', label: '1 Foundation' },
          ]}
        />
      </>,
    )
    const links = all.filter((element) => element.tag === 'a').map((link) => link.href ?? '')
    expect(links).toEqual(['#email', '#dueDate-day', '#current-SAFE.1'])
    for (const link of links) byId(all, link.slice(1))
    expect(html).toContain('There is a problem')
    expect(html).not.toContain('A field the summary was not told about')
  })

  test('renders nothing when there are no errors', () => {
    expect(renderToStaticMarkup(<ErrorSummary errors={undefined} fields={['email']} />)).toBe('')
    expect(renderToStaticMarkup(<ErrorSummary errors={{}} fields={['email']} />)).toBe('')
  })
})
