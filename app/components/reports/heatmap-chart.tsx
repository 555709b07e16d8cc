import { useId } from 'react'
import { ScrollArea } from '#app/components/scroll-area.tsx'
import type { HeatmapChartData } from '#app/lib/reports/report-view.ts'
import { DomainKey, type DomainNames, HeatmapLegend } from './chart-legend.tsx'
import { DARK_TEXT, scaleColour, SUPPRESSED_FILL, SUPPRESSED_HATCH, textColourOn } from './colour-scale.ts'

// A heatmap drawn on the server as SVG: rows (units or people) × the six domains, each cell filled on a
// light-to-dark blue scale with its figure printed in it. It scales with its viewBox to any width and
// prints as it shows. The table after it holds the same figures for screen readers and for copying.

// About 660 units wide (780 for people), and never drawn narrower than that (ScrollArea): its text stays at
// 14px on any screen, and on a phone the chart scrolls sideways in its own area rather than shrinking. Names
// are never cut short: a long one wraps over as many lines as it needs, and its row grows to fit. Columns are
// headed by the domains' short names (the framework keeps each word to 11 characters, two lines at most).
const LABEL_WIDTH = 168
/** A unit's cells hold a percentage; a person's hold a level's name ("Independent", 11 characters at most). */
const CELL_WIDTHS: Record<HeatmapChartData['kind'], number> = { units: 80, people: 100 }
const MIN_ROW_HEIGHT = 34
const LINE_HEIGHT = 17
const GAP = 2
const HEADER_LINES = 2
const HEADER_HEIGHT = HEADER_LINES * LINE_HEIGHT + 14
const LINE_CHARACTERS = 20
const HEADER_LINE_CHARACTERS = 11

/** A name split at spaces into lines of about LINE_CHARACTERS (a longer word has a line of its own). */
export function wrapLabel(text: string, lineCharacters = LINE_CHARACTERS): string[] {
  const lines: string[] = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1)
    if (last !== undefined && `${last} ${word}`.length <= lineCharacters) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines.length > 0 ? lines : ['']
}

/** An id safe inside url(#…): React's useId contains colons. */
export const useSvgId = (prefix: string) => `${prefix}-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`

export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" fill={SUPPRESSED_FILL} />
      <line x1="0" y1="0" x2="0" y2="8" stroke={SUPPRESSED_HATCH} strokeWidth="3" />
    </pattern>
  )
}

export function HeatmapChart({ data }: { data: HeatmapChartData }) {
  const titleId = useSvgId('heatmap-title')
  const hatchId = useSvgId('heatmap-hatch')
  const cellWidth = CELL_WIDTHS[data.kind]
  const width = LABEL_WIDTH + data.columns.length * (cellWidth + GAP)
  const rows = data.rows.reduce<{ row: (typeof data.rows)[number]; lines: string[]; y: number; height: number }[]>(
    (laid, row) => {
      const lines = wrapLabel(row.label)
      const previous = laid.at(-1)
      const y = previous ? previous.y + previous.height + GAP : HEADER_HEIGHT
      return [...laid, { row, lines, y, height: Math.max(MIN_ROW_HEIGHT, lines.length * LINE_HEIGHT + 8) }]
    },
    [],
  )
  const last = rows.at(-1)
  const height = last ? last.y + last.height : HEADER_HEIGHT
  return (
    <ScrollArea minWidth={width} label="Heatmap">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{data.title}</title>
        <defs>
          <HatchPattern id={hatchId} />
        </defs>
        {data.columns.map((column, index) => {
          const lines = wrapLabel(column.shortName, HEADER_LINE_CHARACTERS)
          const x = LABEL_WIDTH + index * (cellWidth + GAP) + cellWidth / 2
          const firstLine = HEADER_HEIGHT - 10 - (lines.length - 1) * LINE_HEIGHT
          return (
            <text key={column.id} x={x} textAnchor="middle" fontSize="14" fontWeight="600" fill={DARK_TEXT}>
              <title>{column.name}</title>
              {lines.map((line, lineIndex) => (
                <tspan key={lineIndex} x={x} y={firstLine + lineIndex * LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
          )
        })}
        {rows.map(({ row, lines, y, height: rowHeight }) => {
          const firstLine = y + rowHeight / 2 - ((lines.length - 1) * LINE_HEIGHT) / 2
          return (
            <g key={row.key}>
              <text
                x={LABEL_WIDTH - 6}
                y={firstLine}
                dominantBaseline="central"
                textAnchor="end"
                fontSize="14"
                fill={DARK_TEXT}
              >
                {lines.map((line, index) => (
                  <tspan key={index} x={LABEL_WIDTH - 6} y={firstLine + index * LINE_HEIGHT}>
                    {line}
                  </tspan>
                ))}
              </text>
              {row.cells.map((cell, index) => {
                const x = LABEL_WIDTH + index * (cellWidth + GAP)
                const fill =
                  cell.state === 'suppressed'
                    ? `url(#${hatchId})`
                    : cell.value === null
                      ? '#ffffff'
                      : scaleColour(cell.value)
                const textFill = cell.value === null ? DARK_TEXT : textColourOn(fill)
                return (
                  <g key={data.columns[index]?.id ?? index}>
                    {cell.description ? <title>{cell.description}</title> : null}
                    <rect
                      x={x}
                      y={y}
                      width={cellWidth}
                      height={rowHeight}
                      fill={fill}
                      stroke={cell.state === 'figure' ? 'none' : '#aeb7bd'}
                    />
                    <text
                      x={x + cellWidth / 2}
                      y={y + rowHeight / 2}
                      dominantBaseline="central"
                      textAnchor="middle"
                      fontSize="14"
                      fontWeight="700"
                      fill={textFill}
                    >
                      {cell.text}
                    </text>
                  </g>
                )
              })}
            </g>
          )
        })}
      </svg>
    </ScrollArea>
  )
}

/** The heatmap across the page, with its legend and the domains' key under it. */
export function HeatmapFigure({ data, domains }: { data: HeatmapChartData; domains: DomainNames[] }) {
  return (
    <>
      <HeatmapChart data={data} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <HeatmapLegend kind={data.kind} />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <DomainKey domains={domains} />
        </div>
      </div>
    </>
  )
}
