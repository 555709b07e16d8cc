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

// A course imported through the courses page by the launch journey (tests/e2e/cmi5-course-journey.spec.ts),
// mapped in the e2e content's courses.yaml so that learners find it once it is imported.
export const journeyCourse = {
  courseId: 'https://courses.example.test/e2e/spotting-fake-sign-in-pages',
  slug: 'spotting-fake-sign-in-pages',
  title: 'Spotting fake sign-in pages',
  unit: 'Practise on three sign-in pages',
  // Every competency of the safety domain at the top level, so that passing it moves the learner's level in
  // that domain to Leading whatever their earlier evidence.
  competencies: [
    { id: 'SAFE.1', level: 4 },
    { id: 'SAFE.2', level: 4 },
    { id: 'SAFE.3', level: 4 },
  ],
  domain: 'Digital identity, wellbeing, safety and security',
}
