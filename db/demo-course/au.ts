import Cmi5 from '@xapi/cmi5'

// The script of both units of the demo course. It marks the page's own questions (each fieldset names its right
// answer) and reports to the platform the way third-party cmi5 content does, through the xapijs cmi5 client:
// initialised on load; when the answers are checked, passed (with completed) or failed, then terminated. One
// attempt per launch: after a fail the learner starts the unit again from the course page, which is a new session.

/** The pass mark when the platform gives none; the same as the masteryScore in cmi5.xml. */
const PASS_MARK = 0.6

interface Connection {
  cmi5: Cmi5
  /** Normal records a result; Browse and Review (a unit already passed) must not. */
  records: boolean
  passMark: number
  returnUrl: string | null
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`the page has no #${id}`)
  return found as T
}

const status = element('status')
const form = element<HTMLFormElement>('quiz')
const submit = element<HTMLButtonElement>('submit')
const problem = element('problem')
const problemList = element('problem-list')
const result = element('result')
const resultHeading = element('result-heading')
const resultText = element('result-text')
const resultNext = element('result-next')
const returnLink = element<HTMLAnchorElement>('return')
const questions = [...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')]

async function connect(): Promise<Connection | null> {
  if (!Cmi5.isCmiAvailable) {
    status.textContent = 'This page was not opened from a course, so your answers will not be recorded.'
    return null
  }
  const cmi5 = new Cmi5()
  await cmi5.initialize()
  const launch = cmi5.getLaunchData()
  const records = launch.launchMode === 'Normal'
  status.textContent = records
    ? 'Your answers are recorded when you check them.'
    : 'You have finished this part before. You can answer the questions again; your record will not change.'
  return {
    cmi5,
    records,
    passMark: typeof launch.masteryScore === 'number' ? launch.masteryScore : PASS_MARK,
    returnUrl: launch.returnURL ?? null,
  }
}

function unanswered(): HTMLFieldSetElement[] {
  return questions.filter((question) => !question.querySelector('input:checked'))
}

function showProblems(missing: HTMLFieldSetElement[]) {
  problemList.replaceChildren(
    ...missing.map((question) => {
      const item = document.createElement('li')
      const link = document.createElement('a')
      const first = question.querySelector('input')
      link.href = `#${first?.id ?? ''}`
      link.textContent = `Choose an answer to question ${questions.indexOf(question) + 1}`
      item.append(link)
      return item
    }),
  )
  problem.hidden = false
  problem.focus()
}

/** Shows each question's explanation, marked right or wrong, and returns how many were right. */
function mark(): number {
  let right = 0
  for (const question of questions) {
    const chosen = question.querySelector<HTMLInputElement>('input:checked')
    const correct = chosen?.value === question.dataset.answer
    if (correct) right++
    for (const input of question.querySelectorAll('input')) input.disabled = true
    const feedback = question.querySelector<HTMLElement>('.feedback')
    if (!feedback) continue
    const verdict = document.createElement('p')
    const strong = document.createElement('strong')
    strong.textContent = correct ? 'Right.' : 'Not quite.'
    const label = chosen ? question.querySelector(`label[for="${chosen.id}"]`) : null
    verdict.append(strong, ` You chose: ${label?.textContent?.replace(/\s+/g, ' ').trim() ?? ''}`)
    feedback.prepend(verdict)
    feedback.classList.toggle('wrong', !correct)
    feedback.hidden = false
  }
  return right
}

async function record(connection: Connection | null, score: number): Promise<string> {
  const { length } = questions
  const right = Math.round(score * length)
  const tally = `You answered ${right} of ${length} questions correctly.`
  if (!connection) return `${tally} Nothing was recorded, because this page was not opened from a course.`
  if (!connection.records) {
    await connection.cmi5.terminate()
    return `${tally} You had already finished this part, so your record stays as it was.`
  }
  const passed = score >= connection.passMark
  if (passed) {
    await connection.cmi5.pass(score)
    await connection.cmi5.complete()
  } else {
    await connection.cmi5.fail(score)
  }
  await connection.cmi5.terminate()
  const needed = Math.ceil(connection.passMark * length - 1e-9)
  return passed
    ? `${tally} You have passed this part, and it is on your record.`
    : `${tally} You need ${needed} to pass. Read the explanation under each question, then go back to the course and start this part again.`
}

function showResult(text: string, returnUrl: string | null) {
  resultText.textContent = text
  if (returnUrl) {
    returnLink.href = returnUrl
    resultNext.hidden = false
  }
  result.hidden = false
  resultHeading.focus()
}

async function start() {
  const connection = await connect().catch((error: unknown) => {
    status.textContent = `Your learning record could not be reached (${String(error)}). Your answers will not be recorded: go back to the course and start this part again.`
    return null
  })
  submit.disabled = false
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const missing = unanswered()
    if (missing.length > 0) return showProblems(missing)
    problem.hidden = true
    submit.disabled = true
    submit.hidden = true
    const score = mark() / questions.length
    record(connection, score)
      .then((text) => showResult(text, connection?.returnUrl ?? null))
      .catch((error: unknown) =>
        showResult(
          `Your answers could not be recorded (${String(error)}). Go back to the course and start this part again.`,
          connection?.returnUrl ?? null,
        ),
      )
  })
}

void start()
