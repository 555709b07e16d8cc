import { ScrollArea } from '#app/components/scroll-area.tsx'
import type { TrendChartData } from '#app/lib/reports/report-view.ts'
import { DARK_TEXT, type MarkerShape, SERIES_STYLES } from './colour-scale.ts'
import { useSvgId } from './heatmap-chart.tsx'
import { percentAxis } from './trend-axis.ts'

// A line chart drawn on the server as SVG: % of people meeting their role target per domain, week by week.
// Each domain's line has its own colour, dash pattern and marker shape, so the lines can be told apart
// without colour and in black-and-white print. The table after it holds the same figures.

const WIDTH = 480
const HEIGHT = 300
const PLOT = { left: 62, right: 26, top: 14, bottom: 60 }

export const seriesStyle = (index: number) => SERIES_STYLES[index % SERIES_STYLES.length] ?? SERIES_STYLES[0]

/** A marker centred on (x, y). */
export function Marker({
  shape,
  x,
  y,
  colour,
  size = 5,
}: {
  shape: MarkerShape
  x: number
  y: number
  colour: string
  size?: number
}) {
  const s = size
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} fill={colour} />
    case 'square':
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={colour} />
    case 'triangle':
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} fill={colour} />
    case 'triangle-down':
      return (
        <polygon
          points={`${x},${y + s + 1} ${x + s + 1},${y - s} ${x - s - 1},${y - s}`}
          fill="#ffffff"
          stroke={colour}
          strokeWidth="2"
        />
      )
    case 'diamond':
      return (
        <polygon
          points={`${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}`}
          fill="#ffffff"
          stroke={colour}
          strokeWidth="2"
        />
      )
    case 'cross':
      return (
        <path
          d={`M${x - s},${y - s}L${x + s},${y + s}M${x - s},${y + s}L${x + s},${y - s}`}
          stroke={colour}
          strokeWidth="2.5"
        />
      )
  }
}

/** Runs of consecutive points that have a figure: a missing week breaks the line. */
function segments(points: ({ x: number; y: number } | null)[]) {
  const runs: { x: number; y: number }[][] = []
  let run: { x: number; y: number }[] = []
  for (const point of points) {
    if (point) run.push(point)
    else if (run.length > 0) {
      runs.push(run)
      run = []
    }
  }
  if (run.length > 0) runs.push(run)
  return runs
}

export function TrendChart({ data }: { data: TrendChartData }) {
  const titleId = useSvgId('trend-title')
  const plotWidth = WIDTH - PLOT.left - PLOT.right
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom
  const step = data.weeks.length > 1 ? plotWidth / (data.weeks.length - 1) : 0
  const xOf = (index: number) => PLOT.left + index * step
  const axis = percentAxis(data.series.flatMap((series) => series.values))
  const yOf = (percent: number) => PLOT.top + plotHeight - (percent / axis.top) * plotHeight
  // Every other week is labelled (ending with this week) so the labels stay legible when the chart is narrow.
  const labelled = (index: number) => (data.weeks.length - 1 - index) % 2 === 0
  return (
    <ScrollArea label="Trend chart" minWidth={WIDTH}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{data.title}</title>
        {axis.ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={PLOT.left}
              x2={WIDTH - PLOT.right}
              y1={yOf(tick)}
              y2={yOf(tick)}
              stroke={tick === 0 ? DARK_TEXT : '#d8dde0'}
              strokeWidth="1"
            />
            <text
              x={PLOT.left - 6}
              y={yOf(tick)}
              textAnchor="end"
              dominantBaseline="central"
              fontSize="14"
              fill={DARK_TEXT}
            >
              {tick}%
            </text>
          </g>
        ))}
        {data.weeks.map((week, index) =>
          labelled(index) ? (
            <g key={`${week}-${index}`}>
              <line x1={xOf(index)} x2={xOf(index)} y1={yOf(0)} y2={yOf(0) + 5} stroke={DARK_TEXT} />
              <text x={xOf(index)} y={yOf(0) + 22} textAnchor="middle" fontSize="14" fill={DARK_TEXT}>
                {week}
              </text>
            </g>
          ) : null,
        )}
        <text
          x={PLOT.left + plotWidth / 2}
          y={HEIGHT - 8}
          textAnchor="middle"
          fontSize="14"
          fontWeight="600"
          fill={DARK_TEXT}
        >
          Week ending
        </text>
        <text
          x={16}
          y={PLOT.top + plotHeight / 2}
          textAnchor="middle"
          fontSize="14"
          fontWeight="600"
          fill={DARK_TEXT}
          transform={`rotate(-90 16 ${PLOT.top + plotHeight / 2})`}
        >
          % meeting target
        </text>
        {data.series.map((series, seriesIndex) => {
          const style = seriesStyle(seriesIndex)
          const points = series.values.map((value, index) => (value === null ? null : { x: xOf(index), y: yOf(value) }))
          return (
            <g key={series.id}>
              {segments(points).map((run) => (
                <polyline
                  key={`${run[0]?.x}`}
                  points={run.map((p) => `${p.x},${p.y}`).join(' ')}
                  fill="none"
                  stroke={style.colour}
                  strokeWidth="2.5"
                  strokeDasharray={style.dash}
                  strokeLinejoin="round"
                />
              ))}
              {points.map((point, index) =>
                point ? (
                  <Marker key={index} shape={style.marker} x={point.x} y={point.y} colour={style.colour} />
                ) : null,
              )}
            </g>
          )
        })}
      </svg>
    </ScrollArea>
  )
}
