import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { Radios } from '#app/components/forms/radios.tsx'
import { TextArea } from '#app/components/forms/text-area.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { signInSettingsOf } from '#app/lib/auth/sign-in-methods.server.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { publicProvider, ssoProviders } from '#app/lib/sso/providers.server.ts'
import {
  HELP_CONTACT_MAX,
  SIGN_IN_SETTINGS_FIELDS,
  signInMethodLabels,
  signInSettingsFormSchema,
} from '#app/lib/sso/sign-in-settings-form.ts'
import { findOrganisation, saveSignInSettings } from '#app/lib/sso/sign-in-settings.server.ts'

// An organisation's sign-in settings: password, single sign-on or both; the trusted providers and Microsoft
// tenants; the email domains those sign-ins vouch for; what happens to someone unknown; whom staff contact.

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `How people sign in – ${loaded?.organisation.name ?? 'Organisation'} – Digital skills` },
]

async function requireOrganisation(unitId: string | undefined) {
  const organisation = await findOrganisation({ unitId: unitId ?? '' })
  if (!organisation) throw new Response('Not found', { status: 404 })
  return organisation
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const organisation = await requireOrganisation(params.unitId)
  const settings = await signInSettingsOf({ organisation })
  return {
    organisation,
    providers: ssoProviders().map(publicProvider),
    current: {
      methods: settings.methods,
      providers: settings.providers,
      tenantIds: settings.tenantIds.join('\n'),
      emailDomains: settings.emailDomains.join('\n'),
      createUnknown: settings.createUnknown ? 'yes' : 'no',
      helpContact: settings.helpContact ?? '',
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const organisation = await requireOrganisation(params.unitId)
  const form = parseForm(await readFormData(request), signInSettingsFormSchema(ssoProviders()))
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const saved = await saveSignInSettings({
    actor: { id: admin.id, name: admin.name, isAdmin: admin.isAdmin },
    unitId: organisation.id,
    form: form.data,
  })
  if (!saved) throw new Response('Not found', { status: 404 })
  return redirect(`/admin/units/${organisation.id}?done=sign-in-changed`)
}

export default function OrganisationSignInPage() {
  const { organisation, providers, current } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const values = actionData?.values
  const text = (name: keyof typeof current) => {
    const value = values?.[name]
    return typeof value === 'string' ? value : String(current[name])
  }
  const chosenProviders = Array.isArray(values?.providers) ? values.providers : current.providers
  const microsoft = providers.some((provider) => provider.type === 'entra')
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: 'Home', to: '/' },
          { label: 'Organisation units', to: '/admin/units' },
          { label: organisation.name, to: `/admin/units/${organisation.id}` },
        ]}
      />
      <ErrorSummary errors={errors} fields={[...SIGN_IN_SETTINGS_FIELDS]} />
      <span className="nhsuk-caption-l">{organisation.name}</span>
      <h1>How people sign in</h1>
      {providers.length === 0 ? (
        <p>
          Single sign-on is not set up for this service, so everyone signs in with their email address and a password.
          Whoever runs the service sets it up (see “Single sign-on” in the README).
        </p>
      ) : (
        <Form method="post" noValidate>
          <Radios
            name="methods"
            legend={`How do people in ${organisation.name} sign in?`}
            labelSize="m"
            error={errors?.methods}
            defaultValue={text('methods')}
            items={[
              { value: 'password', label: signInMethodLabels.password },
              {
                value: 'sso',
                label: signInMethodLabels.sso,
                hint: 'The password form is not offered to them. Administrators can still sign in with a password if the sign-in service is down.',
              },
              { value: 'both', label: signInMethodLabels.both },
            ]}
          />
          <Checkboxes
            name="providers"
            legend="Which sign-in services can they use?"
            labelSize="s"
            error={errors?.providers}
            defaultValue={chosenProviders}
            items={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
          />
          {microsoft ? (
            <TextArea
              name="tenantIds"
              label="Microsoft tenant ids to accept"
              labelSize="s"
              hint="One on each line. Sign-ins from any other Microsoft tenant are refused, even by a valid account. Your IT team can find your tenant id in the Microsoft Entra admin centre, under Overview. NHSmail is one Microsoft tenant shared across the NHS: your NHSmail local administrator can tell you its id."
              rows={3}
              spellCheck={false}
              error={errors?.tenantIds}
              defaultValue={text('tenantIds')}
            />
          ) : null}
          <TextArea
            name="emailDomains"
            label="Email domains these sign-ins can vouch for"
            labelSize="s"
            hint="One on each line, like nhs.net. The first time someone signs in, they are linked to the person in the staff list with the same work email only if the sign-in service says it has checked the address, or the address ends in one of these domains."
            rows={3}
            spellCheck={false}
            error={errors?.emailDomains}
            defaultValue={text('emailDomains')}
          />
          <Radios
            name="createUnknown"
            legend="If someone who is not in the staff list signs in"
            labelSize="s"
            error={errors?.createUnknown}
            defaultValue={text('createUnknown')}
            items={[
              { value: 'no', label: 'Refuse them, and tell them whom to contact' },
              {
                value: 'yes',
                label: 'Add them, for an administrator to place in a team',
                hint: 'They are listed under People not in a team until someone places them.',
              },
            ]}
          />
          <TextField
            name="helpContact"
            label="Who should staff contact about signing in? (optional)"
            labelSize="s"
            hint="Shown to people who cannot sign in. For example: the IT service desk on 01234 567890."
            maxLength={HELP_CONTACT_MAX}
            error={errors?.helpContact}
            defaultValue={text('helpContact')}
          />
          <button className="nhsuk-button" type="submit">
            Save how people sign in
          </button>
        </Form>
      )}
      <p>
        <Link to={`/admin/units/${organisation.id}`}>Back to {organisation.name}</Link>
      </p>
    </>
  )
}
