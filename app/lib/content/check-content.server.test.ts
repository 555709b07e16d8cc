import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { checkContent } from './check-content.server.ts'
import { formatProblem } from './yaml-with-lines.ts'

const fixtures = path.resolve('tests/fixtures/content')
const relative = (problems: Awaited<ReturnType<typeof checkContent>>['problems']) =>
  problems.map((problem) => formatProblem({ ...problem, file: path.relative(fixtures, problem.file) }))

describe('content:check', () => {
  test('passes the shipped framework and every shipped module', async () => {
    const { problems, modules } = await checkContent({ root: path.resolve('content') })
    expect(problems.map(formatProblem)).toEqual([])
    expect(modules).toBeGreaterThanOrEqual(12)
  })

  test.each([
    [
      'unknown-competency',
      'unknown-competency/modules/uses-unknown-competency/index.mdx:6: competencies.0.id: unknown competency SAFE.9 (not in the framework)',
    ],
    [
      'missing-alt-text',
      'missing-alt-text/modules/figure-without-alt/index.mdx:18: <Figure> needs an alt="…" attribute (alt text describes the image for people who cannot see it)',
    ],
    [
      'two-correct-answers',
      'two-correct-answers/modules/question-with-two-answers/questions.yaml:6: questions.0.options: a single-choice question needs exactly one correct answer (this one has 2)',
    ],
    [
      'mdx-syntax-error',
      'mdx-syntax-error/modules/unclosed-component/index.mdx:24: MDX syntax: Unexpected closing tag `</Section>`, expected corresponding closing tag for `<Callout>`',
    ],
    ['missing-frontmatter', 'missing-frontmatter/modules/no-title/index.mdx:2: title is required'],
    [
      'unknown-section',
      'unknown-section/modules/question-names-missing-section/questions.yaml:12: question two names section 9, but the module has 1 section',
    ],
  ])('reports %s at its file and line', async (fixture, expected) => {
    const { problems } = await checkContent({ root: path.join(fixtures, fixture) })
    expect(relative(problems)).toEqual([expected])
  })

  test('the command prints file:line: message and exits non-zero', async () => {
    const run = promisify(execFile)
    const failure = await run(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts', path.join(fixtures, 'two-correct-answers')]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toMatch(/^tests\/fixtures\/content\/two-correct-answers\/modules\/question-with-two-answers\/questions\.yaml:6: /m)
  })

  test('with no folder named, the command checks the one the app reads (CONTENT_DIR), which must exist', async () => {
    const run = promisify(execFile)
    const checked = (contentDir: string) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts'], {
        env: { ...process.env, CONTENT_DIR: contentDir },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      )
    const broken = await checked(path.join(fixtures, 'two-correct-answers'))
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('questions.yaml:6: ')
    const missing = await checked(path.join(fixtures, 'no-such-folder'))
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no content folder at') })
  })
})
