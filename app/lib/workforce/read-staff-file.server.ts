import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CsvError, parse } from 'csv-parse'
import { isoDay } from '#app/lib/dates/dates.ts'
import { bytesOf, sniffStaffFile, type OpenStaffFile } from '#app/lib/workforce/sniff-staff-file.ts'
import type { FileProblem, StaffFileEncoding, StaffFileResult } from '#app/lib/workforce/staff-file.schema.ts'
import type { StaffMapping } from '#app/lib/workforce/staff-mapping.ts'
import { StopReading, staffRecords } from '#app/lib/workforce/staff-records.ts'

// The first stage of a staff import: an HR staff list (ESR-style CSV, tens of thousands of lines) into
// typed rows. The file is streamed twice, once to check what it is and find its encoding, then to parse
// it; neither pass holds the whole file.

// Far longer than any staff record: reaching it means a quote was opened and never closed, and the parser
// would otherwise keep the rest of the file in memory looking for the closing quote.
const MAX_RECORD_CHARACTERS = 100_000

export async function readStaffFile({
  open,
  mapping,
  onProgress,
  today = isoDay(new Date()),
}: {
  open: OpenStaffFile
  mapping: StaffMapping
  /** Called with the number of lines read so far, every 5,000 lines or so, and at the end. */
  onProgress?: (linesRead: number) => void
  /** YYYY-MM-DD; assignments that ended before it are not active. */
  today?: string
}): Promise<StaffFileResult> {
  const sniffed = await sniffStaffFile(open)
  if (!sniffed.ok) return sniffed
  const records = staffRecords({ mapping, today, onProgress })
  const parser = parse({
    relax_column_count: true,
    // Names such as Jo "JJ" Smith arrive unquoted from some systems; only a quote opening a value is special.
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARACTERS,
    // Records are handled as the parser finds them, so none are buffered and a stop comes at the right line.
    on_record: (cells: string[]) => {
      records.take(cells)
      return null
    },
  })
  try {
    await pipeline(Readable.from(decode(open(), sniffed.encoding)), parser, async (output: AsyncIterable<unknown>) => {
      for await (const _ of output) continue
    })
  } catch (error) {
    if (error instanceof StopReading) return { ok: false, error: error.problem }
    if (error instanceof CsvError) return { ok: false, error: csvProblem(error, records.nextLine) }
    throw error
  }
  return records.finish(sniffed.encoding)
}

/** Text from the file's bytes; a character split between two chunks is decoded once both arrive. */
async function* decode(
  source: AsyncIterable<Uint8Array | string>,
  encoding: StaffFileEncoding,
): AsyncGenerator<string> {
  // The UTF-8 decoder drops a byte order mark at the start, so it never sticks to the first header.
  const decoder = new TextDecoder(encoding)
  for await (const chunk of source) {
    const text = decoder.decode(bytesOf(chunk), { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

function csvProblem(error: CsvError, line: number): FileProblem {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE') {
    return {
      line,
      message: `Line ${line} has a quote mark (") that is never closed, so the rest of the file cannot be read. Check the quote marks on that line.`,
    }
  }
  return { line, message: `Line ${line} could not be read as CSV. Check the quote marks and commas on that line.` }
}
