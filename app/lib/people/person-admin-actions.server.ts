import type { AdminActor, AdminResult } from './person-admin-result.ts'
import type { PersonAdminForm } from './person-admin-form.ts'
import { setOverrides } from './person-overrides.server.ts'
import { grantAdmin, grantManager, revokeAdmin, revokeManager } from './person-rights.server.ts'
import { restorePerson, suspendPerson } from './person-status.server.ts'
import { sendPasswordReset } from './person-password-reset.server.ts'
import { unlinkSsoAccount } from './person-identities.server.ts'

/** Carries out whichever form an administrator sent about a person. Null when the person or unit does not exist. */
export async function applyPersonAdminForm({
  actor,
  userId,
  form,
}: {
  actor: AdminActor
  userId: string
  form: PersonAdminForm
}): Promise<AdminResult | null> {
  switch (form.intent) {
    case 'set-overrides':
      return setOverrides({ actor, userId, teamId: form.teamId, roleProfile: form.roleProfile })
    case 'clear-overrides':
      return setOverrides({ actor, userId, teamId: null, roleProfile: null })
    case 'grant-manager':
      return grantManager({ actor, userId, unitId: form.unitId })
    case 'revoke-manager':
      return revokeManager({ actor, userId, unitId: form.unitId })
    case 'grant-admin':
      return grantAdmin({ actor, userId })
    case 'revoke-admin':
      return revokeAdmin({ actor, userId })
    case 'suspend':
      return suspendPerson({ actor, userId })
    case 'restore':
      return restorePerson({ actor, userId })
    case 'send-password-reset':
      return sendPasswordReset({ actor, userId })
    case 'unlink-identity':
      return unlinkSsoAccount({ actor, userId, identityId: form.identityId })
  }
}
