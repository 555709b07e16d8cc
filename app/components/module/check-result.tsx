import { Link } from '@remix-run/react'
import type { GradedAttempt } from '#app/lib/content/knowledge-check.server.ts'

/** The marked knowledge check: score against the pass mark, then feedback on every question. */
export function CheckResult({ result, moduleTitle }: { result: GradedAttempt; moduleTitle: string }) {
  const base = `/modules/${result.slug}`
  return (
    <>
      <div className={`nhsuk-panel${result.passed ? '' : ' app-panel--not-passed'}`} role="status">
        <h1 className="nhsuk-panel__title">{result.passed ? 'You passed' : 'Not passed this time'}</h1>
        <div className="nhsuk-panel__body">
          You got {result.score} out of {result.total} right ({result.percent}%). The pass mark is {result.passMark}%.
        </div>
      </div>
      <p>
        {result.passed
          ? `Well done: you have completed ${moduleTitle}.`
          : 'Read the feedback below, look back at the module if it helps, then try the questions again.'}
      </p>
      <h2>Your answers</h2>
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
        {result.passed ? (
          <Link className="nhsuk-button" to="/modules">
            Find another module
          </Link>
        ) : (
          <Link className="nhsuk-button" to={`${base}/check`} reloadDocument>
            Try the questions again
          </Link>
        )}
        <Link to={base}>Back to {moduleTitle}</Link>
      </div>
    </>
  )
}
