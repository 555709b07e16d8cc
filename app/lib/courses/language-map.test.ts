import { expect, test } from 'vitest'
import { inEnglish } from './language-map.ts'

test('a course is named in British English where it can be, then any English, then what it gave', () => {
  expect(inEnglish({ fr: 'Bonjour', 'en-US': 'Hi', 'en-GB': 'Hello' })).toBe('Hello')
  expect(inEnglish({ fr: 'Bonjour', 'EN-gb': 'Hello' })).toBe('Hello')
  expect(inEnglish({ fr: 'Bonjour', 'en-US': 'Hi' })).toBe('Hi')
  expect(inEnglish({ 'en-US': 'Hi', en: 'Hello' })).toBe('Hello')
  expect(inEnglish({ fr: 'Bonjour', und: 'Salut' })).toBe('Salut')
  expect(inEnglish({ fr: 'Bonjour' })).toBe('Bonjour')
  expect(inEnglish({ 'en-GB': '', fr: 'Bonjour' })).toBe('Bonjour')
  expect(inEnglish({})).toBe('')
  expect(inEnglish(null)).toBe('')
})
