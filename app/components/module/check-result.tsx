import { Link } from '@remix-run/react'
import type { LearnerResult } from '#app/lib/content/knowledge-check.server.ts'

/** The title of a marked check's page, e.g. "Your result: not passed – Spotting phishing – Digital skills". */
export function checkResultTitle(result: LearnerResult, moduleTitle: string) {
  return `Your result: ${result.passed ? 'passed' : 'not passed'} – ${moduleTitle} – Digital skills`
}

/**
 * A marked knowledge check. A pass shows the answer key; a fail is a warning that says which questions
 * were wrong and where the module teaches each, without giving the right answers away.
 */
export function CheckResult({ result, moduleTitle }: { result: LearnerResult; moduleTitle: string }) {
  const base = `/modules/${result.slug}`
  const figures = `You got ${result.score} out of ${result.total} right (${result.percent}%). The pass mark is ${result.passMark}%.`
  if (!result.passed) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">{moduleTitle}</span>
          <h1 tabIndex={-1}>Your result: not passed</h1>
          <div className="nhsuk-warning-callout" role="status">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              You have not passed this time
            </h2>
            <p>{figures}</p>
          </div>
          <h2>{result.wrong.length === 1 ? 'The question you got wrong' : 'The questions you got wrong'}</h2>
          <p>Read the section that covers each one again, then try the questions again.</p>
          <ul className="nhsuk-list app-wrong-questions">
            {result.wrong.map((question) => (
              <li key={question.number}>
                <p className="nhsuk-u-margin-bottom-1">
                  <strong>Question {question.number}:</strong> {question.prompt}
                </p>
                {question.section ? (
                  <p>
                    Covered in{' '}
                    <Link to={`${base}/sections/${question.section.number}`}>
                      section {question.section.number}: {question.section.title}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {result.wrong.some((question) => !question.section) ? (
            <>
              <h2 className="nhsuk-heading-s">The sections of this module</h2>
              <ul>
                {result.sections.map((section) => (
                  <li key={section.number}>
                    <Link to={`${base}/sections/${section.number}`}>{section.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="app-section-nav">
            <Link className="nhsuk-button" to={`${base}/check`} reloadDocument>
              Try the questions again
            </Link>
            <Link to={base}>Back to {moduleTitle}</Link>
          </div>
        </div>
      </div>
    )
  }
  return (
    <>
      <div className="nhsuk-panel" role="status">
        <h1 className="nhsuk-panel__title" tabIndex={-1}>
          Your result: passed
        </h1>
        <div className="nhsuk-panel__body">{figures}</div>
      </div>
      <p>Well done: you have completed {moduleTitle}.</p>
      <h2>The answers</h2>
      {result.questions.map((question, index) => {
        const chosen = question.options.filter((o) => o.chosen).map((o) => o.text)
        const correct = question.options.filter((o) => o.correct).map((o) => o.text)
        return (
          <section className="app-result-question" key={question.id} aria-labelledby={`result-${question.id}`}>
            <h3 id={`result-${question.id}`} className="nhsuk-heading-s">
              {index + 1}. {question.prompt}
            </h3>
            <p>
              <strong className={`nhsuk-tag ${question.correct ? 'nhsuk-tag--green' : 'nhsuk-tag--red'}`}>
                {question.correct ? 'Right' : 'Not right'}
              </strong>
            </p>
            <p>Your answer: {chosen.length > 0 ? chosen.join('; ') : 'none'}</p>
            {question.correct ? null : <p>The right answer: {correct.join('; ')}</p>}
            {question.explanation ? <p className="nhsuk-body-s">{question.explanation}</p> : null}
          </section>
        )
      })}
      <div className="app-section-nav">
        <Link className="nhsuk-button" to="/modules">
          Find another module
        </Link>
        <Link to={base}>Back to {moduleTitle}</Link>
      </div>
    </>
  )
}
