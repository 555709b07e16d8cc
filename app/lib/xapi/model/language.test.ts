import { describe, expect, test } from 'vitest'
import { isLanguageTag } from './language.ts'

describe('isLanguageTag (RFC 5646 well-formedness)', () => {
  test.each([
    ['a two-letter language', 'de'],
    ['a three-letter language', 'tlh'],
    ['a three-letter language (Mandarin)', 'cmn'],
    ['language and region', 'en-US'],
    ['language and UN M.49 region', 'es-419'],
    ['language and script', 'zh-Hant'],
    ['language, script and region', 'sr-Latn-RS'],
    ['language, script and region (Simplified Chinese)', 'zh-Hans-CN'],
    ['an extended language subtag', 'zh-yue-HK'],
    ['a variant', 'de-DE-1996'],
    ['a digit-led four-character variant', 'en-1234'],
    ['two different variants', 'sl-rozaj-biske'],
    ['an extension', 'en-a-bbb-ccc'],
    ['two extensions with different singletons', 'en-a-bbb-b-ccc'],
    ['a private-use suffix', 'en-US-x-twain'],
    ['a private-use tag', 'x-whatever'],
    ['a grandfathered irregular tag', 'i-klingon'],
    ['a grandfathered tag in any case', 'EN-gb-OED'],
    ['any letter case', 'EN-us'],
  ])('accepts %s: %s', (_, tag) => {
    expect(isLanguageTag(tag)).toBe(true)
  })

  test.each([
    ['an empty string', ''],
    ['a nine-letter word', 'something'],
    ['a primary subtag with digits', 'a12345'],
    ['a one-letter language', 'e'],
    ['an empty subtag', 'en--US'],
    ['a trailing hyphen', 'en-'],
    ['an underscore', 'en_US'],
    ['a two-digit region', 'en-12'],
    ['a repeated variant', 'de-1996-1996'],
    ['a repeated extension singleton', 'zh-z-aaa-z-bbb-c-ccc'],
    ['a singleton with nothing after it', 'en-a'],
    ['an empty private-use part', 'en-x'],
    ['a private-use subtag longer than eight characters', 'en-x-abcdefghi'],
    ['a subtag too long for any position', 'en-US-abcdefghi'],
  ])('rejects %s: %s', (_, tag) => {
    expect(isLanguageTag(tag)).toBe(false)
  })

  test('rejects values that are not strings', () => {
    expect(isLanguageTag(12)).toBe(false)
    expect(isLanguageTag(undefined)).toBe(false)
  })
})
