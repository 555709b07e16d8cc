import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { type ComponentType, createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { loadContext } from './requests.ts'

// Route render tests: the page as the server sends it (before any JavaScript runs), from the route's own
// loader and component in a static router.

export interface RenderedRoute {
  /** The route's path pattern, e.g. /reports/units/:unitId. */
  pattern: string
  loader: (args: LoaderFunctionArgs) => Promise<unknown>
  /** The route's action, for rendering the page a form post answers with (a POST request). */
  action?: (args: ActionFunctionArgs) => Promise<unknown>
  Component: ComponentType
}

export async function renderRoute(
  { pattern, loader, action, Component }: RenderedRoute,
  request: Request,
): Promise<string> {
  const handler = createStaticHandler([
    {
      id: 'page',
      path: pattern,
      loader: ({ request, params }) => loader({ request, params, context: loadContext }),
      ...(action ? { action: ({ request, params }) => action({ request, params, context: loadContext }) } : {}),
      Component,
    },
  ])
  const context = await handler.query(request)
  if (context instanceof Response) throw context
  return renderToStaticMarkup(
    createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context }),
  )
}

/**
 * Text as a reader sees it: no scripts, no tags, and none of the responsive tables' per-cell headings
 * (hidden from assistive technology: the column headings name the cells); entities decoded and white
 * space collapsed.
 */
export function readableText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<span class="nhsuk-table-responsive__heading"[^>]*>[^<]*<\/span>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}
