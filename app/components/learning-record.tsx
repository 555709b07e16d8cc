import type { SerializeFrom } from '@remix-run/node'
import { useSyncExternalStore, type ReactNode } from 'react'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { LearningRecord } from '#app/lib/learning/learning-record.server.ts'
import { DomainReadinessTable, levelWithNumber } from './domain-readiness-table.tsx'
import { Cell } from './responsive-table.tsx'

// A person's record of learning as a document: neutral wording ("the learner"), so that it reads the
// same printed and filed, and so a manager's view of someone's record can show it unchanged.

type Data = SerializeFrom<LearningRecord>

export function LearningRecordView({ record }: { record: Data }) {
  const { person } = record
  return (
    <>
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Name">{person.name}</SummaryRow>
        <SummaryRow label="Team">{person.teamName ?? 'Not recorded'}</SummaryRow>
        <SummaryRow label="Role profile">
          {person.roleProfile ?? `Not recorded (targets shown are those for ${person.targetsFrom})`}
        </SummaryRow>
        <SummaryRow label="Produced on">{formatDate(record.producedAt)}</SummaryRow>
      </dl>

      <section aria-labelledby="record-readiness">
        <h2 id="record-readiness">Readiness by domain</h2>
        <p>
          A domain&apos;s level is the lowest level evidenced across its competencies. The learner is ready in a domain
          when that level meets the target for their role.
        </p>
        <DomainReadinessTable rows={record.readiness} voice="record" />
      </section>

      <section aria-labelledby="record-evidence">
        <h2 id="record-evidence">Evidence held</h2>
        {record.evidence.length === 0 ? (
          <p>No evidence held yet. Evidence comes from passing a module&apos;s knowledge check.</p>
        ) : (
          <>
            <p>
              Each competency shown by a passed module, at the level the module evidences. Expired evidence is listed
              for the record but no longer counts towards readiness.
            </p>
            <table className="nhsuk-table-responsive">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Competency evidence</caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col">Level</th>
                  <th scope="col">Evidenced by</th>
                  <th scope="col">Achieved</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {record.evidence.map((item) => (
                  <tr
                    className="nhsuk-table__row"
                    key={`${item.competencyId}-${item.moduleSlug}-${String(item.achievedAt)}`}
                  >
                    <Cell heading="Competency">
                      <span>
                        <strong>{item.competencyId}</strong> {item.competencyName}
                      </span>
                    </Cell>
                    <Cell heading="Level">{levelWithNumber(item.levelName, item.level)}</Cell>
                    <Cell heading="Evidenced by">{item.moduleTitle}</Cell>
                    <Cell heading="Achieved">{formatDate(item.achievedAt)}</Cell>
                    <Cell heading="Expires">
                      {item.expiresAt === null ? (
                        'Does not expire'
                      ) : item.expired ? (
                        <span>
                          <strong className="nhsuk-tag nhsuk-tag--grey">Expired</strong> on {formatDate(item.expiresAt)}
                        </span>
                      ) : (
                        formatDate(item.expiresAt)
                      )}
                    </Cell>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="record-completed">
        <h2 id="record-completed">Modules completed</h2>
        {record.completed.length === 0 ? (
          <p>No modules completed yet.</p>
        ) : (
          <table className="nhsuk-table-responsive">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Modules completed, with date, score and content version
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Module</th>
                <th scope="col">Completed on</th>
                <th scope="col">Score</th>
                <th scope="col">Content version</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {record.completed.map((item) => (
                <tr className="nhsuk-table__row" key={`${item.slug}-${String(item.completedAt)}`}>
                  <Cell heading="Module">{item.title}</Cell>
                  <Cell heading="Completed on">{formatDate(item.completedAt)}</Cell>
                  <Cell heading="Score">{item.percent === null ? 'Not recorded' : `${item.percent}%`}</Cell>
                  <Cell heading="Version">
                    {item.version ? <code title={item.version}>{item.version.slice(0, 7)}</code> : 'Not recorded'}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="record-self-ratings">
        <h2 id="record-self-ratings">Self-assessment: the learner&apos;s own view, not evidence</h2>
        <p>
          How the learner rated themselves. These ratings are their own view: they are not evidence and do not count
          towards readiness. They are shown beside what the evidence shows for comparison.
        </p>
        {record.selfRatings.length === 0 ? (
          <p>No self-assessment recorded.</p>
        ) : (
          <table className="nhsuk-table-responsive">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Self-ratings (the learner&apos;s own view) beside the level evidenced, by competency
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Own view: where I am now</th>
                <th scope="col">Own view: where I need to be</th>
                <th scope="col">Evidence shows</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {record.selfRatings.map((item) => (
                <tr className="nhsuk-table__row" key={item.competencyId}>
                  <Cell heading="Competency">
                    <span>
                      <strong>{item.competencyId}</strong> {item.competencyName}
                    </span>
                  </Cell>
                  <Cell heading="Own view, now">{levelWithNumber(item.currentName, item.current)}</Cell>
                  <Cell heading="Own view, need">
                    {item.target === null || item.targetName === null
                      ? 'Not given'
                      : levelWithNumber(item.targetName, item.target)}
                  </Cell>
                  <Cell heading="Evidence shows">{levelWithNumber(item.evidencedName, item.evidencedLevel)}</Cell>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  )
}

const noSubscription = () => () => {}

/**
 * Opens the browser's print dialogue. Rendered only once JavaScript runs: without it the button could do
 * nothing, and the page prints from the browser's own menu just the same.
 */
export function PrintButton({ children }: { children: ReactNode }) {
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  if (!scripted) return null
  return (
    <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => window.print()}>
      {children}
    </button>
  )
}
