import { afterEach } from 'vitest'

// House rule: a test that logs console.error fails, so unexpected errors never scroll past unnoticed.
const logged: unknown[][] = []
const original = console.error
console.error = (...args: unknown[]) => {
  logged.push(args)
  original(...args)
}

afterEach(() => {
  if (logged.length === 0) return
  const first = logged.map((args) => args.map(String).join(' ')).join('\n')
  logged.length = 0
  throw new Error(`console.error was called during this test:\n${first}`)
})
