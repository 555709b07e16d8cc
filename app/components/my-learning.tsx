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
            ({item.minutes} minutes) · {item.reason}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function LearningLists({ data }: { data: Data }) {
  return (
    <>
      <h2 id="what-next">What to do next</h2>
      {data.next.length === 0 ? (
        <p>You have passed every module for your role. Well done.</p>
      ) : (
        <Recommendations items={data.next} />
      )}

      {data.inProgress.length > 0 ? (
        <>
          <h2>Carry on where you stopped</h2>
          <ul className="nhsuk-list">
            {data.inProgress.map((item) => (
              <li key={item.slug}>
                <Link to={`/modules/${item.slug}`}>{item.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {data.expiring.length > 0 ? (
        <>
          <h2>Evidence that expires soon</h2>
          <ul className="nhsuk-list">
            {data.expiring.map((item) => (
              <li key={`${item.competencyId}-${item.moduleSlug}`}>
                {item.competencyId} from <Link to={`/modules/${item.moduleSlug}`}>{item.title}</Link> expires on{' '}
                {formatDate(item.expiresAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Completed</h2>
      {data.completed.length === 0 ? (
        <p>Modules you pass will be listed here with the date, your score and the version you completed.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {data.completed.map((item) => (
            <li key={`${item.slug}-${String(item.completedAt)}`}>
              <Link to={`/modules/${item.slug}`}>{item.title}</Link>: passed on {formatDate(item.completedAt)}
              {item.percent === null ? '' : ` with ${item.percent}%`}
              {item.version ? <span className="app-module-meta"> (version {item.version.slice(0, 7)})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
