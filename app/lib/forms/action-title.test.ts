import { describe, expect, test } from 'vitest'
import { titleAfterAction } from './action-title.ts'

describe("a page's title after a post", () => {
  const title = 'Your account – Digital skills'

  test('a form with errors: "Error: " before the title, once', () => {
    expect(titleAfterAction({ errors: { email: 'Enter your email address' } }, title)).toBe(`Error: ${title}`)
    expect(titleAfterAction({ errors: { email: 'Enter' } }, `Error: ${title}`)).toBe(`Error: ${title}`)
  })

  test('no errors, or none set: the title stays', () => {
    expect(titleAfterAction({ errors: null }, title)).toBe(title)
    expect(titleAfterAction({ errors: { email: undefined } }, title)).toBe(title)
    expect(titleAfterAction(undefined, title)).toBe(title)
  })

  test('a page answering a post with its own title (a result) uses it', () => {
    expect(titleAfterAction({ pageTitle: 'Result: you passed – Digital skills', errors: null }, title)).toBe(
      'Result: you passed – Digital skills',
    )
  })
})
