import { describe, expect, test } from 'vitest'
import { labelUnits } from './unit-labels.ts'

describe('units labelled for choosing one by name', () => {
  test('a unique name stands alone; a repeated one gains its organisation, then its parent too', () => {
    expect(
      labelUnits([
        { id: '1', name: 'Medicine', organisationName: 'Bay Hospitals', parentName: 'Bay Hospitals' },
        { id: '2', name: 'Medicine', organisationName: 'Ribble Community', parentName: 'Ribble Community' },
        { id: '3', name: 'Surgery', organisationName: 'Bay Hospitals', parentName: 'Bay Hospitals' },
        { id: '4', name: 'Admin', organisationName: 'Bay Hospitals', parentName: 'Medicine' },
        { id: '5', name: 'Admin', organisationName: 'Bay Hospitals', parentName: 'Surgery' },
        { id: '6', name: 'Bay Hospitals', organisationName: 'Bay Hospitals', parentName: 'ICB' },
      ]),
    ).toEqual([
      { id: '4', label: 'Admin (Medicine, Bay Hospitals)' },
      { id: '5', label: 'Admin (Surgery, Bay Hospitals)' },
      { id: '6', label: 'Bay Hospitals' },
      { id: '1', label: 'Medicine (Bay Hospitals)' },
      { id: '2', label: 'Medicine (Ribble Community)' },
      { id: '3', label: 'Surgery' },
    ])
  })
})
