import { describe, expect, test } from 'vitest'
import { isAbsoluteIri } from './iri.ts'

describe('isAbsoluteIri', () => {
  test.each([
    'http://adlnet.gov/expapi/verbs/attended',
    'https://example.com/a/b?c=d&e=f#g',
    'http://example.com:8080/path',
    'http://user@example.com/',
    'urn:uuid:6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
    'mailto:learner@example.com',
    'tag:example.com,2024:module/phishing',
    'http://example.com/فعل/خواندن', // IRIs may hold non-ASCII characters
    'http://example.com/a%20b',
    'file:///var/data/report.pdf',
    'x-custom+scheme.v1:thing',
  ])('accepts %s', (value) => {
    expect(isAbsoluteIri(value)).toBe(true)
  })

  test.each([
    ['an empty string', ''],
    ['a relative reference', 'example.com/verb'],
    ['a path without a scheme', '/expapi/verbs/attended'],
    ['a dotted name with no scheme', 'not.a.valid.iri.com/verb'],
    ['a scheme with an illegal character', 'ab=c://should.fail.com'],
    ['a scheme starting with a digit', '1http://example.com'],
    ['nothing before the colon', ':example'],
    ['nothing after the scheme', 'http:'],
    ['http without a host', 'http://'],
    ['http without "//"', 'http:example.com'],
    ['a space', 'http://example.com/a b'],
    ['a tab', 'http://example.com/a\tb'],
    ['angle brackets', 'http://example.com/<a>'],
    ['a pipe, which agent keys use as a separator', 'http://example.com/a|b'],
    ['a backslash', 'C:\\Windows'],
    ['a broken percent-encoding', 'http://example.com/%zz'],
    ['two fragments', 'http://example.com/a#b#c'],
  ])('rejects %s', (_, value) => {
    expect(isAbsoluteIri(value)).toBe(false)
  })

  test('rejects values that are not strings', () => {
    expect(isAbsoluteIri(42)).toBe(false)
    expect(isAbsoluteIri(null)).toBe(false)
    expect(isAbsoluteIri({ id: 'http://example.com' })).toBe(false)
  })
})
