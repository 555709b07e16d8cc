import { createContext, useContext, type ReactNode } from 'react'

// The components module authors may use (content/README.md). Rendered on the server to static HTML,
// so they are presentational only.

interface SectionFilter {
  /** Which section to render; the others render nothing. */
  target: number
  counter: { next: number }
}
export const SectionFilterContext = createContext<SectionFilter | null>(null)

function Section({ children }: { title: string; children?: ReactNode }) {
  const filter = useContext(SectionFilterContext)
  if (!filter) return <>{children}</>
  // Sections render once, in order, during renderToStaticMarkup: counting them as they render is safe.
  // eslint-disable-next-line react-hooks/immutability
  const index = filter.counter.next++
  return index === filter.target ? <>{children}</> : null
}

function Callout({ type, children }: { type: 'tip' | 'warning' | 'ward'; children?: ReactNode }) {
  if (type === 'warning') {
    return (
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Important
        </h2>
        {children}
      </div>
    )
  }
  if (type === 'ward') {
    return (
      <div className="nhsuk-card nhsuk-card--feature app-callout-ward">
        <div className="nhsuk-card__content nhsuk-card__content--feature">
          <h2 className="nhsuk-card__heading nhsuk-card__heading--feature">On the ward</h2>
          {children}
        </div>
      </div>
    )
  }
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Tip: </span>
      <p className="nhsuk-body-s app-callout-tip__label">
        <strong>Tip</strong>
      </p>
      {children}
    </div>
  )
}

function Definition({ term, children }: { term: string; children?: ReactNode }) {
  return (
    <dl className="app-definition">
      <dt className="app-definition__term">{term}</dt>
      <dd className="app-definition__meaning">{children}</dd>
    </dl>
  )
}

function Steps({ children }: { children?: ReactNode }) {
  return <div className="app-steps">{children}</div>
}

function KnowledgeCheck() {
  return null
}

export function createMdxComponents({ mediaUrl }: { mediaUrl: (src: string) => string }) {
  function Figure({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
    return (
      <figure className="nhsuk-image">
        <img className="nhsuk-image__img" src={mediaUrl(src)} alt={alt} />
        {caption ? <figcaption className="nhsuk-image__caption">{caption}</figcaption> : null}
      </figure>
    )
  }
  return { Section, Callout, Figure, Definition, Steps, KnowledgeCheck }
}
