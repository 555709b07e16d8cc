// The trend chart's vertical axis: from 0 to the smallest of a few round tops that holds every figure, so
// that a team at 4–12% sees its lines move rather than lying flat along the bottom of a 0–100% axis.

const WHOLE = { top: 100, step: 25 }
const TOPS = [{ top: 10, step: 2 }, { top: 25, step: 5 }, { top: 50, step: 10 }, WHOLE]

export function percentAxis(values: readonly (number | null)[]): { top: number; ticks: number[] } {
  const highest = Math.max(0, ...values.filter((value): value is number => value !== null))
  const { top, step } = TOPS.find((candidate) => highest <= candidate.top) ?? WHOLE
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, index) => index * step) }
}
