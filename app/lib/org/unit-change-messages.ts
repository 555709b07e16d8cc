import type { UnitChangeDone, UnitForm } from './unit-form.ts'
import { UNIT_CHANGES } from './unit-form.ts'

// After a change the unit page is loaded again (post/redirect/get, so refreshing it does not post twice) with
// `?done=` naming the change; the page says what happened in a success banner.

const DONE_BY_INTENT: Record<UnitForm['intent'], UnitChangeDone> = {
  add: 'created',
  rename: 'renamed',
  move: 'moved',
  close: 'closed',
  reopen: 'reopened',
}

/** Where to go after a change: a new unit's own page, else the changed unit's. */
export function unitChangeRedirect({
  intent,
  unitId,
  changed,
}: {
  intent: UnitForm['intent']
  unitId: string
  changed: { id: string }
}): string {
  const done = DONE_BY_INTENT[intent]
  return `/admin/units/${intent === 'add' ? changed.id : unitId}?done=${done}`
}

/** The banner's words for `?done=`, about the unit as it is now; null for no (or an unknown) change. */
export function unitChangeMessage({
  done,
  unit,
  parent,
}: {
  done: string | null
  unit: { name: string }
  parent: { name: string } | null
}): string | null {
  if (!done || !(UNIT_CHANGES as readonly string[]).includes(done)) return null
  switch (done as UnitChangeDone) {
    case 'created':
      return parent ? `${unit.name} has been added to ${parent.name}` : `${unit.name} has been added`
    case 'renamed':
      return `The unit is now called ${unit.name}`
    case 'moved':
      return parent ? `${unit.name} is now in ${parent.name}` : `${unit.name} has been moved`
    case 'closed':
      return `${unit.name} has been closed`
    case 'reopened':
      return `${unit.name} has been reopened`
    case 'sign-in-changed':
      return `How people in ${unit.name} sign in has been saved`
  }
}
