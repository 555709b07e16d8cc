import { escapeHtml } from '#app/lib/escape-html.ts'

// One layout for every email: builders describe the message as a few blocks, and this writes both the HTML part
// and a plain-text part that says the same thing. Simple HTML with inline styles (no tables, no images, no
// stylesheet) because mail apps drop most else; NHS blue header, 19px Arial, links blue and underlined.

export type Link = { text: string; url: string }
/** A run of words, some of them links. */
export type Inline = string | Link

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'list'; items: Inline[][] }
  /** The one thing the email asks the reader to do, as a link that says what it does. */
  | { type: 'action'; link: Link }

export interface LayoutInput {
  subject: string
  firstName: string
  blocks: Block[]
  /** One sentence saying why the reader got this email. */
  reason: string
  unsubscribeUrl?: string
}

export const SERVICE_NAME = 'Digital skills'

const font = 'font-family:Arial,Helvetica,sans-serif;'
const styles = {
  body: 'margin:0;padding:0;background-color:#f0f4f5;',
  band: `margin:0;padding:16px 24px;background-color:#005eb8;${font}font-size:24px;line-height:32px;font-weight:bold;color:#ffffff;`,
  main: `max-width:640px;margin:0 auto;padding:24px;background-color:#ffffff;${font}font-size:19px;line-height:28px;color:#212b32;`,
  heading: 'margin:0 0 20px 0;font-size:28px;line-height:36px;font-weight:bold;',
  paragraph: 'margin:0 0 20px 0;',
  list: 'margin:0 0 20px 0;padding:0 0 0 24px;',
  item: 'margin:0 0 12px 0;',
  link: 'color:#005eb8;text-decoration:underline;',
  action: `color:#005eb8;text-decoration:underline;font-weight:bold;`,
  footer: `max-width:640px;margin:0 auto;padding:16px 24px;${font}font-size:16px;line-height:24px;color:#4c6272;`,
}

export function emailLayout(input: LayoutInput): { subject: string; text: string; html: string } {
  return { subject: input.subject, text: textPart(input), html: htmlPart(input) }
}

function htmlPart({ subject, firstName, blocks, reason, unsubscribeUrl }: LayoutInput): string {
  const body = blocks.map(htmlBlock).join('\n')
  const unsubscribe = unsubscribeUrl
    ? `\n<p style="${styles.paragraph}">${htmlLink({ text: 'Unsubscribe from these emails', url: unsubscribeUrl })}</p>`
    : ''
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="${styles.body}">
<div style="${styles.band}">${SERVICE_NAME}</div>
<div style="${styles.main}">
<h1 style="${styles.heading}">${escapeHtml(subject)}</h1>
<p style="${styles.paragraph}">Hello ${escapeHtml(firstName)},</p>
${body}
</div>
<div style="${styles.footer}">
<p style="${styles.paragraph}">${escapeHtml(reason)}</p>${unsubscribe}
</div>
</body>
</html>
`
}

function htmlBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${styles.paragraph}">${htmlInline(block.content)}</p>`
    case 'list': {
      const items = block.items.map((item) => `<li style="${styles.item}">${htmlInline(item)}</li>`)
      return `<ul style="${styles.list}">\n${items.join('\n')}\n</ul>`
    }
    case 'action':
      return `<p style="${styles.paragraph}"><a href="${escapeHtml(block.link.url)}" style="${styles.action}">${escapeHtml(block.link.text)}</a></p>`
  }
}

function htmlInline(content: Inline[]): string {
  return content.map((part) => (typeof part === 'string' ? escapeHtml(part) : htmlLink(part))).join('')
}

function htmlLink(link: Link): string {
  return `<a href="${escapeHtml(link.url)}" style="${styles.link}">${escapeHtml(link.text)}</a>`
}

function textPart({ firstName, blocks, reason, unsubscribeUrl }: LayoutInput): string {
  const footer = [reason, ...(unsubscribeUrl ? [`Unsubscribe from these emails: ${unsubscribeUrl}`] : [])]
  return [`Hello ${firstName},`, ...blocks.map(textBlock), '---', footer.join('\n')].join('\n\n') + '\n'
}

function textBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return textInline(block.content, '\n')
    case 'list':
      return block.items.map((item) => `- ${textInline(item, '\n  ')}`).join('\n')
    case 'action':
      return `${block.link.text}: ${block.link.url}`
  }
}

// In plain text a link keeps its words in the sentence, and its address follows on a line of its own, where every
// mail app makes it clickable and no punctuation sticks to it.
function textInline(content: Inline[], beforeAddress: string): string {
  const words = content.map((part) => (typeof part === 'string' ? part : part.text)).join('')
  const addresses = content.flatMap((part) => (typeof part === 'string' ? [] : [part.url]))
  return [words, ...addresses].join(beforeAddress)
}
