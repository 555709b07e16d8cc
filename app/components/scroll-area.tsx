import type { ReactNode } from 'react'

/**
 * Something wide (a chart, a table) that scrolls sideways inside this area when the screen is narrower than
 * it, never the page. The area says what it holds and a keyboard can reach it to scroll it. `minWidth` keeps
 * a chart from shrinking until its text is too small to read.
 */
export function ScrollArea({ label, minWidth, children }: { label: string; minWidth?: number; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling area must be reachable by keyboard (WCAG 2.1.1)
    <div className="app-scroll-area" role="region" aria-label={label} tabIndex={0}>
      {minWidth ? <div style={{ minWidth }}>{children}</div> : children}
    </div>
  )
}
