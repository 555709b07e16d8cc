import type { JobDefinition } from './job-definitions.ts'

export interface RunningJob {
  id: string
  /** 1 on the first try. */
  attempt: number
}

export interface JobHandler<Payload> {
  run(payload: Payload, job: RunningJob): Promise<void>
  /** One line for the jobs page, in staff's words (no ids). */
  describe(payload: Payload): Promise<string> | string
}

interface RegisteredHandler {
  definition: JobDefinition<unknown>
  handler: JobHandler<unknown>
}

const handlers = new Map<string, RegisteredHandler>()

/** Installing twice replaces the first: entry points may each call installEffects(). */
export function registerJobHandler<Payload>(definition: JobDefinition<Payload>, handler: JobHandler<Payload>): void {
  handlers.set(definition.type, {
    definition: definition as JobDefinition<unknown>,
    handler: handler as JobHandler<unknown>,
  })
}

export function jobHandlerFor(type: string): RegisteredHandler | undefined {
  return handlers.get(type)
}
