import type { ReactNode } from 'react'
import type { Domain } from '#app/lib/content/framework.schema.ts'
import type { HeatmapChartData, TrendChartData } from '#app/lib/reports/report-view.ts'
import { SCALE, SUPPRESSED_FILL, SUPPRESSED_HATCH } from './colour-scale.ts'
import { Marker, seriesStyle } from './trend-chart.tsx'

// Legends in HTML beside the charts: each key drawn as a small SVG (so it prints, unlike CSS backgrounds)
// and explained in words.

export function ChartLegend({
  heading,
  items,
}: {
  heading: string
  items: { key: string; swatch: ReactNode; label: ReactNode }[]
}) {
  return (
    <div className="nhsuk-u-margin-bottom-4">
      <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{heading}</h3>
      <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
        {items.map((item) => (
          <li key={item.key} className="nhsuk-u-margin-bottom-1">
            {item.swatch} {item.label}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Swatch({ fill, hatched = false, border = false }: { fill: string; hatched?: boolean; border?: boolean }) {
  return (
    <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false">
      {hatched ? (
        <>
          <rect width="28" height="18" fill={SUPPRESSED_FILL} stroke="#aeb7bd" />
          {[0, 7, 14, 21, 28].map((x) => (
            <line key={x} x1={x - 9} y1="18" x2={x + 9} y2="0" stroke={SUPPRESSED_HATCH} strokeWidth="3" />
          ))}
        </>
      ) : (
        <rect x="0.5" y="0.5" width="27" height="17" fill={fill} stroke={border ? '#aeb7bd' : fill} />
      )}
    </svg>
  )
}

const RANGES = ['0 to 19%', '20 to 39%', '40 to 59%', '60 to 79%', '80 to 100%']

export function HeatmapLegend({ kind }: { kind: HeatmapChartData['kind'] }) {
  if (kind === 'people') {
    return (
      <ChartLegend
        heading="Key: level against target"
        items={[
          { key: 'ready', swatch: <Swatch fill={SCALE[4]} />, label: 'Meets the target for their role' },
          { key: 'most', swatch: <Swatch fill={SCALE[3]} />, label: 'At least 60% of the way' },
          { key: 'half', swatch: <Swatch fill={SCALE[2]} />, label: '40 to 59% of the way' },
          { key: 'some', swatch: <Swatch fill={SCALE[1]} />, label: '20 to 39% of the way' },
          { key: 'none', swatch: <Swatch fill={SCALE[0]} border />, label: 'Not yet evidenced' },
          {
            key: 'text',
            swatch: null,
            label: 'Each cell names the level evidenced; the table after the chart gives each person’s target.',
          },
        ]}
      />
    )
  }
  return (
    <ChartLegend
      heading="Key: people meeting their role target"
      items={[
        ...SCALE.map((fill, index) => ({
          key: fill,
          swatch: <Swatch fill={fill} border={index === 0} />,
          label: RANGES[index],
        })),
        {
          key: 'suppressed',
          swatch: <Swatch fill={SUPPRESSED_FILL} hatched />,
          label: '<5: fewer than 5 people, not shown',
        },
        { key: 'empty', swatch: <Swatch fill="#ffffff" border />, label: '–: no people' },
      ]}
    />
  )
}

export function TrendLegend({ series }: { series: TrendChartData['series'] }) {
  return (
    <ChartLegend
      heading="Key: domains"
      items={series.map((item, index) => {
        const style = seriesStyle(index)
        return {
          key: item.id,
          swatch: (
            <svg width="40" height="18" viewBox="0 0 40 18" aria-hidden="true" focusable="false">
              <line x1="1" x2="39" y1="9" y2="9" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash} />
              <Marker shape={style.marker} x={20} y={9} colour={style.colour} size={4} />
            </svg>
          ),
          label: item.name,
        }
      })}
    />
  )
}

export type DomainNames = Pick<Domain, 'id' | 'name' | 'shortName'>

/** The domains' full names beside the short names that head the heatmap's columns. */
export function DomainKey({ domains }: { domains: DomainNames[] }) {
  return (
    <dl className="nhsuk-u-margin-bottom-4">
      {domains.map((domain) => (
        <div key={domain.id}>
          <dt className="nhsuk-u-font-weight-bold">{domain.shortName}</dt>
          <dd className="nhsuk-u-margin-left-0 nhsuk-u-margin-bottom-1">{domain.name}</dd>
        </div>
      ))}
    </dl>
  )
}
