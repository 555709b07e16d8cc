import { z } from 'zod'

/** A path on this site to come back to: one leading slash, so never another host (`//host`, `/\host`). */
const localPath = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site')
  .max(2000)

// The launch button's form on a course page (app/routes/course-launch.tsx).
export const launchFormSchema = z.object({
  course: z.string().min(1, 'Choose a course'),
  au: z.string().min(1, 'Choose a unit of the course'),
  returnTo: localPath.default('/'),
})
