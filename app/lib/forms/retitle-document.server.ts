import { StringDecoder } from 'node:string_decoder'
import { Transform } from 'node:stream'

// React writes the document's <title> in the head, which is in the first part of the stream (the shell).
// After a post, the title the route's meta gave may need to change (see action-title.ts): this rewrites
// the first <title> on its way out and passes everything after it through untouched.

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }
const escapeText = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character] ?? character)
const unescapeText = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) => {
    const found = Object.entries(escapes).find(([, escaped]) => escaped === entity)
    return found ? found[0] : entity === '&#39;' ? "'" : entity
  })

const TITLE = /<title>([^<]*)<\/title>/

export function retitleDocument(retitle: (title: string) => string): Transform {
  const decoder = new StringDecoder('utf8')
  let head = ''
  let done = false
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback(null, chunk)
      head += decoder.write(chunk)
      const match = TITLE.exec(head)
      if (!match && !head.includes('</head>')) return callback()
      done = true
      const out = match
        ? `${head.slice(0, match.index)}<title>${escapeText(retitle(unescapeText(match[1] ?? '')))}</title>${head.slice(match.index + match[0].length)}`
        : head
      head = ''
      callback(null, out)
    },
    flush(callback) {
      callback(null, head + decoder.end())
    },
  })
}
