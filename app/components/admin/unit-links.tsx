import { Link } from '@remix-run/react'

export interface UnitLinkItem {
  id: string
  name: string
  kindLabel: string
  people: number
  closed: boolean
  /** Where it is, nearest first ("Medicine, Bay Hospitals NHS Trust"), in search results. */
  within?: string[]
}

const peopleText = (people: number) => `${people} ${people === 1 ? 'person' : 'people'}`

/** Units to administer, each linking to its page, closed ones marked. */
export function UnitLinks({ units }: { units: UnitLinkItem[] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {units.map((unit) => (
        <li key={unit.id}>
          <Link to={`/admin/units/${unit.id}`}>{unit.name}</Link>{' '}
          {unit.closed ? <strong className="nhsuk-tag nhsuk-tag--grey">Closed</strong> : null}
          <div className="nhsuk-hint nhsuk-u-margin-bottom-0">
            {unit.kindLabel}
            {unit.within && unit.within.length > 0 ? ` in ${unit.within.join(', ')}` : ''} · {peopleText(unit.people)}
          </div>
        </li>
      ))}
    </ul>
  )
}

/** Units to administer, each linking to its page; closed ones are folded away under "Show closed units". */
export function AdminUnitLinks({ units }: { units: UnitLinkItem[] }) {
  const open = units.filter((unit) => !unit.closed)
  const closed = units.filter((unit) => unit.closed)
  return (
    <>
      {open.length > 0 ? <UnitLinks units={open} /> : null}
      {closed.length > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Show closed units ({closed.length})</span>
          </summary>
          <div className="nhsuk-details__text">
            <UnitLinks units={closed} />
          </div>
        </details>
      ) : null}
    </>
  )
}
