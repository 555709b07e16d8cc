// A sequential, colour-blind-safe scale (ColorBrewer "Blues", five steps, light to dark): it reads by
// lightness alone, so it works for every kind of colour vision and in greyscale print. Every cell also
// prints its figure, so colour is never the only carrier of meaning.

export const SCALE = ['#eff3ff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const

export const DARK_TEXT = '#212b32'
export const LIGHT_TEXT = '#ffffff'

/** Suppressed cells: light grey with diagonal hatching. */
export const SUPPRESSED_FILL = '#f0f4f5'
export const SUPPRESSED_HATCH = '#aeb7bd'

/** Step 0 to 4 for a value from 0 to 1: 0–19%, 20–39%, 40–59%, 60–79%, 80–100%. */
export function scaleStep(value: number): number {
  return Math.max(0, Math.min(SCALE.length - 1, Math.floor(value * SCALE.length)))
}

export const scaleColour = (value: number) => SCALE[scaleStep(value)] as string

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** Dark or white text, whichever contrasts more with the fill. */
export const textColourOn = (fill: string) =>
  contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT

/** Lines of the trend chart: told apart by colour (Okabe–Ito, darkened for contrast on white), dashes and markers. */
export const SERIES_STYLES = [
  { colour: '#0072b2', dash: undefined, marker: 'circle' },
  { colour: '#d55e00', dash: '8 4', marker: 'square' },
  { colour: '#009e73', dash: '2 4', marker: 'triangle' },
  { colour: '#b4417f', dash: '12 4 3 4', marker: 'diamond' },
  { colour: '#7a5c00', dash: '5 3', marker: 'triangle-down' },
  { colour: '#000000', dash: '1 5', marker: 'cross' },
] as const

export type MarkerShape = (typeof SERIES_STYLES)[number]['marker']
