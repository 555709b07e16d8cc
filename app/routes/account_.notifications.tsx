import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { requireUser, rolesOf } from '#app/lib/auth/current-user.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { emailChoices, saveEmailChoices } from '#app/lib/notifications/email-choices.server.ts'
import { emailChoicesFormSchema } from '#app/lib/notifications/notification-forms.ts'

export const meta: MetaFunction = () => [{ title: 'Emails you get – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { manager } = await rolesOf(user)
  return emailChoices({ userId: user.id, manager })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = parseForm(await readFormData(request), emailChoicesFormSchema)
  if (!form.ok) return data({ errors: form.errors }, { status: 400 })
  const { manager } = await rolesOf(user)
  await saveEmailChoices({ userId: user.id, manager, wanted: form.data.wanted })
  return redirect('/account/notifications?saved=1')
}

export default function EmailChoicesPage() {
  const { offered, alwaysSent } = useLoaderData<typeof loader>()
  const errors = useActionData<typeof action>()?.errors
  const [searchParams] = useSearchParams()
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'My account', to: '/account' },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {searchParams.has('saved') && !errors ? (
            <SuccessBanner message="Your email choices have been saved." />
          ) : null}
          <ErrorSummary errors={errors} fields={['wanted']} />
          <h1>Emails you get</h1>
          <p>We email you about your learning. Choose which of these emails you want.</p>
          <p>Emails to reset your password are always sent.</p>
          {offered.length > 0 ? (
            <Form method="post" noValidate>
              <Checkboxes
                name="wanted"
                legend="Which emails do you want?"
                labelSize="m"
                hint="Untick any you do not want."
                error={errors?.wanted}
                defaultValue={offered.filter((choice) => choice.wanted).map((choice) => choice.kind)}
                items={offered.map((choice) => ({ value: choice.kind, label: choice.label, hint: choice.description }))}
              />
              <button className="nhsuk-button" type="submit">
                Save email choices
              </button>
            </Form>
          ) : null}
          {alwaysSent.length > 0 ? (
            <>
              <h2>Emails you always get</h2>
              <p>Your organisation sends these to everyone, so they cannot be turned off.</p>
              <ul>
                {alwaysSent.map((choice) => (
                  <li key={choice.kind}>
                    <strong>{choice.label}</strong>
                    <br />
                    {choice.description}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </>
  )
}
