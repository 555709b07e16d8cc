import { describe, expect, test } from 'vitest'
import { csvField, csvResponse, parseCsv } from './csv.server.ts'

describe('CSV exports', () => {
  test('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('Ward 7')).toBe('Ward 7')
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField(-3)).toBe('-3')
    expect(csvField(null)).toBe('')
    expect(csvField(new Date('2026-11-26T12:00:00Z'))).toBe('2026-11-26T12:00:00.000Z')
  })

  test('streams the header and each row, and reads back to the same values', async () => {
    async function* rows() {
      yield ['Ward 7, Bay', 67]
      yield ['Line\nbreak', null]
    }
    const response = csvResponse({ filename: 'heatmap.csv', header: ['Team', 'SAFE %'], rows: rows() })
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="heatmap.csv"')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(text.startsWith('\uFEFFTeam,SAFE %\r\n')).toBe(true)
    expect(parseCsv(text)).toEqual([
      ['Team', 'SAFE %'],
      ['Ward 7, Bay', '67'],
      ['Line\nbreak', ''],
    ])
  })
})
