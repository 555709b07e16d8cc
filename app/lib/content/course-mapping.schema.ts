import { z } from 'zod'
import { roleProfileSchema } from '#app/lib/org/role-profiles.ts'
import { levelSchema } from './framework.schema.ts'

// content/courses.yaml: what an imported cmi5 course counts towards, kept in git beside the modules. The
// words the catalogue shows default to the course's own (from its cmi5.xml); evidence expires as a
// module's does, by the refreshMonths of the competencies it maps to.

export const courseMappingSchema = z.strictObject({
  /** The course's IRI, exactly as the `id` of `<course>` in its cmi5.xml. */
  course: z.url({ error: 'course is the course id from its cmi5.xml (an IRI such as https://example.org/courses/1)' }),
  slug: z
    .string({ error: 'slug is required' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug is lower-case words joined by hyphens')
    .max(80, 'a slug is at most 80 characters'),
  title: z.string().min(3).max(90).optional(),
  summary: z.string().min(10).max(240).optional(),
  minutes: z.number().int().min(1).max(240).optional(),
  competencies: z
    .array(z.strictObject({ id: z.string(), level: levelSchema }), { error: 'competencies is required' })
    .min(1, 'map the course to at least one competency'),
  audience: z.array(roleProfileSchema, { error: 'audience is required' }).min(1, 'name at least one role profile'),
  status: z.enum(['draft', 'published'], { error: 'status must be draft or published' }),
})

export const courseMappingsSchema = z.strictObject({
  courses: z.array(courseMappingSchema, { error: 'courses is a list (write `courses: []` for none)' }).nullable().transform((list) => list ?? []),
})

export type CourseMapping = z.infer<typeof courseMappingSchema>
