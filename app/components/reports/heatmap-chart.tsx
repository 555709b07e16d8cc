import { useId } from 'react'
import type { HeatmapChartData } from '#app/lib/reports/report-view.ts'
import { DomainKey, HeatmapLegend } from './chart-legend.tsx'
import { DARK_TEXT, scaleColour, SUPPRESSED_FILL, SUPPRESSED_HATCH, textColourOn } from './colour-scale.ts'

// A heatmap drawn on the server as SVG: rows (units or people) × the six domains, each cell filled on a
// light-to-dark blue scale with its figure printed in it. It scales with its viewBox to any width and
// prints as it shows. The table after it holds the same figures for screen readers and for copying.

// Sized so that the whole chart is about 480 units wide: near its natural size beside the legend on a
// desktop, and still legible when it shrinks to a 320px phone.
const LABEL_WIDTH = 144
const CELL_WIDTH = 54
const CELL_HEIGHT = 34
const GAP = 2
const HEADER_HEIGHT = 30
const MAX_LABEL = 17

const shorten = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text)

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
  const width = LABEL_WIDTH + data.columns.length * (CELL_WIDTH + GAP)
  const height = HEADER_HEIGHT + data.rows.length * (CELL_HEIGHT + GAP)
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={titleId}>
      <title id={titleId}>{data.title}</title>
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      {data.columns.map((column, index) => (
        <text
          key={column.id}
          x={LABEL_WIDTH + index * (CELL_WIDTH + GAP) + CELL_WIDTH / 2}
          y={HEADER_HEIGHT - 10}
          textAnchor="middle"
          fontSize="14"
          fontWeight="600"
          fill={DARK_TEXT}
        >
          <title>{column.name}</title>
          {column.id}
        </text>
      ))}
      {data.rows.map((row, rowIndex) => {
        const y = HEADER_HEIGHT + rowIndex * (CELL_HEIGHT + GAP)
        return (
          <g key={row.key}>
            <text
              x={LABEL_WIDTH - 6}
              y={y + CELL_HEIGHT / 2}
              dominantBaseline="central"
              textAnchor="end"
              fontSize="13"
              fill={DARK_TEXT}
            >
              {row.label.length > MAX_LABEL ? <title>{row.label}</title> : null}
              {shorten(row.label)}
            </text>
            {row.cells.map((cell, index) => {
              const x = LABEL_WIDTH + index * (CELL_WIDTH + GAP)
              const fill =
                cell.state === 'suppressed'
                  ? `url(#${hatchId})`
                  : cell.value === null
                    ? '#ffffff'
                    : scaleColour(cell.value)
              const textFill = cell.value === null ? DARK_TEXT : textColourOn(fill)
              return (
                <g key={data.columns[index]?.id ?? index}>
                  <rect
                    x={x}
                    y={y}
                    width={CELL_WIDTH}
                    height={CELL_HEIGHT}
                    fill={fill}
                    stroke={cell.state === 'figure' ? 'none' : '#aeb7bd'}
                  />
                  <text
                    x={x + CELL_WIDTH / 2}
                    y={y + CELL_HEIGHT / 2}
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
  )
}

/** The heatmap with its legend and the domains' key beside it (below it on a phone). */
export function HeatmapFigure({ data, domains }: { data: HeatmapChartData; domains: { id: string; name: string }[] }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <HeatmapChart data={data} />
      </div>
      <div className="nhsuk-grid-column-one-third">
        <HeatmapLegend kind={data.kind} />
        <DomainKey domains={domains} />
      </div>
    </div>
  )
}
