import { describe, expect, test } from 'vitest'
import { overdueWork } from '#app/lib/assignments/assignments.server.ts'
import { peopleInUnit } from '#app/lib/org/units.server.ts'
import { unitHeadline } from '#app/lib/reports/readiness-report.server.ts'
import { createOrg, createTeam, createUser } from '#tests/factories.ts'
import { visibleUnit, visibleUnits } from './scope.server.ts'

// Report and people functions take a VisibleUnit, which only the scoping functions hand out. `npm run
// typecheck` checks the expected errors below: if an unchecked unit ever compiled where a VisibleUnit is
// wanted, the directive above it would be unused and the type check would fail.

describe('a unit checked against the viewer', () => {
  test('comes only from the scoping functions, which hand out the units the viewer may see and no others', async () => {
    const { directorate } = await createOrg()
    const mine = await createTeam({ under: directorate })
    const theirs = await createTeam({ under: directorate })
    const colleague = await createUser({ team: mine })
    const manager = await createUser({ manages: [mine] })

    const unit = await visibleUnit({ viewer: manager, unitId: mine.id })
    expect(unit).toMatchObject({ id: mine.id, name: mine.name, viewer: { id: manager.id, isAdmin: false } })
    expect(await visibleUnit({ viewer: manager, unitId: theirs.id })).toBeNull()
    expect((await visibleUnits({ viewer: manager, unitIds: [theirs.id, mine.id] })).map((u) => u.id)).toEqual([mine.id])
    if (!unit) return
    expect((await peopleInUnit({ unit })).map((person) => person.id)).toEqual([colleague.id])

    function uncheckedUnitsDoNotCompile() {
      // @ts-expect-error a unit row loaded without asking who is looking
      void peopleInUnit({ unit: theirs })
      // @ts-expect-error an object made to look like a checked unit: the brand cannot be written by hand
      void unitHeadline({ unit: { ...theirs, viewer: manager } })
      // @ts-expect-error a viewer and a raw unit id, as these functions took before
      void overdueWork({ viewer: manager, unitId: theirs.id })
    }
    expect(uncheckedUnitsDoNotCompile).toBeTypeOf('function')
  })
})
