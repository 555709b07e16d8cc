import type { FileProblem } from '#app/lib/workforce/staff-file.schema.ts'
import {
  DEFAULT_HIERARCHY_SEPARATOR,
  headerKey,
  requiredStaffFields,
  staffFieldLabels,
  staffFields,
  type StaffField,
  type StaffMapping,
} from '#app/lib/workforce/staff-mapping.ts'
import { SAVE_AS_CSV } from '#app/lib/workforce/sniff-staff-file.ts'

// Finds, in a file's header row, the column of each field the mapping names. Messages quote the header as
// written in the file, since that is what the person will look for in Excel.

export type Column = { index: number; header: string }

export type StaffColumns = {
  fields: Partial<Record<StaffField, Column>>
  hierarchy: { levels: Column[] } | { path: Column; separator: string }
  /** How many columns the header row has: every row must have as many. */
  width: number
}

export type ColumnsResult = { ok: true; columns: StaffColumns } | { ok: false; error: FileProblem }

const SEPARATORS = [
  { character: ';', name: 'semicolons (;)' },
  { character: '\t', name: 'tabs' },
]

/** The spreadsheet letter of a column (0 → A, 26 → AA), as Excel shows it. */
export function columnLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26))
  return index < 26 ? letter : columnLetter(Math.floor(index / 26) - 1) + letter
}

type Wanted = { header: string; purpose: string; optionalField?: StaffField }

export function locateColumns({
  cells,
  line,
  mapping,
}: {
  cells: string[]
  line: number
  mapping: StaffMapping
}): ColumnsResult {
  const separator = cells.length === 1 ? wrongSeparator(cells[0] ?? '') : null
  if (separator) {
    return {
      ok: false,
      error: {
        line,
        message: `The columns in this file are separated by ${separator}, but the file must use commas. ${SAVE_AS_CSV}`,
      },
    }
  }

  const indexesByKey = new Map<string, number[]>()
  cells.forEach((cell, index) => {
    const key = headerKey(cell)
    if (key) indexesByKey.set(key, [...(indexesByKey.get(key) ?? []), index])
  })
  const missing: Wanted[] = []
  const find = (wanted: Wanted): Column | FileProblem | null => {
    const indexes = indexesByKey.get(headerKey(wanted.header)) ?? []
    const [index, second] = indexes
    if (index === undefined) {
      missing.push(wanted)
      return null
    }
    const header = (cells[index] ?? '').trim()
    if (second !== undefined) {
      return {
        line,
        column: header,
        message: `The file has ${indexes.length} columns headed '${header}' (columns ${indexes.map(columnLetter).join(' and ')}), so it is not clear which holds ${wanted.purpose}. Rename or remove the extra ones.`,
      }
    }
    return { index, header }
  }
  const isProblem = (found: Column | FileProblem | null): found is FileProblem => found !== null && 'message' in found

  const fields: StaffColumns['fields'] = {}
  for (const field of staffFields) {
    const header = mapping.columns[field]
    if (header === undefined) continue
    const optional = !requiredStaffFields.includes(field)
    const found = find({
      header,
      purpose: `the ${staffFieldLabels[field]}`,
      optionalField: optional ? field : undefined,
    })
    if (isProblem(found)) return { ok: false, error: found }
    if (found) fields[field] = found
  }

  const { hierarchy: levelHeaders, hierarchyPath } = mapping.columns
  const levels: Column[] = []
  for (const header of levelHeaders ?? []) {
    const found = find({ header, purpose: 'an organisation level' })
    if (isProblem(found)) return { ok: false, error: found }
    if (found) levels.push(found)
  }
  const path = hierarchyPath === undefined ? null : find({ header: hierarchyPath, purpose: 'the organisation path' })
  if (isProblem(path)) return { ok: false, error: path }

  if (missing.length > 0) return { ok: false, error: missingColumns(missing, line) }
  const separatorText = mapping.columns.hierarchySeparator ?? DEFAULT_HIERARCHY_SEPARATOR
  return {
    ok: true,
    columns: { fields, hierarchy: path ? { path, separator: separatorText } : { levels }, width: cells.length },
  }
}

function wrongSeparator(cell: string): string | null {
  const counted = SEPARATORS.map((separator) => ({ ...separator, count: cell.split(separator.character).length - 1 }))
  const most = counted.reduce((a, b) => (b.count > a.count ? b : a))
  return most.count > 0 ? most.name : null
}

function missingColumns(missing: Wanted[], line: number): FileProblem {
  const [first] = missing
  if (missing.length === 1 && first) {
    const advice = first.optionalField
      ? `Check the file, or take the ${first.optionalField} line out of the mapping file if your files do not have this column.`
      : 'Check the file, or the mapping file if your columns are named differently.'
    return {
      line,
      column: first.header,
      message: `The file has no '${first.header}' column (needed for ${first.purpose}). ${advice}`,
    }
  }
  const list = missing.map((wanted) => `'${wanted.header}' (for ${wanted.purpose})`).join(', ')
  return {
    line,
    column: first?.header,
    message: `The file is missing ${missing.length} columns: ${list}. Check the file, or the mapping file if your columns are named differently.`,
  }
}
