import { expect, test } from 'vitest'
import { effectRegistry } from './effect-registry.ts'

test('running a change with no effects installed is refused, naming the change and the cure', async () => {
  const registry = effectRegistry<number>('stored statements')
  await expect(registry.run(1)).rejects.toThrow(/No effects are installed for stored statements: call installEffects/)
})

test('effects run in the order registered, each with the change', async () => {
  const registry = effectRegistry<string>('membership changes')
  const seen: string[] = []
  registry.register('first', async (change) => {
    seen.push(`first ${change}`)
  })
  registry.register('second', async (change) => {
    seen.push(`second ${change}`)
  })
  await registry.run('team A')
  expect(seen).toEqual(['first team A', 'second team A'])
})

test('installing the same effect twice runs it once', async () => {
  const registry = effectRegistry<string>('membership changes')
  let runs = 0
  const effect = async () => {
    runs++
  }
  registry.register('rollups', effect)
  registry.register('rollups', effect)
  await registry.run('team A')
  expect(runs).toBe(1)
})
