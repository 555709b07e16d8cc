import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { SuccessBanner } from '#app/components/success-banner.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { emailRulesFormSchema } from '#app/lib/notifications/notification-forms.ts'
import { reminderKinds, reminderKindWords } from '#app/lib/notifications/notification-kinds.ts'
import { mandatoryKinds, setMandatoryKinds } from '#app/lib/notifications/preferences.server.ts'

export const meta: MetaFunction = () => [{ title: 'Email rules – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const mandatory = await mandatoryKinds()
  return {
    kinds: reminderKinds.map((kind) => {
      const { adminLabel, adminDescription } = reminderKindWords[kind]
      return { kind, label: adminLabel, description: adminDescription, mandatory: mandatory.has(kind) }
    }),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = parseForm(await readFormData(request), emailRulesFormSchema)
  if (!form.ok) return data({ errors: form.errors }, { status: 400 })
  const { changed } = await setMandatoryKinds({ kinds: form.data.mandatory, actor: admin })
  return redirect(changed ? '/admin/notifications?saved=1' : '/admin/notifications?unchanged=1')
}

export default function EmailRulesPage() {
  const { kinds } = useLoaderData<typeof loader>()
  const errors = useActionData<typeof action>()?.errors
  const [searchParams] = useSearchParams()
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
          {errors ? null : searchParams.has('saved') ? (
            <SuccessBanner message="The email rules have been saved." />
          ) : searchParams.has('unchanged') ? (
            <SuccessBanner message="Nothing changed: the email rules were already as you chose." />
          ) : null}
          <ErrorSummary errors={errors} fields={['mandatory']} />
          <h1>Email rules</h1>
          <p>
            Staff choose which reminder emails they get on their account page. Every reminder also has a link to stop
            that kind of email.
          </p>
          <p>
            Tick a kind to make it mandatory, for example while a deadline matters. Everyone then gets it, even people
            who turned it off. If you untick it later, each person’s own choice applies again.
          </p>
          <p>Emails to reset a password are always sent. Changes are recorded in the audit log.</p>
          <Form method="post" noValidate>
            <Checkboxes
              name="mandatory"
              legend="Which emails must everyone get?"
              labelSize="m"
              hint="Select all that apply. Leave them all unticked to let staff choose every kind."
              error={errors?.mandatory}
              defaultValue={kinds.filter((kind) => kind.mandatory).map((kind) => kind.kind)}
              items={kinds.map((kind) => ({
                value: kind.kind,
                label: kind.label,
                hint: kind.description,
              }))}
            />
            <button className="nhsuk-button" type="submit">
              Save email rules
            </button>
          </Form>
        </div>
      </div>
    </>
  )
}
