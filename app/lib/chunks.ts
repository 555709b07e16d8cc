/** Splits a list into runs of at most `size`: multi-row inserts stay under the databases' parameter limits. */
export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}
