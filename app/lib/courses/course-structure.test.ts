import { inEnglish } from './language-map.ts'
import { describe, expect, test } from 'vitest'
import { auId, cmi5Xml, COURSE_ID, type CourseSpec } from '#tests/cmi5-packages.ts'
import { courseAusInOrder, parseCourseStructure, type CourseProblem } from './course-structure.ts'

function problemsOf(xml: string): string[] {
  const result = parseCourseStructure(xml)
  if (result.ok) throw new Error('expected the course structure to be refused')
  return result.problems.map((problem: CourseProblem) => `${problem.where}: ${problem.message}`)
}

function structureOf(xml: string) {
  const result = parseCourseStructure(xml)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.structure
}

describe('a valid course structure', () => {
  test('is read with the defaults the schema gives', () => {
    const structure = structureOf(cmi5Xml())
    expect(structure.course).toEqual({
      id: COURSE_ID,
      title: { 'en-GB': 'Safe passwords' },
      description: { 'en-GB': 'Choosing and keeping passwords safe' },
    })
    expect(structure.children).toEqual([
      {
        type: 'au',
        id: auId(1),
        title: { 'en-GB': 'Unit 1' },
        description: { 'en-GB': 'What unit 1 covers' },
        objectives: [],
        url: 'index.html',
        launchMethod: 'AnyWindow',
        moveOn: 'NotApplicable',
        masteryScore: null,
        activityType: null,
        launchParameters: null,
        entitlementKey: null,
      },
    ])
  })

  test('keeps nested blocks, objectives and every AU attribute, in course order', () => {
    const objective = `${COURSE_ID}/objective/1`
    const structure = structureOf(
      cmi5Xml({
        objectives: [{ id: objective, title: 'Knows a strong password' }],
        children: [
          {
            title: 'First',
            moveOn: 'Passed',
            masteryScore: '0.75',
            launchMethod: 'OwnWindow',
            objectives: [objective],
          },
          {
            kind: 'block',
            id: `${COURSE_ID}/block/a`,
            children: [
              { kind: 'block', id: `${COURSE_ID}/block/b`, children: [{ title: 'Inner', launchParameters: ' a=1 ' }] },
              { title: 'Outer', entitlementKey: 'key', activityType: 'http://adlnet.gov/expapi/activities/media' },
            ],
          },
        ],
      }),
    )
    expect(structure.objectives).toEqual([
      {
        id: objective,
        title: { 'en-GB': 'Knows a strong password' },
        description: { 'en-GB': 'Knows a strong password' },
      },
    ])
    const aus = courseAusInOrder(structure)
    expect(aus.map(({ au, blockIds, position }) => [inEnglish(au.title), blockIds, position])).toEqual([
      ['First', [], 0],
      ['Inner', [`${COURSE_ID}/block/a`, `${COURSE_ID}/block/b`], 1],
      ['Outer', [`${COURSE_ID}/block/a`], 2],
    ])
    expect(aus[0]?.au).toMatchObject({
      moveOn: 'Passed',
      masteryScore: 0.75,
      launchMethod: 'OwnWindow',
      objectives: [objective],
    })
    expect(aus[1]?.au.launchParameters).toBe('a=1')
    expect(aus[2]?.au).toMatchObject({
      entitlementKey: 'key',
      activityType: 'http://adlnet.gov/expapi/activities/media',
    })
  })

  test('ignores a publisher’s extension elements and attributes in another namespace', () => {
    const structure = structureOf(
      cmi5Xml({
        rootAttributes: 'xmlns:ext="https://vendor.example.org/ext" ext:version="2"',
        extra: '<ext:settings><ext:colour>blue</ext:colour></ext:settings>',
      }),
    )
    expect(courseAusInOrder(structure)).toHaveLength(1)
  })

  test('accepts the cmi5 namespace under a prefix, and trims whitespace around values', () => {
    const xml = cmi5Xml({ children: [{ url: '  https://example.org/unit  ' }] })
      .replace(/<(\/?)(\w+)/g, (_m, slash: string, name: string) => `<${slash}c:${name}`)
      .replace('xmlns=', 'xmlns:c=')
    const structure = structureOf(xml)
    expect(courseAusInOrder(structure)[0]?.au.url).toBe('https://example.org/unit')
  })
})

