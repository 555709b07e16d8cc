import { z } from 'zod'
import { parseYamlWithSchema, type Validated } from '#app/lib/content/yaml-with-lines.ts'
import { roleProfileIds, type RoleProfileId } from '#app/lib/org/role-profiles.ts'

// Which role profile a person gets from their primary assignment (workforce/role-profile-rules.yaml).
// HR lists have no role profile column, and staff groups and job titles vary between organisations, so
// the workforce team keeps these rules as data. The first rule that matches wins.

const profileSchema = z.enum(roleProfileIds, {
  error: (issue) => `${String(issue.input)} is not a role profile (the role profiles are ${roleProfileIds.join(', ')})`,
})

/** A pattern as written ("*Manager*") becomes a whole-value, case-insensitive match; only * is special. */
function compilePattern(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`, 'i')
}

const patternsSchema = z
  .array(
    z.string({ error: 'a pattern is text, such as Nursing* or *Manager*' }).trim().min(1, 'a pattern cannot be blank'),
    {
      error: 'list the patterns, such as [Nursing*, *Manager*]',
    },
  )
  .min(1, 'list at least one pattern')
  .transform((patterns) => patterns.map(compilePattern))

export const matchedFields = ['staffGroup', 'jobRole', 'positionTitle'] as const

const whenSchema = z
  .strictObject(
    {
      staffGroup: patternsSchema.optional(),
      jobRole: patternsSchema.optional(),
      positionTitle: patternsSchema.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `${issue.keys.join(', ')} cannot be matched: a rule matches ${matchedFields.join(', ')}`
          : undefined,
    },
  )
  .refine((when) => matchedFields.some((field) => when[field] !== undefined), {
    message: `a rule needs at least one of ${matchedFields.join(', ')}`,
    // A misspelt field is reported once, as misspelt, not again as "no fields".
    when: (payload) => payload.issues.length === 0,
  })

const ruleSchema = z.strictObject(
  { profile: profileSchema, when: whenSchema },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')} is not part of a rule (a rule has profile and when)`
        : undefined,
  },
)

export const roleProfileRulesSchema = z.strictObject(
  { default: profileSchema, rules: z.array(ruleSchema, { error: 'list the rules under rules:' }) },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')} is not a key of the rules file (the keys are default and rules)`
        : issue.code === 'invalid_type'
          ? 'the rules file needs default and rules'
          : undefined,
  },
)

export type RoleProfileRules = z.infer<typeof roleProfileRulesSchema>

export function parseRoleProfileRules({ file, text }: { file: string; text: string }): Validated<RoleProfileRules> {
  return parseYamlWithSchema({ file, text }, roleProfileRulesSchema)
}

type Assignment = Record<(typeof matchedFields)[number], string | null>

/** The profile of the first rule whose every listed field matches one of its patterns, else the default. */
export function roleProfileFor(
  rules: RoleProfileRules,
  assignment: Assignment,
): { profile: RoleProfileId; matched: boolean } {
  const rule = rules.rules.find(({ when }) =>
    matchedFields.every((field) => {
      const patterns = when[field]
      const value = (assignment[field] ?? '').trim()
      return patterns === undefined || patterns.some((pattern) => pattern.test(value))
    }),
  )
  return rule ? { profile: rule.profile, matched: true } : { profile: rules.default, matched: false }
}
