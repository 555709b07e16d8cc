import { z } from 'zod'
import { grantAdminFormSchema, revokeAdminFormSchema } from './admin-rights-form.ts'
import { grantManagerFormSchema, revokeManagerFormSchema } from './manager-rights-form.ts'
import { sendPasswordResetFormSchema } from './password-reset-form.ts'
import { clearOverridesFormSchema, setOverridesFormSchema } from './person-overrides-form.ts'
import { restoreFormSchema, suspendFormSchema } from './suspension-form.ts'
import { unlinkIdentityFormSchema } from './unlink-identity-form.ts'

/** Every form on an administrator's page about a person, told apart by the button's `intent`. */
export const personAdminFormSchema = z.discriminatedUnion('intent', [
  setOverridesFormSchema,
  clearOverridesFormSchema,
  grantManagerFormSchema,
  revokeManagerFormSchema,
  grantAdminFormSchema,
  revokeAdminFormSchema,
  suspendFormSchema,
  restoreFormSchema,
  sendPasswordResetFormSchema,
  unlinkIdentityFormSchema,
])

export type PersonAdminForm = z.output<typeof personAdminFormSchema>
