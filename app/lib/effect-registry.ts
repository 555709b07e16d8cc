// A domain that changes something others derive data from (the xapi store's statements, org's memberships)
// announces the change through a registry of effects instead of importing the domains that react: those
// import it, not the other way round, so no two domains import each other (docs/decisions/009).
// The effects are registered in one place, app/lib/install-effects.server.ts, called by every entry point.

export type Effect<Change> = (change: Change) => Promise<void>

export interface EffectRegistry<Change> {
  /** Adds an effect, or replaces the one registered under this name (installing twice changes nothing). */
  register(name: string, effect: Effect<Change>): void
  /**
   * Runs every effect, in the order registered, inside the caller's transaction. Refuses to run when none
   * are installed: derived data silently falling behind would be found much later, if at all.
   */
  run(change: Change): Promise<void>
}

export function effectRegistry<Change>(change: string): EffectRegistry<Change> {
  const effects = new Map<string, Effect<Change>>()
  return {
    register(name, effect) {
      effects.set(name, effect)
    },
    async run(happened) {
      if (effects.size === 0)
        throw new Error(
          `No effects are installed for ${change}: call installEffects() from #app/lib/install-effects.server.ts ` +
            'when the process starts (server, scripts, test setup)',
        )
      for (const effect of effects.values()) await effect(happened)
    },
  }
}
