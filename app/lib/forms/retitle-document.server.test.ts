import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, test } from 'vitest'
import { retitleDocument } from './retitle-document.server.ts'

const run = (chunks: string[], retitle: (title: string) => string) =>
  text(Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(retitleDocument(retitle)))

describe('rewriting the title of a streamed document', () => {
  test('the first title changes, escaped; the rest passes through, even split across chunks', async () => {
    const html = await run(
      ['<html><head><ti', 'tle>Ward 7 &amp; 8 – Digital skills</title></head><body><title>not this</title>', '</body>'],
      (title) => `Error: ${title} <x>`,
    )
    expect(html).toBe(
      '<html><head><title>Error: Ward 7 &amp; 8 – Digital skills &lt;x&gt;</title></head><body><title>not this</title></body>',
    )
  })

  test('a multi-byte character split between chunks survives', async () => {
    const bytes = Buffer.from('<head><title>A – B</title></head>')
    const split = bytes.indexOf(Buffer.from('–')) + 1
    const html = await text(
      Readable.from([bytes.subarray(0, split), bytes.subarray(split)]).pipe(retitleDocument((t) => t.toUpperCase())),
    )
    expect(html).toBe('<head><title>A – B</title></head>'.replace('A – B', 'A – B'.toUpperCase()))
  })

  test('a document without a title is left alone', async () => {
    expect(await run(['<head></head><body>hi</body>'], () => 'never')).toBe('<head></head><body>hi</body>')
  })
})
