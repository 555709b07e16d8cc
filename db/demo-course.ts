import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { build } from 'esbuild'
import { ZipFile } from 'yazl'
import { importCourse } from '#app/lib/courses/course-import.server.ts'
import { db, schema } from '#app/lib/db.server.ts'

// The demo cmi5 course (its source is db/demo-course/, see the README there) packaged at seed time as an
// administrator would upload it: the unit script bundled with esbuild, zipped with the pages, imported through
// the same function as the Courses page. Nothing built is kept in the repository.

export const DEMO_COURSE_DIR = path.resolve('db/demo-course')

/** The id of `<course>` in db/demo-course/cmi5.xml, which content/courses.yaml maps. */
export const DEMO_COURSE_ID = 'https://demo.skills.example.nhs.uk/courses/scam-emails-calls-and-texts'

/** The package's files as they are in the source folder; au.js is built from au.ts. */
const PACKAGE_FILES = ['cmi5.xml', 'email.html', 'calls-and-texts.html', 'course.css']

async function bundledScript(): Promise<Uint8Array> {
  const built = await build({
    entryPoints: [path.join(DEMO_COURSE_DIR, 'au.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  const [output] = built.outputFiles
  if (!output) throw new Error('esbuild wrote no au.js')
  return output.contents
}

/** The demo course as a zip, the way its publisher would hand it over. */
export async function demoCoursePackage(): Promise<{ name: string; bytes: Uint8Array }> {
  const zip = new ZipFile()
  for (const name of PACKAGE_FILES) zip.addBuffer(fs.readFileSync(path.join(DEMO_COURSE_DIR, name)), name)
  zip.addBuffer(Buffer.from(await bundledScript()), 'au.js')
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return { name: 'scam-emails-calls-and-texts.zip', bytes: new Uint8Array(Buffer.concat(chunks)) }
}

/** Imports the demo course unless a course with its id is already here. True when it imported it. */
export async function seedDemoCourse({ now }: { now?: Date } = {}): Promise<boolean> {
  const { courses } = schema()
  const [existing] = await db().select({ id: courses.id }).from(courses).where(eq(courses.courseId, DEMO_COURSE_ID))
  if (existing) return false
  const imported = await importCourse({
    file: await demoCoursePackage(),
    importedBy: { id: null, name: 'Demo seed' },
    now,
  })
  if (!imported.ok)
    throw new Error(
      `the demo course cannot be imported: ${imported.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`,
    )
  return true
}
