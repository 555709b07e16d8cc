// A small progressive enhancement for forms on patchy Wi-Fi: with JavaScript, a post that cannot reach the
// server answers { offline: true } instead of replacing the page with an error, so the form keeps what was
// entered and can say so. Nothing is revalidated after it (that would fail the same way).

export interface OfflineResult {
  offline: true
}

export function isOfflineResult(value: unknown): value is OfflineResult {
  return typeof value === 'object' && value !== null && 'offline' in value && value.offline === true
}

/** Runs a route's server action from its clientAction; a network failure becomes an OfflineResult. */
export async function orOffline<T>(serverAction: () => Promise<T>): Promise<T | OfflineResult> {
  try {
    return await serverAction()
  } catch (error) {
    if (error instanceof TypeError || !navigator.onLine) return { offline: true }
    throw error
  }
}

/** For shouldRevalidate: after an offline result, keep the page's data as it is. */
export function revalidateUnlessOffline({
  actionResult,
  defaultShouldRevalidate,
}: {
  actionResult?: unknown
  defaultShouldRevalidate: boolean
}) {
  return isOfflineResult(actionResult) ? false : defaultShouldRevalidate
}
