import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { unsubscribeFormSchema } from '#app/lib/notifications/notification-forms.ts'
import { unsubscribe, unsubscribeState, type UnsubscribeState } from '#app/lib/notifications/unsubscribe.server.ts'

// The link at the foot of every reminder email. No sign-in: the signed token says who and which emails.
// Opening it changes nothing (mail scanners open links); the button, or a mail client's one-click request
// (RFC 8058, a form post of List-Unsubscribe=One-Click with no cookies), stops the emails.

const titles: Record<UnsubscribeState['state'], string> = {
  invalid: 'This link does not work',
  receiving: 'Stop emails?',
  stopped: 'Emails stopped',
  mandatory: 'These emails cannot be turned off',
}

export const meta: MetaFunction<typeof loader> = ({ data: view }) => [
  {
    title: `${view?.state === 'receiving' ? `Stop emails about ${view.about}?` : titles[view?.state ?? 'invalid']} – Digital skills`,
  },
]

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await unsubscribeState(params.token ?? '')
  return data(view, { status: view.state === 'invalid' ? 404 : 200 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), unsubscribeFormSchema)
  if (!form.ok) throw new Response(form.errors['List-Unsubscribe'], { status: 400 })
  const view = await unsubscribe(params.token ?? '')
  return data(view, { status: view.state === 'invalid' ? 404 : 200 })
}

export default function UnsubscribePage() {
  const loaded = useLoaderData<typeof loader>()
  const view = useActionData<typeof action>() ?? loaded
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Explanation view={view} />
      </div>
    </div>
  )
}

function Explanation({ view }: { view: UnsubscribeState }) {
  const accountLink = <Link to="/account/notifications">your account settings</Link>
  switch (view.state) {
    case 'invalid':
      return (
        <>
          <h1>{titles.invalid}</h1>
          <p>Check you copied the entire web address from the email.</p>
          <p>You can also choose which emails you get in {accountLink} after signing in.</p>
        </>
      )
    case 'receiving':
      return (
        <>
          <h1>Stop emails about {view.about}?</h1>
          <p>You can turn them back on at any time in {accountLink}.</p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button className="nhsuk-button" type="submit">
              Stop these emails
            </button>
          </Form>
        </>
      )
    case 'stopped':
      return (
        <>
          <h1>{titles.stopped}</h1>
          <p>You will no longer get emails about {view.about}.</p>
          <p>You can change this at any time in {accountLink}.</p>
        </>
      )
    case 'mandatory':
      return (
        <>
          <h1>{titles.mandatory}</h1>
          <p>Your organisation sends emails about {view.about} to everyone, so they cannot be turned off.</p>
          <p>
            If you have a question about them, contact your line manager or your organisation’s learning and development
            team.
          </p>
        </>
      )
  }
}
