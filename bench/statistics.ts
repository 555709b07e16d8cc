// Summary statistics for the benchmarks' timings.

/** The q-quantile (0–1) by linear interpolation; quantile(values, 0.5) is the median. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const position = (sorted.length - 1) * q
  const below = sorted[Math.floor(position)] as number
  const above = sorted[Math.ceil(position)] as number
  return below + (above - below) * (position - Math.floor(position))
}

export const median = (values: number[]) => quantile(values, 0.5)
