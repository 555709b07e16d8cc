import { z } from 'zod'

export const retryJobFormSchema = z.object({ jobId: z.string().min(1, 'Choose a job to try again') })