describe('problems are named by element', () => {
  test('a mastery score outside 0 to 1, and one that is not a number', () => {
    expect(
      problemsOf(
        cmi5Xml({
          children: [
            { title: 'Introduction', masteryScore: '1.5', url: 'https://example.org/1' },
            { title: 'Quiz', masteryScore: 'high', url: 'https://example.org/2' },
          ],
        }),
      ),
    ).toEqual([
      `AU "Introduction" (${auId(1)}): masteryScore must be between 0 and 1 (it is 1.5)`,
      `AU "Quiz" (${auId(2)}): masteryScore "high" is not a decimal number`,
    ])
  })

  test('ids that are not IRIs, for the course, a block, an AU and an objective', () => {
    const problems = problemsOf(
      cmi5Xml({
        id: 'example.org/course',
        objectives: [{ id: 'objective-1', title: 'Objective' }],
        children: [{ kind: 'block', id: 'block 2', title: '', children: [{ id: 'au-1', title: 'One' }] }],
      }),
    )
    expect(problems).toContain(
      'course: id "example.org/course" is not an IRI (a full identifier such as https://example.org/course/1)',
    )
    expect(problems.some((p) => p.startsWith('objective "Objective": id "objective-1" is not an IRI'))).toBe(true)
    expect(problems.some((p) => p.startsWith('AU "One": id "au-1" is not an IRI'))).toBe(true)
    expect(problems.some((p) => p.startsWith('block 1: id "block 2" is not an IRI'))).toBe(true)
  })

  test('duplicate ids of blocks, AUs and objectives', () => {
    const objective = `${COURSE_ID}/objective/1`
    const problems = problemsOf(
      cmi5Xml({
        objectives: [
          { id: objective, title: 'First' },
          { id: objective, title: 'Second' },
        ],
        children: [
          { kind: 'block', id: `${COURSE_ID}/block`, title: 'A', children: [{ id: auId(1), title: 'One' }] },
          { kind: 'block', id: `${COURSE_ID}/block`, title: 'B', children: [{ id: auId(1), title: 'Again' }] },
        ],
      }),
    )
    expect(problems).toEqual([
      `objective "Second" (${objective}): id ${objective} is already the id of objective "First" (${objective}); ids must be unique in a course`,
      `block "B" (${COURSE_ID}/block): id ${COURSE_ID}/block is already the id of block "A" (${COURSE_ID}/block); ids must be unique in a course`,
      `AU "Again" (${auId(1)}): id ${auId(1)} is already the id of AU "One" (${auId(1)}); ids must be unique in a course`,
    ])
  })

  test('an AU url with a space, an unsupported scheme, or a launch parameter in its query', () => {
    expect(
      problemsOf(
        cmi5Xml({
          children: [
            { title: 'A', url: 'http://example.com index.html' },
            { title: 'B', url: 'javascript:alert(1)' },
            { title: 'C', url: 'index.html?registration=1&actor=x' },
          ],
        }),
      ),
    ).toEqual([
      `AU "A" (${auId(1)}): url "http://example.com index.html" is not a valid URL: it contains a space`,
      `AU "B" (${auId(2)}): url "javascript:alert(1)" must start with https:// or http://, or be a path inside the zip`,
      `AU "C" (${auId(3)}): url "index.html?registration=1&actor=x" sets "actor" in its query, which the platform sets when it launches the AU`,
      `AU "C" (${auId(3)}): url "index.html?registration=1&actor=x" sets "registration" in its query, which the platform sets when it launches the AU`,
    ])
  })

  test('elements out of order, missing, unknown, and attributes the schema does not have', () => {
    const problems = problemsOf(
      cmi5Xml({
        children: [
          {
            body: `<url>https://example.org/x</url><title><langstring>Late</langstring></title><description><langstring>D</langstring></description>`,
          },
          {
            body: `<title><langstring>No url</langstring></title><description><langstring>D</langstring></description><colour/>`,
          },
          { title: 'Odd', moveOn: 'Sometimes', launchMethod: 'NewTab' },
        ],
      }).replace('<course id=', '<course colour="blue" id='),
    )
    expect(problems).toEqual([
      'course: has an attribute "colour" that <course> cannot have',
      `AU "Late" (${auId(1)}): <title> is out of order: the elements must come in the order <title>, <description>, <objectives>, <url>, <launchParameters>, <entitlementKey>`,
      `AU "Late" (${auId(1)}): <description> is out of order: the elements must come in the order <title>, <description>, <objectives>, <url>, <launchParameters>, <entitlementKey>`,
      `AU "No url" (${auId(2)}): has an element <colour> that <au> cannot have`,
      `AU "No url" (${auId(2)}): has no <url>`,
      `AU "Odd" (${auId(3)}): moveOn "Sometimes" must be one of Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable`,
      `AU "Odd" (${auId(3)}): launchMethod "NewTab" must be one of AnyWindow, OwnWindow`,
    ])
  })

  test('an objective reference to an objective the course does not list', () => {
    expect(problemsOf(cmi5Xml({ children: [{ title: 'One', objectives: ['https://example.org/nowhere'] }] }))).toEqual([
      `AU "One" (${auId(1)}): refers to objective https://example.org/nowhere, which the course's objectives do not list`,
    ])
  })

  test('a course with no AUs, a wrong root, a wrong namespace, malformed XML and a document type', () => {
    expect(problemsOf(cmi5Xml({ children: [] }))).toEqual(['the course structure: has no <au> or <block>'])
    expect(problemsOf('<course/>')[0]).toMatch(/^cmi5\.xml: must have courseStructure as its root element/)
    expect(problemsOf(cmi5Xml().replace('xmlns="https://w3id.org', 'xmlns="https://example.org'))[0]).toMatch(
      /must have courseStructure as its root element, in the namespace/,
    )
    expect(problemsOf('<courseStructure><course></courseStructure>')[0]).toMatch(
      /^cmi5\.xml: is not well-formed XML: .* \(line 1, column \d+\)$/,
    )
    expect(problemsOf('<!DOCTYPE x [<!ENTITY a "aaaa">]><courseStructure/>')[0]).toMatch(/document type declaration/)
  })
})

describe('deep nesting', () => {
  test('blocks nested past the limit are refused', () => {
    let children: CourseSpec['children'] = [{ title: 'Deep' }]
    for (let i = 0; i < 60; i += 1) children = [{ kind: 'block', children }]
    expect(problemsOf(cmi5Xml({ children }))).toContainEqual(
      expect.stringMatching(/is nested more than 50 blocks deep$/),
    )
  })

  test('elements nested a hundred thousand deep are a problem with the file, not an error', () => {
    const depth = 100_000
    const extension = `<x:n>`.repeat(depth) + `</x:n>`.repeat(depth)
    const result = parseCourseStructure(
      cmi5Xml({ rootAttributes: 'xmlns:x="https://vendor.example.org/ext"', extra: extension }),
    )
    expect(result.ok ? 'read' : result.problems[0]?.where).toMatch(/^(read|cmi5\.xml)$/)
  })
})
