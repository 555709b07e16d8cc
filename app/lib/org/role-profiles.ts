import { z } from 'zod'

// The role profiles of the competency model (DESIGN.md). The framework file will give each one its
// target level per domain; the ids here are the stable keys memberships refer to.
export const roleProfileIds = [
  'clinical',
  'administrative',
  'estates-support',
  'team-manager',
  'digital-champion',
  'digital-leader',
] as const

export const roleProfileSchema = z.enum(roleProfileIds)
export type RoleProfileId = z.infer<typeof roleProfileSchema>

export const roleProfileLabels: Record<RoleProfileId, string> = {
  clinical: 'Clinical',
  administrative: 'Administrative and clerical',
  'estates-support': 'Estates and support services',
  'team-manager': 'Team manager',
  'digital-champion': 'Digital champion',
  'digital-leader': 'Digital leader',
}

export function roleProfileLabel(id: string): string {
  const parsed = roleProfileSchema.safeParse(id)
  return parsed.success ? roleProfileLabels[parsed.data] : id
}
