import { z } from 'zod'
import { roleProfileIds } from '#app/lib/org/role-profiles.ts'

export const DOMAIN_IDS = ['SAFE', 'COMM', 'TECH', 'DATA', 'LEARN', 'INNOV'] as const
export const domainIdSchema = z.enum(DOMAIN_IDS)
export type DomainId = z.infer<typeof domainIdSchema>

export const levelSchema = z.number().int().min(1, 'levels run from 1 to 4').max(4, 'levels run from 1 to 4')

const competencySchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+\.\d+$/, 'competency ids look like SAFE.1'),
  name: z.string().min(3),
  description: z.string().min(3),
  refreshMonths: z.number().int('must be a whole number of months').positive('must be more than 0 months').optional(),
})

const domainSchema = z
  .strictObject({
    id: domainIdSchema,
    name: z.string().min(3),
    // Heads a report chart's column, so it must fit one: two lines of at most 11 characters.
    shortName: z
      .string()
      .min(3)
      .max(20, 'keep a short name to 20 characters: it heads a chart column')
      .refine((name) => name.split(/\s+/).every((word) => word.length <= 11), 'each word of a short name fits 11 characters'),
    description: z.string().min(3),
    competencies: z.array(competencySchema).min(2, 'a domain has two to four competencies').max(4, 'a domain has two to four competencies'),
    selfRatings: z
      .array(z.strictObject({ id: z.string().regex(/^[A-Z]+\.s\d+$/, 'self-rating ids look like SAFE.s1'), text: z.string().min(10) }))
      .min(3, 'give each domain at least three "I can" statements'),
  })
  .superRefine((domain, ctx) => {
    domain.competencies.forEach((competency, index) => {
      if (!competency.id.startsWith(`${domain.id}.`)) {
        ctx.addIssue({ code: 'custom', path: ['competencies', index, 'id'], message: `must start with ${domain.id}.` })
      }
    })
  })

export const frameworkSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(3),
    levels: z
      .array(z.strictObject({ level: levelSchema, name: z.string().min(3), description: z.string().min(3) }))
      .length(4, 'the framework has exactly four levels'),
    domains: z.array(domainSchema),
    roleProfiles: z.array(
      z.strictObject({
        id: z.enum(roleProfileIds),
        name: z.string().min(3),
        targets: z.strictObject(Object.fromEntries(DOMAIN_IDS.map((id) => [id, levelSchema])) as Record<DomainId, typeof levelSchema>),
      }),
    ),
  })
  .superRefine((framework, ctx) => {
    const domainIds = framework.domains.map((d) => d.id)
    for (const id of DOMAIN_IDS) {
      if (!domainIds.includes(id)) ctx.addIssue({ code: 'custom', path: ['domains'], message: `domain ${id} is missing` })
    }
    const seen = new Set<string>()
    framework.domains.forEach((domain, d) => {
      const ids = [...domain.competencies.map((c, i) => ({ id: c.id, path: ['competencies', i, 'id'] })), ...domain.selfRatings.map((s, i) => ({ id: s.id, path: ['selfRatings', i, 'id'] }))]
      for (const { id, path } of ids) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['domains', d, ...path], message: `id ${id} is used twice` })
        seen.add(id)
      }
    })
    const profileIds = framework.roleProfiles.map((p) => p.id)
    for (const id of roleProfileIds) {
      if (!profileIds.includes(id)) ctx.addIssue({ code: 'custom', path: ['roleProfiles'], message: `role profile ${id} is missing` })
    }
  })

export type Framework = z.infer<typeof frameworkSchema>
export type Domain = Framework['domains'][number]
export type Competency = Domain['competencies'][number]
