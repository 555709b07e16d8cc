import { describe, expect, test } from 'vitest'
import { AU_PAGE, cmi5Xml, invalidPackages, rawZipOf, validPackages, zipOf } from '#tests/cmi5-packages.ts'
import { packagePath, pathProblem, readCoursePackage, type PackageLimits } from './course-package.server.ts'
import { courseAusInOrder } from './course-structure.ts'

async function read(file: { name: string; bytes: Uint8Array }, limits?: PackageLimits) {
  return readCoursePackage({ ...file, limits })
}

async function packageOf(file: { name: string; bytes: Uint8Array }) {
  const result = await read(file)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.package
}

describe('packages that import', () => {
  test('a zip with cmi5.xml and its files keeps every file with its type', async () => {
    const pkg = await packageOf(await validPackages.singleAu())
    expect(pkg.kind).toBe('zip')
    expect(pkg.files.map((file) => [file.path, file.contentType])).toEqual([
      ['cmi5.xml', 'application/xml'],
      ['index.html', 'text/html; charset=utf-8'],
      ['style.css', 'text/css; charset=utf-8'],
      ['unit.js', 'text/javascript; charset=utf-8'],
    ])
    expect(pkg.packageHash).toMatch(/^[0-9a-f]{64}$/)
  })

  test('the same files give the same hash whatever the zip, and different files a different one', async () => {
    const a = await packageOf(await validPackages.singleAu())
    const b = await packageOf(await validPackages.singleAu())
    const c = await packageOf(await validPackages.singleAu({ title: 'Another title' }))
    expect(b.packageHash).toBe(a.packageHash)
    expect(c.packageHash).not.toBe(a.packageHash)
  })

  test('a zip with only cmi5.xml, whose AUs are at full URLs', async () => {
    const pkg = await packageOf(await validPackages.xmlOnlyZip())
    expect(pkg.files.map((file) => file.path)).toEqual(['cmi5.xml'])
    expect(courseAusInOrder(pkg.structure)[0]?.au.url).toBe(
      'https://content.example.org/hosted/unit-1/index.html?lang=en',
    )
  })

  test('a cmi5.xml on its own, whatever it is called, is kept as cmi5.xml', async () => {
    const bare = validPackages.bareXml()
    const pkg = await packageOf({ ...bare, name: 'course.zip' })
    expect(pkg.kind).toBe('xml')
    expect(pkg.files.map((file) => file.path)).toEqual(['cmi5.xml'])
  })

  test('nested blocks, objectives, folders and urls with queries and fragments', async () => {
    const pkg = await packageOf(await validPackages.multiAu())
    expect(courseAusInOrder(pkg.structure).map(({ au }) => au.url)).toEqual([
      'welcome/index.html',
      'paper/index.html?start=1',
      'quiz/index.html',
      'https://video.example.org/records',
      'quiz/index.html#final',
    ])
    expect(pkg.files.map((file) => file.path)).toContain('shared/logo.svg')
  })

  test('a thousand AUs', async () => {
    const pkg = await packageOf(validPackages.thousandAus())
    expect(courseAusInOrder(pkg.structure)).toHaveLength(1000)
  })

  test('a ZIP64 zip', async () => {
    const file = await validPackages.zip64()
    // The end-of-central-directory record of a ZIP64 zip is preceded by the ZIP64 one.
    expect(Buffer.from(file.bytes).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true)
    const pkg = await packageOf(file)
    expect(pkg.files.map((f) => f.path)).toEqual(['cmi5.xml', 'index.html'])
  })
})

