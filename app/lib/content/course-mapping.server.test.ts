import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { checkContent } from './check-content.server.ts'
import { loadCourseMappings, readCourseMappings } from './course-mapping.server.ts'
import { loadFramework } from './framework.server.ts'
import { formatProblem } from './yaml-with-lines.ts'

const framework = loadFramework({ root: path.resolve('content') })
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true })
})

function folderWith(yaml: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'course-mappings-'))
  folders.push(root)
  fs.writeFileSync(path.join(root, 'courses.yaml'), yaml)
  return root
}

const problemsOf = (yaml: string, moduleSlugs: string[] = []) => {
  const root = folderWith(yaml)
  const result = readCourseMappings({ root, framework, moduleSlugs })
  return result.ok ? [] : result.problems.map((problem) => formatProblem({ ...problem, file: path.basename(problem.file) }))
}

const entry = (fields: Record<string, string>) =>
  `  - course: ${fields.course ?? 'https://courses.example.org/ig'}
    slug: ${fields.slug ?? 'ig-refresher'}
    competencies:
      - id: ${fields.competency ?? 'SAFE.3'}
        level: ${fields.level ?? '1'}
    audience: [${fields.audience ?? 'clinical'}]
    status: ${fields.status ?? 'published'}
`

describe('content/courses.yaml', () => {
  test('the shipped file is valid and maps only the demo course the seed imports (db/demo-course)', async () => {
    const result = readCourseMappings({ root: path.resolve('content'), framework })
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
    expect(result.mappings.map((mapping) => [mapping.course, mapping.slug, mapping.status])).toEqual([
      ['https://demo.skills.example.nhs.uk/courses/scam-emails-calls-and-texts', 'scam-emails-calls-and-texts', 'published'],
    ])
    const { problems, courses } = await checkContent({ root: path.resolve('content') })
    expect(problems.map(formatProblem)).toEqual([])
    expect(courses).toBe(1)
  })

  test('a valid entry is read with its optional words', () => {
    const root = folderWith(`courses:\n${entry({})}    title: Information governance refresher\n    minutes: 20\n`)
    const result = readCourseMappings({ root, framework, moduleSlugs: [] })
    expect(result).toEqual({
      ok: true,
      mappings: [
        {
          course: 'https://courses.example.org/ig',
          slug: 'ig-refresher',
          title: 'Information governance refresher',
          minutes: 20,
          competencies: [{ id: 'SAFE.3', level: 1 }],
          audience: ['clinical'],
          status: 'published',
        },
      ],
    })
  })

  test.each([
    ['an unknown competency', { competency: 'SAFE.9' }, 'courses.yaml:5: courses.0.competencies.0.id: unknown competency SAFE.9 (not in the framework)'],
    ['an unknown level', { level: '5' }, 'courses.yaml:6: courses.0.competencies.0.level: levels run from 1 to 4'],
    ['an unknown audience', { audience: 'surgeons' }, 'courses.yaml:7: courses.0.audience.0: Invalid option: expected one of "clinical"|"administrative"|"estates-support"|"team-manager"|"digital-champion"|"digital-leader"'],
    ['a bad slug', { slug: 'IG Refresher' }, 'courses.yaml:3: courses.0.slug: a slug is lower-case words joined by hyphens'],
    ['a course id that is not an IRI', { course: 'ig-course' }, 'courses.yaml:2: courses.0.course: course is the course id from its cmi5.xml (an IRI such as https://example.org/courses/1)'],
    ['a status that is neither draft nor published', { status: 'live' }, 'courses.yaml:8: courses.0.status: status must be draft or published'],
  ])('reports %s at its line', (_what, fields, expected) => {
    expect(problemsOf(`courses:\n${entry(fields)}`)).toEqual([expected])
  })

  test('reports a slug or course used twice, and a slug that is a module’s', () => {
    const yaml = `courses:\n${entry({})}${entry({ course: 'https://courses.example.org/other' })}${entry({ slug: 'spotting-phishing' })}`
    expect(problemsOf(yaml, ['spotting-phishing'])).toEqual([
      'courses.yaml:10: courses.1.slug: slug ig-refresher is used twice',
      'courses.yaml:17: courses.2.slug: spotting-phishing is already a module’s slug (courses and modules share addresses)',
      'courses.yaml:16: courses.2.course: course https://courses.example.org/ig is mapped twice',
    ])
  })

  test('content:check reports the mapping file’s problems with the modules’', async () => {
    const root = folderWith(`courses:\n${entry({ competency: 'DATA.9' })}`)
    const { problems } = await checkContent({ root, fallbackFrameworkRoot: path.resolve('content') })
    expect(problems.map((problem) => formatProblem({ ...problem, file: path.basename(problem.file) }))).toEqual([
      'courses.yaml:5: courses.0.competencies.0.id: unknown competency DATA.9 (not in the framework)',
    ])
  })

  test('drafts are left out unless asked for; an edit shows on the next read', () => {
    const root = folderWith(`courses:\n${entry({ status: 'draft' })}`)
    expect(loadCourseMappings({ includeDrafts: false, root })).toEqual([])
    expect(loadCourseMappings({ includeDrafts: true, root }).map((m) => m.slug)).toEqual(['ig-refresher'])
    fs.writeFileSync(path.join(root, 'courses.yaml'), `courses:\n${entry({ slug: 'ig-course-two' })}`)
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(path.join(root, 'courses.yaml'), later, later)
    expect(loadCourseMappings({ includeDrafts: false, root }).map((m) => m.slug)).toEqual(['ig-course-two'])
  })
})
