import type { AppLoadContext } from '@remix-run/node'

// NHS.UK: while a form shows errors, its page title starts "Error: ". With JavaScript the error summary
// sets that (app/components/forms/error-summary.tsx). Without it, the browser posts the form as a page:
// the action and then the loaders run for that one request, and a route's `meta` sees only loader data.
// So the action notes on the request's load context that it answered with errors, the loader passes that
// on, and `meta` writes the title. Each request has a load context of its own (server/index.ts).

const answeredWithErrors = new WeakSet<AppLoadContext>()

/** Called by an action that answers with form errors. */
export function noteFormErrors(context: AppLoadContext) {
  answeredWithErrors.add(context)
}

/** For a loader: whether this request's action answered with form errors. */
export function formHadErrors(context: AppLoadContext): boolean {
  return answeredWithErrors.has(context)
}

/** A page title, starting "Error: " when the form on it has errors. */
export function titleWithErrors(title: string, hasErrors: boolean | undefined): string {
  return hasErrors ? `Error: ${title}` : title
}
