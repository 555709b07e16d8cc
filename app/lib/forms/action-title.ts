// What a form's answer does to the page's title. A post answers with the same route, so its `meta` (which
// sees only loader data) would keep the question's title. NHS.UK pages start the title with "Error: "
// while a form shows errors, and a page that answers a post (a result, a check step) has its own title.
// An action says so in its data: `errors` with any entry, or `pageTitle`. The server writes the title into
// the document (so it holds without JavaScript); the browser keeps it through in-app navigation.

export const ERROR_TITLE_PREFIX = 'Error: '

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The title after a post: the action's own `pageTitle`, or the route's title marked as an error, or as it was. */
export function titleAfterAction(actionData: unknown, routeTitle: string): string {
  if (!isRecord(actionData)) return routeTitle
  if (typeof actionData.pageTitle === 'string' && actionData.pageTitle) return actionData.pageTitle
  const { errors } = actionData
  const hasErrors = isRecord(errors) && Object.values(errors).some(Boolean)
  if (hasErrors && !routeTitle.startsWith(ERROR_TITLE_PREFIX)) return `${ERROR_TITLE_PREFIX}${routeTitle}`
  return routeTitle
}
