import { Cell, ResponsiveTable } from './responsive-table.tsx'

// Readiness per domain against the role's target: on a learner's home ("your") and in a record of
// learning, which reads the same printed or opened by a manager ("the learner").

export interface DomainReadinessRow {
  domainId: string
  name: string
  level: number
  levelName: string
  target: number
  targetName: string
  ready: boolean
  /** Levels still to go (0 when ready). */
  gap: number
}

const wording = {
  learner: { caption: 'Your readiness for your role, by domain', level: 'Your level', target: 'Target for your role' },
  record: {
    caption: 'Level evidenced and role target by domain',
    level: 'Level evidenced',
    target: 'Target for the role',
  },
}

export function DomainReadinessTable({ rows, voice }: { rows: DomainReadinessRow[]; voice: keyof typeof wording }) {
  const words = wording[voice]
  return (
    <ResponsiveTable
      caption={words.caption}
      // The heading above the table already says what it is.
      captionClassName="nhsuk-u-visually-hidden"
      columns={['Domain', words.level, words.target, 'Status']}
    >
      {rows.map((domain) => (
        <tr className="nhsuk-table__row" key={domain.domainId}>
          <Cell heading="Domain">{domain.name}</Cell>
          <Cell heading={words.level}>{domain.levelName}</Cell>
          <Cell heading="Target">{domain.targetName}</Cell>
          <Cell heading="Status">
            {domain.ready ? (
              <strong className="nhsuk-tag nhsuk-tag--green">Ready</strong>
            ) : (
              <span>
                <strong className="nhsuk-tag nhsuk-tag--orange">Not yet ready</strong> ({domain.gap}{' '}
                {domain.gap === 1 ? 'level' : 'levels'} to go)
              </span>
            )}
          </Cell>
        </tr>
      ))}
    </ResponsiveTable>
  )
}
