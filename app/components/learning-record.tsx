import type { SerializeFrom } from '@remix-run/node'
import { useSyncExternalStore, type ReactNode } from 'react'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { LearningRecord } from '#app/lib/learning/learning-record.server.ts'
import { DomainReadinessTable } from './domain-readiness-table.tsx'
import { Cell, ResponsiveTable } from './responsive-table.tsx'
import { SummaryList, SummaryRow } from './summary-list.tsx'

// A person's record of learning as a document: neutral wording ("the learner"), so that it reads the
// same printed and filed, and so a manager's view of someone's record can show it unchanged.

type Data = SerializeFrom<LearningRecord>

export function LearningRecordView({ record }: { record: Data }) {
  const { person } = record
  return (
    <>
      <SummaryList>
        <SummaryRow label="Name">{person.name}</SummaryRow>
        <SummaryRow label="Team">{person.teamName ?? 'Not recorded'}</SummaryRow>
        <SummaryRow label="Role profile">
          {person.roleProfile ?? `Not recorded (targets shown are those for ${person.targetsFrom})`}
        </SummaryRow>
        <SummaryRow label="Produced on">{formatDate(record.producedAt)}</SummaryRow>
      </SummaryList>

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
            <ResponsiveTable
              caption="Competency evidence"
              captionClassName="nhsuk-u-visually-hidden"
              columns={['Competency', 'Level', 'Evidenced by', 'Achieved', 'Expires']}
            >
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
                  <Cell heading="Level">{item.levelName}</Cell>
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
            </ResponsiveTable>
          </>
        )}
      </section>

      <section aria-labelledby="record-completed">
        <h2 id="record-completed">Modules completed</h2>
        {record.completed.length === 0 ? (
          <p>No modules completed yet.</p>
        ) : (
          <ResponsiveTable
            caption="Modules completed, with date, score and content version"
            captionClassName="nhsuk-u-visually-hidden"
            columns={['Module', 'Completed on', 'Score', 'Content version']}
          >
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
          </ResponsiveTable>
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
          <ResponsiveTable
            caption="Self-ratings (the learner's own view) beside the level evidenced, by competency"
            captionClassName="nhsuk-u-visually-hidden"
            columns={['Competency', 'Own view: where I am now', 'Own view: where I need to be', 'Evidence shows']}
          >
            {record.selfRatings.map((item) => (
              <tr className="nhsuk-table__row" key={item.competencyId}>
                <Cell heading="Competency">
                  <span>
                    <strong>{item.competencyId}</strong> {item.competencyName}
                  </span>
                </Cell>
                <Cell heading="Own view, now">{item.currentName}</Cell>
                <Cell heading="Own view, need">
                  {item.target === null || item.targetName === null ? 'Not given' : item.targetName}
                </Cell>
                <Cell heading="Evidence shows">{item.evidencedName}</Cell>
              </tr>
            ))}
          </ResponsiveTable>
        )}
      </section>
    </>
  )
}

const noSubscription = () => () => {}

/**
 * Opens the browser's print dialogue once JavaScript runs. Without it a button could do nothing, so the
 * page says how to print from the browser's own menu instead.
 */
export function PrintButton({ children }: { children: ReactNode }) {
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  if (!scripted) {
    return (
      <p className="app-print-instructions">
        To print this record, choose Print from your browser&apos;s menu (on a computer, press Ctrl and P together; on a
        phone, use Share and then Print).
      </p>
    )
  }
  return (
    <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => window.print()}>
      {children}
    </button>
  )
}
