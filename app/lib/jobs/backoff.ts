const FIRST_RETRY_MS = 30_000
const LONGEST_WAIT_MS = 60 * 60_000

/**
 * How long to wait before the next try after `attempt` failed: 30 s, 1 min, 2 min … up to an hour, with up to
 * a fifth added at random so that jobs that failed together (a mail server restarting) don't return together.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_WAIT_MS)
  return Math.round(base * (1 + random() * 0.2))
}
