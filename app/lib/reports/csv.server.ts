import type { ReportTable } from './report-view.ts'

// CSV exports (RFC 4180), streamed: rows are written as an async iterable yields them, so an ICB-wide
// export never holds every row in memory at once.

export type CsvValue = string | number | boolean | Date | null | undefined

/** One field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export const csvLine = (values: CsvValue[]) => `${values.map(csvField).join(',')}\r\n`

/** A streamed CSV download: the header, then each row as the iterable produces it. */
export function csvResponse({
  filename,
  header,
  rows,
}: {
  filename: string
  header: string[]
  rows: AsyncIterable<CsvValue[]> | Iterable<CsvValue[]>
}): Response {
  const encoder = new TextEncoder()
  const iterator =
    Symbol.asyncIterator in rows
      ? rows[Symbol.asyncIterator]()
      : (async function* () {
          yield* rows
        })()
  let headerSent = false
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        // A byte-order mark first, so that Excel reads the file as UTF-8 (names such as "Ward 7 – Acute").
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`))
        return
      }
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(csvLine(next.value)))
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replaceAll('"', '')}"`,
      'Cache-Control': 'no-store',
    },
  })
}

/** A report table as a CSV download: its header and exactly the cells shown on screen. */
export function tableCsvResponse({ filename, table }: { filename: string; table: ReportTable }): Response {
  return csvResponse({ filename, header: table.header, rows: table.rows.map((row) => row.cells) })
}

/** Parses CSV text back into rows: for tests that compare an export with the page it came from. */
export function parseCsv(csv: string): string[][] {
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}
