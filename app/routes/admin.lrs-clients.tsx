import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell, ResponsiveTable } from '#app/components/responsive-table.tsx'
import { SummaryList, SummaryRow } from '#app/components/summary-list.tsx'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'
import { ErrorSummary } from '#app/components/forms/error-summary.tsx'
import { TextField } from '#app/components/forms/text-field.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { parseForm } from '#app/lib/forms/parse-form.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { lrsClientFormSchema } from '#app/lib/xapi/clients/lrs-client-form.ts'
import { createLrsClient, disableLrsClient, listLrsClients } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { LRS_SCOPES } from '#app/lib/xapi/clients/lrs-scopes.ts'

export const meta: MetaFunction = () => [{ title: 'LRS clients – Digital skills' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const clients = await listLrsClients()
  return {
    endpoint: `${new URL(request.url).origin}/xapi/`,
    clients: clients.map((client) => ({
      ...client,
      createdAt: formatDate(client.createdAt),
      disabled: client.disabledAt !== null,
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request)
  const form = parseForm(await readFormData(request), lrsClientFormSchema)
  if (!form.ok) return data({ created: null, errors: form.errors }, { status: 400 })
  if (form.data.intent === 'disable') {
    await disableLrsClient({ id: form.data.clientId })
    return { created: null, errors: null }
  }
  const { name, scopes, trusted } = form.data
  const { key, secret } = await createLrsClient({ name, scopes, trustedForEvidence: trusted })
  return { created: { name, key, secret }, errors: null }
}

export default function LrsClientsPage() {
  const { endpoint, clients } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? undefined
  return (
    <>
      <Breadcrumbs trail={[{ label: 'Home', to: '/' }]} />
      <h1>LRS clients</h1>
      <p>
        Other systems (for example, xAPI courses from a supplier) send learning records to <code>{endpoint}</code> using
        a key and secret issued here.
      </p>
      {actionData?.created ? (
        <div className="nhsuk-warning-callout" role="status">
          <h2 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>Copy the secret now
          </h2>
          <p>It is not stored and cannot be shown again. Give it to the system&apos;s owner securely.</p>
          <SummaryList>
            <SummaryRow label="Client">{actionData.created.name}</SummaryRow>
            <SummaryRow label="Key" valueClassName="app-break-anywhere">
              <code>{actionData.created.key}</code>
            </SummaryRow>
            <SummaryRow label="Secret" valueClassName="app-break-anywhere">
              <code>{actionData.created.secret}</code>
            </SummaryRow>
          </SummaryList>
        </div>
      ) : null}

      <h2>Clients</h2>
      {clients.length === 0 ? (
        <p>No clients yet.</p>
      ) : (
        <ResponsiveTable
          caption="LRS clients"
          captionClassName="nhsuk-u-visually-hidden"
          columns={['Name', 'Key', 'Scopes', 'Evidence', 'Status']}
        >
          {clients.map((client) => (
            <tr className="nhsuk-table__row" key={client.id}>
              <Cell heading="Name">{client.name}</Cell>
              <Cell heading="Key" className="app-break-anywhere">
                <code>{client.key}</code>
              </Cell>
              <Cell heading="Scopes">{client.scopes.join(', ')}</Cell>
              <Cell heading="Evidence">{client.trustedForEvidence ? 'Trusted' : 'Not trusted'}</Cell>
              <Cell heading="Status">
                {client.disabled ? (
                  'Disabled'
                ) : (
                  <Form method="post">
                    <input type="hidden" name="clientId" value={client.id} />
                    <button className="app-link-button" type="submit" name="intent" value="disable">
                      Disable <span className="nhsuk-u-visually-hidden">{client.name}</span>
                    </button>
                  </Form>
                )}
              </Cell>
            </tr>
          ))}
        </ResponsiveTable>
      )}

      <h2>Issue a new key</h2>
      <ErrorSummary errors={errors} fields={['name', 'scopes']} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <TextField name="name" label="Name of the system" error={errors?.name} maxLength={200} />
        <Checkboxes
          name="scopes"
          legend="What it may do"
          labelSize="s"
          hint="Most courses need statements/write, statements/read/mine and state."
          error={errors?.scopes}
          items={LRS_SCOPES.map((scope) => ({ value: scope, label: scope }))}
        />
        <Checkboxes name="trusted" items={[{ value: 'yes', label: 'Trust its passes as competency evidence' }]} />
        <button className="nhsuk-button" type="submit">
          Issue key and secret
        </button>
      </Form>
    </>
  )
}
