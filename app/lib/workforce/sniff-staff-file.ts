import type { FileProblem, StaffFileEncoding } from '#app/lib/workforce/staff-file.schema.ts'

// A first, quick pass over a staff list before parsing it: is it text at all, and which encoding? ESR
// exports are UTF-8, but a file opened and saved again in Excel on Windows is often Windows-1252, and
// people upload the workbook itself. Nothing is kept but a few bytes and flags.

/** Opens the file from the start; called once per pass. */
export type OpenStaffFile = () => NodeJS.ReadableStream | AsyncIterable<Uint8Array>

export type SniffResult = { ok: true; encoding: StaffFileEncoding } | { ok: false; error: FileProblem }

export const SAVE_AS_CSV = "In Excel, choose Save As and then 'CSV UTF-8 (comma delimited)'."

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const WHITESPACE = new Set([0x20, 0x09, 0x0d, 0x0a])
const HEAD_LENGTH = 4

/** Formats recognised by their first bytes, which a NUL byte would otherwise report as just "binary". */
const SIGNATURES: { bytes: number[]; message: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], message: `This file is an Excel workbook, not a CSV file. ${SAVE_AS_CSV}` },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], message: `This file is an Excel workbook, not a CSV file. ${SAVE_AS_CSV}` },
  {
    bytes: [0xff, 0xfe],
    message: `This file is saved as Unicode text (UTF-16), which the import cannot read. ${SAVE_AS_CSV}`,
  },
  {
    bytes: [0xfe, 0xff],
    message: `This file is saved as Unicode text (UTF-16), which the import cannot read. ${SAVE_AS_CSV}`,
  },
]

export function bytesOf(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk
}

const startsWith = (head: number[], prefix: number[]) => prefix.every((byte, index) => head[index] === byte)

export async function sniffStaffFile(open: OpenStaffFile): Promise<SniffResult> {
  const head: number[] = []
  let position = 0
  let sawNul = false
  let hasText = false
  let utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true })
  const signature = () => SIGNATURES.find(({ bytes }) => startsWith(head, bytes))

  for await (const chunk of open()) {
    const bytes = bytesOf(chunk)
    if (head.length < HEAD_LENGTH) head.push(...bytes.subarray(0, HEAD_LENGTH - head.length))
    if (head.length === HEAD_LENGTH) {
      const known = signature()
      if (known) return { ok: false, error: { message: known.message } }
    }
    sawNul ||= bytes.includes(0)
    if (sawNul && head.length === HEAD_LENGTH) break
    if (!hasText) hasText = bytes.some((byte, index) => !WHITESPACE.has(byte) && UTF8_BOM[position + index] !== byte)
    if (utf8) {
      try {
        utf8.decode(bytes, { stream: true })
      } catch {
        utf8 = null
      }
    }
    position += bytes.length
  }

  const known = signature()
  if (known) return { ok: false, error: { message: known.message } }
  if (sawNul) {
    return {
      ok: false,
      error: {
        message: `This file is not a CSV file: it holds binary data, not text. Export the staff list as CSV. ${SAVE_AS_CSV}`,
      },
    }
  }
  if (!hasText) return { ok: false, error: { message: 'The file is empty: it has no header row and no staff.' } }
  return { ok: true, encoding: utf8 && decodesToEnd(utf8) ? 'utf-8' : 'windows-1252' }
}

/** A character cut off at the very end of the file is not valid UTF-8 either. */
function decodesToEnd(decoder: TextDecoder): boolean {
  try {
    decoder.decode()
    return true
  } catch {
    return false
  }
}
