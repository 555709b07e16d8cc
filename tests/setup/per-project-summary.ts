import type { Reporter, TestModule } from 'vitest/node'

// Prints how many tests each project ran, so a run shows the Postgres-dialect tests really happened.
export default class PerProjectSummary implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const totals = new Map<string, Record<string, number>>()
    for (const module of testModules) {
      const counts = totals.get(module.project.name) ?? {}
      for (const test of module.children.allTests()) {
        const state = test.result().state
        counts[state] = (counts[state] ?? 0) + 1
      }
      totals.set(module.project.name, counts)
    }
    console.log('\nTests by project:')
    for (const [project, counts] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = Object.entries(counts).map(([state, n]) => `${n} ${state}`)
      console.log(`  ${project.padEnd(9)} ${parts.join(', ')}`)
    }
  }
}
