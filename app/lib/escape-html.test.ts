import { expect, test } from 'vitest'
import { escapeHtml } from './escape-html.ts'

test('text placed in HTML cannot open a tag or leave a quoted attribute', () => {
  expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
  )
  expect(escapeHtml('Ward 7, Royal Preston')).toBe('Ward 7, Royal Preston')
})