describe('packages that are refused, naming the problem', () => {
  for (const [name, make] of Object.entries(invalidPackages)) {
    test(name, async () => {
      const { file, expected } = await make()
      const result = await read(file)
      if (result.ok) throw new Error(`${name} was accepted`)
      expect(result.problems.map((p) => `${p.where}: ${p.message}`).join('\n')).toMatch(expected)
    })
  }

  test('too many files', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`page-${i}.html`, AU_PAGE]))
    const result = await read(
      {
        name: 'many.zip',
        bytes: await zipOf({ 'cmi5.xml': cmi5Xml({ children: [{ url: 'page-0.html' }] }), ...files }),
      },
      { packageBytes: 1024 * 1024, fileBytes: 1024 * 1024, files: 5 },
    )
    expect(result).toEqual({
      ok: false,
      problems: [{ where: 'many.zip', message: 'holds 7 files; a package may hold at most 5' }],
    })
  })

  test('a file larger than the limit, counted as it is unpacked whatever the zip declares', async () => {
    const big = 'x'.repeat(4096)
    const limits = { packageBytes: 1024 * 1024, fileBytes: 1024, files: 100 }
    const honest = await read(
      { name: 'big.zip', bytes: await zipOf({ 'cmi5.xml': cmi5Xml(), 'index.html': big }) },
      limits,
    )
    expect(honest).toMatchObject({
      ok: false,
      problems: [{ where: 'file "index.html"', message: 'is larger than 1 KB, the most a file may be' }],
    })
    const lying = await read(
      {
        name: 'lying.zip',
        bytes: rawZipOf([
          { name: 'cmi5.xml', content: cmi5Xml() },
          { name: 'index.html', content: big, declaredSize: 10, deflate: true },
        ]),
      },
      limits,
    )
    expect(lying).toMatchObject({ ok: false, problems: [{ where: 'file "index.html"' }] })
  })

  test('a package that unpacks to more than the package limit', async () => {
    const part = 'y'.repeat(600)
    const result = await read(
      {
        name: 'bomb.zip',
        bytes: await zipOf({
          'cmi5.xml': cmi5Xml(),
          'index.html': AU_PAGE,
          'a.txt': part,
          'b.txt': part,
          'c.txt': part,
        }),
      },
      { packageBytes: 1500, fileBytes: 1000, files: 100 },
    )
    expect(result).toEqual({
      ok: false,
      problems: [{ where: 'bomb.zip', message: 'unpacks to more than 1 KB, the most a package may hold' }],
    })
  })

  test('an upload larger than the package limit is refused before it is opened', async () => {
    const result = await read(
      { name: 'huge.zip', bytes: new Uint8Array(2048) },
      { packageBytes: 1024, fileBytes: 1024, files: 10 },
    )
    expect(result).toEqual({ ok: false, problems: [{ where: 'huge.zip', message: 'is larger than 1 KB' }] })
  })

  test('an empty upload, and a broken zip', async () => {
    expect(await read({ name: 'empty.zip', bytes: new Uint8Array() })).toEqual({
      ok: false,
      problems: [{ where: 'empty.zip', message: 'is empty' }],
    })
    const broken = (await zipOf({ 'cmi5.xml': cmi5Xml() })).slice(0, 40)
    const result = await read({ name: 'broken.zip', bytes: broken })
    expect(result).toMatchObject({
      ok: false,
      problems: [{ where: 'broken.zip', message: expect.stringMatching(/^is not a zip file that can be read/) }],
    })
  })
})

test('names in a zip that could not be unpacked safely', () => {
  expect(pathProblem('a/b.html')).toBeNull()
  expect(pathProblem('folder/')).toBeNull()
  expect(pathProblem('../x')).toMatch(/outside the package/)
  expect(pathProblem('a/../../x')).toMatch(/outside the package/)
  expect(pathProblem('/x')).toMatch(/absolute path/)
  expect(pathProblem('C:/x')).toMatch(/drive letter/)
  expect(pathProblem('a\\x')).toMatch(/backslash/)
  expect(pathProblem('a//x')).toMatch(/empty or "\." folder/)
})

test('the file a relative AU url names', () => {
  expect(packagePath('index.html?x=1#top')).toBe('index.html')
  expect(packagePath('./a/b%20c.html')).toBe('a/b c.html')
  expect(packagePath('/index.html')).toBeNull()
  expect(packagePath('a/../../index.html')).toBeNull()
})
