// The imported course the course journeys use (tests/e2e/create-course.ts adds it; courses.spec.ts reads it).
export const e2eCourse = {
  courseId: 'https://courses.example.test/e2e/safer-passwords',
  slug: 'safer-passwords-course',
  title: 'Safer passwords, from a partner trust',
  summary: 'A short course bought in from a partner trust about choosing and keeping passwords.',
  units: ['Why passwords matter', 'Password manager practice'],
  /** The content folder the e2e server reads: the shipped content with a courses.yaml that maps this course. */
  contentDir: 'tests/.tmp/e2e-content',
}
