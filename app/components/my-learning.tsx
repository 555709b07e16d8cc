import { Link } from '@remix-run/react'
import type { SerializeFrom } from '@remix-run/node'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { MyLearning } from '#app/lib/learning/my-learning.server.ts'

type Data = SerializeFrom<MyLearning>

/** Recommended modules, each with why it is recommended. */
export function Recommendations({ items }: { items: Data['next'] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {items.map((item) => (
        <li key={item.slug}>
          <Link to={`/modules/${item.slug}`}>{item.title}</Link>{' '}
          <span className="app-module-meta">
            {item.minutes === null ? null : `(${item.minutes} minutes) · `}
            {item.reason}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** Modules started and not finished, most recent first. Nothing when there are none. */
export function CarryOn({ items }: { items: Data['inProgress'] }) {
  if (items.length === 0) return null
  return (
    <section aria-labelledby="carry-on">
      <h2 id="carry-on">Carry on where you stopped</h2>
      <ul className="nhsuk-list nhsuk-list--border">
        {items.map((item) => (
          <li key={item.slug}>
            <Link to={`/${item.courseProgress ? 'courses' : 'modules'}/${item.slug}`}>{item.title}</Link>
            <br />
            <span className="app-module-meta">{progressWords(item)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** "1 of 3 parts done · Last opened on 30 November 2026" for a course; a module has only its date. */
function progressWords({ updatedAt, courseProgress }: Data['inProgress'][number]): string {
  if (!courseProgress) return `Last opened on ${formatDate(updatedAt)}`
  const { partsDone, partsWaived, parts, lastOpenedAt } = courseProgress
  return [
    // The course's page says "Waived" for a waived part, so this does too.
    `${partsDone} of ${parts} ${parts === 1 ? 'part' : 'parts'} ${partsWaived > 0 ? 'done or waived' : 'done'}`,
    lastOpenedAt ? `Last opened on ${formatDate(lastOpenedAt)}` : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** Passes whose evidence lapses soon with nothing newer to cover it. Nothing when there are none. */
export function AboutToLapse({ items }: { items: Data['expiring'] }) {
  if (items.length === 0) return null
  return (
    <section aria-labelledby="about-to-lapse">
      <h2 id="about-to-lapse">Take these again soon</h2>
      <p>What these modules show about your skills runs out soon. Take them again to keep your level.</p>
      <ul className="nhsuk-list nhsuk-list--border">
        {items.map((item) => (
          <li key={item.moduleSlug}>
            <Link to={`/modules/${item.moduleSlug}`}>{item.title}</Link>
            <br />
            <span className="app-module-meta">Runs out on {formatDate(item.expiresAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function WhatNext({ items }: { items: Data['next'] }) {
  return (
    <section aria-labelledby="what-next">
      <h2 id="what-next">What to do next</h2>
      {items.length === 0 ? (
        <p>You have passed every module for your role. Well done.</p>
      ) : (
        <Recommendations items={items} />
      )}
    </section>
  )
}

/** Readiness in a few lines: how many areas are ready, each area's tag, and the way to the full record. */
export function ReadinessSummary({ rows }: { rows: Data['readiness'] }) {
  const ready = rows.filter((row) => row.ready).length
  return (
    <section aria-labelledby="readiness-summary">
      <h2 id="readiness-summary">Your readiness for your role</h2>
      <p>
        Ready in {ready} of {rows.length} areas.
      </p>
      <ul className="nhsuk-list app-readiness-summary" aria-label="Readiness by area">
        {rows.map((row) => (
          <li key={row.domainId}>
            {row.ready ? (
              <strong className="nhsuk-tag nhsuk-tag--green">Ready</strong>
            ) : (
              <strong className="nhsuk-tag nhsuk-tag--orange">Not yet ready</strong>
            )}{' '}
            {row.name}
            <br />
            <span className="app-module-meta">
              You: {row.levelName}. Your role needs: {row.targetName}.
            </span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/record">See your record of learning</Link> for the detail, or to print it or save it as a PDF.
      </p>
    </section>
  )
}
