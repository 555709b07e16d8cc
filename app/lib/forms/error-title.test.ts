import { describe, expect, test } from 'vitest'
import { formHadErrors, noteFormErrors, titleWithErrors } from './error-title.ts'

describe('the title of a page with form errors', () => {
  test('an action that answered with errors is seen by the loaders of the same request only', () => {
    const thisRequest = { clientIp: null, cspNonce: 'a' }
    const nextRequest = { clientIp: null, cspNonce: 'b' }
    noteFormErrors(thisRequest)
    expect(formHadErrors(thisRequest)).toBe(true)
    expect(formHadErrors(nextRequest)).toBe(false)
  })

  test('starts "Error: " only when there are errors', () => {
    expect(titleWithErrors('Safety – Digital skills', true)).toBe('Error: Safety – Digital skills')
    expect(titleWithErrors('Safety – Digital skills', false)).toBe('Safety – Digital skills')
  })
})
