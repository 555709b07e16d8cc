import type { SerializeFrom } from '@remix-run/node'
import { useSyncExternalStore, type ReactNode } from 'react'
import { formatDate } from '#app/lib/dates/dates.ts'
import type { LearningRecord } from '#app/lib/learning/learning-record.server.ts'
import { DomainReadinessTable } from './domain-readiness-table.tsx'
import { Cell, ResponsiveTable } from './responsive-table.tsx'
import { SummaryList, SummaryRow } from './summary-list.tsx'

// A person's record of learning as a document. On their own record a learner is spoken to ("you"); a
// manager reading someone else's reads about them ("the learner", "they").

type Data = SerializeFrom<LearningRecord>

const wording = {
  own: {
    readyRule: 'You are ready in a domain when that level meets the target for your role.',
    ratingsHeading: 'Self-assessment: your view, not evidence',
    ratingsIntro:
      'How you rated yourself. Your ratings are not evidence and do not count towards readiness. They are shown beside what your passed modules show, for comparison.',
    ratingsCaption: 'How you rated yourself beside what the evidence shows, by competency',
    now: 'You said: where you are now',
    need: 'You said: where you need to be',
    nowShort: 'You said, now',
    needShort: 'You said, need',
  },
  other: {
    readyRule: 'The learner is ready in a domain when that level meets the target for their role.',
    ratingsHeading: 'Self-assessment: how they rated themselves, not evidence',
    ratingsIntro:
      'How the learner rated themselves. These ratings are their own view: they are not evidence and do not count towards readiness. They are shown beside what the evidence shows for comparison.',
    ratingsCaption: 'How the learner rated themselves beside what the evidence shows, by competency',
    now: 'They said: where they are now',
    need: 'They said: where they need to be',
    nowShort: 'They said, now',
    needShort: 'They said, need',
  },
}

/** The version of a module someone passed, as a date: the content's "updated" date, or that it has changed since. */
function versionInWords(item: Data['completed'][number]): string {
  if (item.kind === 'course') return 'The publisher’s'
  if (item.versionUpdated) return `Updated ${formatDate(item.versionUpdated)}`
  return item.version ? 'An earlier version' : 'Not recorded'
}

export function LearningRecordView({ record, voice }: { record: Data; voice: keyof typeof wording }) {
  const { person } = record
  const words = wording[voice]
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
        <p>A domain&apos;s level is the lowest level evidenced across its competencies. {words.readyRule}</p>
        <DomainReadinessTable rows={record.readiness} voice={voice === 'own' ? 'learner' : 'record'} />
      </section>

      <section aria-labelledby="record-evidence">
        <h2 id="record-evidence">Evidence held</h2>
        {record.evidence.length === 0 ? (
          <p>
            No evidence held yet. Evidence comes from passing a module&apos;s knowledge check or completing a course.
          </p>
        ) : (
          <>
            <p>
              Each competency shown by a passed module or a completed course, at the level it shows. Expired evidence is
              listed for the record but no longer counts towards readiness.
            </p>
            <ResponsiveTable
              caption="Competency evidence"
              captionClassName="nhsuk-u-visually-hidden"
              columns={['Competency', 'Level', 'Shown by', 'Achieved', 'Expires']}
            >
              {record.evidence.map((item) => (
                <tr
                  className="nhsuk-table__row"
                  key={`${item.competencyId}-${item.moduleSlug}-${String(item.achievedAt)}`}
                >
                  <Cell heading="Competency">{item.competencyName}</Cell>
                  <Cell heading="Level">{item.levelName}</Cell>
                  <Cell heading="Shown by">{item.moduleTitle}</Cell>
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
        <h2 id="record-completed">Modules and courses completed</h2>
        {record.completed.length === 0 ? (
          <p>No modules or courses completed yet.</p>
        ) : (
          <ResponsiveTable
            caption="Modules and courses completed, with date, score and the version passed"
            captionClassName="nhsuk-u-visually-hidden"
            columns={['Module or course', 'Completed on', 'Score', 'Version passed']}
          >
            {record.completed.map((item) => (
              <tr className="nhsuk-table__row" key={`${item.slug}-${String(item.completedAt)}`}>
                <Cell heading="Module or course">{item.title}</Cell>
                <Cell heading="Completed on">{formatDate(item.completedAt)}</Cell>
                <Cell heading="Score">
                  {item.percent !== null
                    ? `${item.percent}%`
                    : item.kind === 'course'
                      ? 'No overall score'
                      : 'Not recorded'}
                </Cell>
                <Cell heading="Version passed">{versionInWords(item)}</Cell>
              </tr>
            ))}
          </ResponsiveTable>
        )}
      </section>

      <section aria-labelledby="record-self-ratings">
        <h2 id="record-self-ratings">{words.ratingsHeading}</h2>
        <p>{words.ratingsIntro}</p>
        {record.selfRatings.length === 0 ? (
          <p>No self-assessment recorded.</p>
        ) : (
          <ResponsiveTable
            caption={words.ratingsCaption}
            captionClassName="nhsuk-u-visually-hidden"
            columns={['Competency', words.now, words.need, 'Evidence shows']}
          >
            {record.selfRatings.map((item) => (
              <tr className="nhsuk-table__row" key={item.competencyId}>
                <Cell heading="Competency">{item.competencyName}</Cell>
                <Cell heading={words.nowShort}>{item.currentName}</Cell>
                <Cell heading={words.needShort}>
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
