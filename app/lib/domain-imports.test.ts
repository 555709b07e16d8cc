import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

// The domains of app/lib depend on each other in one direction only: a cycle means two domains can no longer
// be understood, tested or changed apart. Reactions that would close a cycle (projections after statements are
// stored, rollups after a membership changes) go through the registered effects instead
// (docs/decisions/009-statement-effects.md). A domain is a folder of app/lib; a file directly in app/lib
// (db.server.ts, chunks.ts…) is a node of its own.

const root = process.cwd()
const lib = path.join(root, 'app/lib')
const components = path.join(root, 'app/components')
/** The one file that may reach into app/components: MDX compiles against the components modules render with. */
const MDX_COMPONENT_MAP = path.join(lib, 'content/mdx-component-map.server.ts')

interface ImportEdge {
  from: string
  to: string
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** The file a specifier names, or null for packages and node built-ins. */
function resolveSpecifier(specifier: string, importer: string): string | null {
  if (specifier.startsWith('#app/')) return path.join(root, 'app', specifier.slice('#app/'.length))
  if (specifier.startsWith('./') || specifier.startsWith('../')) return path.resolve(path.dirname(importer), specifier)
  return null
}

function importsOf(file: string): ImportEdge[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
  return importedFiles.flatMap(({ fileName }) => {
    const to = resolveSpecifier(fileName, file)
    return to ? [{ from: file, to }] : []
  })
}

const domainOf = (file: string) => path.relative(lib, file).split(path.sep)[0] as string
const shown = (file: string) => path.relative(root, file)

/** Strongly connected components with more than one domain (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, index.size)
    lowLink.set(node, index.get(node) as number)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        lowLink.set(node, Math.min(lowLink.get(node) as number, lowLink.get(next) as number))
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) as number, index.get(next) as number))
      }
    }
    if (lowLink.get(node) !== index.get(node)) return
    const component: string[] = []
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member)
      component.push(member)
      if (member === node) break
    }
    if (component.length > 1) found.push(component.sort())
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node)
  return found
}

/** Each cycle as the domain edges inside it, with the imports that make each edge. */
function describeCycles(edges: ImportEdge[]): string[] {
  const graph = new Map<string, Set<string>>()
  const importsBetween = new Map<string, ImportEdge[]>()
  for (const edge of edges) {
    if (!edge.to.startsWith(lib + path.sep)) continue
    const [from, to] = [domainOf(edge.from), domainOf(edge.to)]
    if (from === to) continue
    graph.set(from, (graph.get(from) ?? new Set()).add(to))
    const key = `${from} -> ${to}`
    importsBetween.set(key, [...(importsBetween.get(key) ?? []), edge])
  }
  return cycles(graph).map((component) => {
    const inside = [...importsBetween].filter(([key]) => {
      const [from, to] = key.split(' -> ')
      return component.includes(from as string) && component.includes(to as string)
    })
    const lines = inside.map(([key, imports]) => {
      const distinct = new Set(imports.map(({ from, to }) => `${shown(from)} imports ${shown(to)}`))
      return `  ${key}: ${[...distinct].join('; ')}`
    })
    return [`cycle between ${component.join(', ')}:`, ...lines].join('\n')
  })
}

const libImports = sourceFiles(lib).flatMap(importsOf)

describe('app/lib domains', () => {
  test('import each other without cycles', () => {
    expect(describeCycles(libImports)).toEqual([])
  })

  test('do not import app/components, except for the MDX component map', () => {
    const intoComponents = libImports.filter(
      ({ from, to }) => to.startsWith(components + path.sep) && from !== MDX_COMPONENT_MAP,
    )
    expect(intoComponents.map(({ from, to }) => `${shown(from)} imports ${shown(to)}`)).toEqual([])
  })

  test('a cycle is reported with the imports that make it', () => {
    const file = (name: string) => path.join(lib, name)
    const described = describeCycles([
      { from: file('a/one.ts'), to: file('b/two.ts') },
      { from: file('b/two.ts'), to: file('c.server.ts') },
      { from: file('c.server.ts'), to: file('a/three.ts') },
      { from: file('b/two.ts'), to: file('d/four.ts') },
    ])
    expect(described).toEqual([
      [
        'cycle between a, b, c.server.ts:',
        '  a -> b: app/lib/a/one.ts imports app/lib/b/two.ts',
        '  b -> c.server.ts: app/lib/b/two.ts imports app/lib/c.server.ts',
        '  c.server.ts -> a: app/lib/c.server.ts imports app/lib/a/three.ts',
      ].join('\n'),
    ])
  })
})
