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

/** Why a launch could not go ahead, as the launch route's page names it in its address. */
export const LAUNCH_PROBLEMS = {
  unavailable: 'That course unit is not available. It may have been removed when the course was updated.',
  incomplete: 'The button you pressed did not say which part of which course to open.',
} as const

export const launchProblemSchema = z.enum(Object.keys(LAUNCH_PROBLEMS) as [keyof typeof LAUNCH_PROBLEMS])
