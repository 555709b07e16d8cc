import type { PublicQuestion } from '#app/lib/content/knowledge-check.server.ts'

export const optionInputId = (questionId: string, optionId: string) => `q-${questionId}-${optionId}`

/** One knowledge-check question as NHS.UK radios (one answer) or checkboxes (several). */
export function QuestionField({
  question,
  number,
  chosen,
  error,
}: {
  question: PublicQuestion
  number: number
  chosen: string[]
  error?: string
}) {
  const kind = question.type === 'single' ? 'radios' : 'checkboxes'
  const hintId = `q-${question.id}-hint`
  const errorId = `q-${question.id}-error`
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset
        className="nhsuk-fieldset"
        aria-describedby={
          [question.type === 'multiple' ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
        }
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          <span className="nhsuk-caption-m">Question {number}</span>
          {question.prompt}
        </legend>
        {question.type === 'multiple' ? (
          <div className="nhsuk-hint" id={hintId}>
            Select all that apply
          </div>
        ) : null}
        {error ? (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className={`nhsuk-${kind}`}>
          {question.options.map((option) => {
            const id = optionInputId(question.id, option.id)
            return (
              <div className={`nhsuk-${kind}__item`} key={option.id}>
                <input
                  className={`nhsuk-${kind}__input`}
                  id={id}
                  name={`q:${question.id}`}
                  type={question.type === 'single' ? 'radio' : 'checkbox'}
                  value={option.id}
                  defaultChecked={chosen.includes(option.id)}
                />
                <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={id}>
                  {option.text}
                </label>
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}
