import { Link } from '@remix-run/react'

interface UnitSummary {
  id: string
  name: string
  people: number
}

export function UnitList({ units }: { units: UnitSummary[] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {units.map((unit) => (
        <li key={unit.id}>
          <Link to={`/units/${unit.id}`}>{unit.name}</Link>{' '}
          <span className="app-unit-list__count">
            ({unit.people} {unit.people === 1 ? 'person' : 'people'})
          </span>
        </li>
      ))}
    </ul>
  )
}
