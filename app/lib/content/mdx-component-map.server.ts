import path from 'node:path'
import type { getMDXComponent } from 'mdx-bundler/client/index.js'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createMdxComponents, SectionFilterContext } from '#app/components/module/mdx-components.tsx'

// The only file in app/lib that imports from app/components (domain-imports.test.ts allows this one and no
// other). Modules are rendered to HTML on the server (docs/decisions/004), and the tags authors write in MDX
// (<Section>, <Callout>…) must become the same NHS.UK markup the module pages are styled for. That map of tags
// to React components is presentational, so it belongs with the components; compiling is content's job, and
// this file is where the two meet.

type MdxContent = ReturnType<typeof getMDXComponent>

/** One section of a compiled module as static HTML; media paths point at the module's media route. */
export function renderSectionHtml({
  Content,
  slug,
  sectionIndex,
}: {
  Content: MdxContent
  slug: string
  sectionIndex: number
}): string {
  const components = createMdxComponents({
    mediaUrl: (src) => `/modules/${slug}/media/${encodeURIComponent(path.basename(src))}`,
  })
  return renderToStaticMarkup(
    createElement(
      SectionFilterContext.Provider,
      { value: { target: sectionIndex, counter: { next: 0 } } },
      createElement(Content, { components }),
    ),
  )
}
