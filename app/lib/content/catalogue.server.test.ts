import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { describeModule, filterModules, findModule, loadModules } from './catalogue.server.ts'
import { compileModule } from './compile.server.ts'
import { loadFramework } from './framework.server.ts'

const content = path.resolve('content')
const framework = loadFramework({ root: content })
const all = loadModules({ includeDrafts: false, root: content }).map((m) => describeModule(m, framework))

describe('the module catalogue', () => {
  test('filters by domain, level, role profile and words, all together', () => {
    const safe = filterModules(all, { domain: 'SAFE' })
    expect(safe.length).toBeGreaterThan(0)
    expect(safe.every((m) => m.competencies.some((c) => c.domainId === 'SAFE'))).toBe(true)
    expect(safe.length).toBeLessThan(all.length)

    const levelTwo = filterModules(all, { level: 2 })
    expect(levelTwo.every((m) => m.competencies.some((c) => c.level === 2))).toBe(true)

    const estates = filterModules(all, { roleProfile: 'estates-support' })
    expect(estates.every((m) => m.audience.includes('estates-support'))).toBe(true)

    expect(filterModules(all, { q: 'PHISHING report' }).map((m) => m.slug)).toContain('spotting-phishing')
    expect(filterModules(all, { q: 'phishing', domain: 'DATA' })).toEqual([])
  })

  test('covers all six domains with at least 12 published modules', () => {
    expect(all.length).toBeGreaterThanOrEqual(12)
    const domains = new Set(all.flatMap((m) => m.competencies.map((c) => c.domainId)))
    expect([...domains].sort()).toEqual(['COMM', 'DATA', 'INNOV', 'LEARN', 'SAFE', 'TECH'])
  })

  test('drafts appear only when drafts may be seen', () => {
    const root = path.resolve('tests/fixtures/content/with-draft')
    const published = loadModules({ includeDrafts: false, root }).map((m) => m.slug)
    const withDrafts = loadModules({ includeDrafts: true, root }).map((m) => m.slug)
    expect(published).toEqual(['published-example'])
    expect(withDrafts).toEqual(['draft-example', 'published-example'])
    expect(findModule({ slug: 'draft-example', includeDrafts: false, root })).toBeNull()
  })

  test('an edited module shows its change on the next request, without a restart', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'))
    fs.cpSync(path.resolve('tests/fixtures/content/with-draft/modules/published-example'), path.join(root, 'modules/edited'), {
      recursive: true,
    })
    fs.cpSync(path.join(content, 'frameworks'), path.join(root, 'frameworks'), { recursive: true })
    const index = path.join(root, 'modules/edited/index.mdx')
    const before = findModule({ slug: 'edited', includeDrafts: false, root })
    if (!before) throw new Error('fixture module did not load')
    expect((await compileModule(before)).sections[0]?.html).toContain('Health and care organisations are attractive targets')

    fs.writeFileSync(
      index,
      fs
        .readFileSync(index, 'utf8')
        .replace('title: Spotting and reporting phishing', 'title: Phishing, revised')
        .replace('Health and care organisations are attractive targets', 'Hospitals and care homes are targets'),
    )
    const after = findModule({ slug: 'edited', includeDrafts: false, root })
    expect(after?.frontmatter.title).toBe('Phishing, revised')
    expect(after?.version).not.toBe(before.version)
    if (!after) return
    expect((await compileModule(after)).sections[0]?.html).toContain('Hospitals and care homes are targets')
    fs.rmSync(root, { recursive: true, force: true })
  })
})
