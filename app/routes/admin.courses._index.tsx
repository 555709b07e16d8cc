import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { FileUpload } from '#app/components/forms/file-upload.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { courseList } from '#app/lib/courses/course-admin.server.ts'
import { courseUploadSchema } from '#app/lib/courses/course-forms.ts'
import { importCourse } from '#app/lib/courses/course-import.server.ts'
import { readCourseUpload } from '#app/lib/courses/course-upload.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'

export const meta: MetaFunction = () => [{ title: 'Courses – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const courses = await courseList()
  return {
    courses: courses.map((course) => ({ ...course, importedAt: formatDate(course.importedAt) })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const upload = await readCourseUpload(request)
  if (!upload.ok) return data({ errors: upload.errors, problems: null }, { status: 400 })
  const form = parseForm(upload.formData, courseUploadSchema)
  if (!form.ok) return data({ errors: form.errors, problems: null }, { status: 400 })
  const file = form.data.file
  const result = await importCourse({
    file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    importedBy: { id: admin.id, name: admin.name },
  })
  if (!result.ok) {
    const [first] = result.problems
    const message =
      result.problems.length === 1 && first
        ? `${first.where}: ${first.message}`
        : `${file.name} has ${result.problems.length} problems, listed below. The course was not imported.`
    return data({ errors: { file: message }, problems: result.problems }, { status: 400 })
  }
  // To the course's page, so that reloading it does not import the package again.
  const outcome = result.unchanged ? 'unchanged' : result.replaced ? 'reimported' : 'imported'
  return redirect(`/admin/courses/${result.course.id}?${outcome}=1`, 303)
}

export default function CoursesPage() {
  const { courses } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const importing = navigation.state === 'submitting' && navigation.formMethod?.toUpperCase() === 'POST'
  const problems = result?.problems && result.problems.length > 1 ? result.problems : null
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Administration', to: '/admin' },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={result?.errors} fields={['file']} />
          <h1>Courses</h1>
          <p>
            Courses from other publishers, in the cmi5 format. Upload the course’s zip file as the publisher supplied
            it, or its cmi5.xml file when its units are on the publisher’s own website.
          </p>
          <p>
            Uploading a course that is already here replaces it. Learners keep what they have done in the units that are
            still in the course.
          </p>

          {problems ? (
            <div className="nhsuk-inset-text">
              <h2 className="nhsuk-heading-s">What is wrong with the package</h2>
              <ul className="nhsuk-list nhsuk-list--bullet app-break-anywhere">
                {problems.map((problem, index) => (
                  <li key={index}>
                    {problem.where}: {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <Form method="post" encType="multipart/form-data" noValidate>
            <FileUpload
              name="file"
              label="Course package (zip file or cmi5.xml)"
              labelSize="m"
              hint="The file must be smaller than 500 MB, with at most 10,000 files in it."
              accept=".zip,.xml,application/zip,text/xml,application/xml"
              error={result?.errors?.file}
            />
            <button className="nhsuk-button" type="submit" disabled={importing}>
              {importing ? 'Importing the course…' : 'Import the course'}
            </button>
          </Form>
        </div>
      </div>

      <h2>Imported courses</h2>
      {courses.length === 0 ? (
        <p>No courses have been imported yet.</p>
      ) : (
        <ResponsiveTable
          caption="Imported courses, most recently imported first"
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Course', 'Units', 'Imported', 'Catalogue']}
        >
          {courses.map((course) => (
            <tr className="nhsuk-table__row" key={course.id}>
              <Cell heading="Course" className="app-break-anywhere">
                <Link to={`/admin/courses/${course.id}`}>{course.title}</Link>
              </Cell>
              <Cell heading="Units">{course.units}</Cell>
              <Cell heading="Imported">{course.importedAt}</Cell>
              <Cell heading="Catalogue">
                {course.slug ? (
                  <Link to={`/courses/${course.slug}`}>In the catalogue</Link>
                ) : (
                  'Not in the catalogue yet'
                )}
              </Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}
    </>
  )
}
