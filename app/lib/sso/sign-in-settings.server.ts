import { eq } from 'drizzle-orm'
import { type AuditActor, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { type OrganisationSignIn, signInSettingsOf } from '#app/lib/auth/sign-in-methods.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { providerName } from './providers.server.ts'
import { signInMethodLabels, type SignInSettingsForm } from './sign-in-settings-form.ts'

// Reading and changing how an organisation's people sign in; every change is in the audit log, in words.

/** The organisation unit with this id, or null when there is none (or it is not an organisation). */
export async function findOrganisation({ unitId }: { unitId: string }) {
  const { orgUnits } = schema()
  const [unit] = await db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId))
  return unit?.kind === 'organisation' ? { id: unit.id, name: unit.name } : null
}

/** The settings in the words of the page and the audit log. */
export function describeSignInSettings(settings: Omit<OrganisationSignIn, 'unitId' | 'organisationName'>) {
  return {
    signInMethods: signInMethodLabels[settings.methods],
    signInServices: settings.providers.map(providerName),
    microsoftTenants: settings.tenantIds,
    emailDomains: settings.emailDomains,
    addPeopleNotInTheStaffList: settings.createUnknown,
    contact: settings.helpContact,
  }
}

/** Saves an organisation's sign-in settings. Null when the unit is not an organisation. */
export async function saveSignInSettings({
  actor,
  unitId,
  form,
  now = new Date(),
}: {
  actor: AuditActor & { isAdmin: boolean }
  unitId: string
  form: SignInSettingsForm
  now?: Date
}): Promise<{ ok: true } | null> {
  if (!actor.isAdmin) throw new Error('only administrators can change how people sign in')
  const organisation = await findOrganisation({ unitId })
  if (!organisation) return null
  const { signInSettings } = schema()
  const values = {
    methods: form.methods,
    // With passwords only, the rest is kept (so switching back restores it) but has no effect.
    providers: form.providers,
    tenantIds: form.tenantIds,
    emailDomains: form.emailDomains,
    createUnknown: form.createUnknown === 'yes',
    helpContact: form.helpContact || null,
  }
  await transaction(async () => {
    const before = await signInSettingsOf({ organisation })
    await db()
      .insert(signInSettings)
      .values({ unitId, ...values, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({ target: signInSettings.unitId, set: { ...values, updatedAt: now, updatedBy: actor.id } })
    const [was, is] = [describeSignInSettings(before), describeSignInSettings(values)]
    const changed = (Object.keys(is) as (keyof typeof is)[]).filter(
      (key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]),
    )
    if (changed.length === 0) return
    await recordAudit({
      actor,
      at: now,
      entries: [
        {
          action: 'unit.sign-in-changed',
          subjectType: 'unit',
          subjectId: unitId,
          subjectName: organisation.name,
          before: Object.fromEntries(changed.map((key) => [key, was[key]])),
          after: Object.fromEntries(changed.map((key) => [key, is[key]])),
        },
      ],
    })
  })
  return { ok: true }
}
