import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { Cell } from '#app/components/responsive-table.tsx'
import { ErrorSummary } from '#app/components/error-summary.tsx'
import type { FieldErrors } from '#app/lib/forms/parse-form.ts'
import { TextField } from '#app/components/text-field.tsx'
import { requireAdmin } from '#app/lib/auth/current-user.server.ts'
import { formatDate } from '#app/lib/dates/dates.ts'
import { readFormData } from '#app/lib/forms/read-form.server.ts'
import { createLrsClient, disableLrsClient, listLrsClients } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { LRS_SCOPES, lrsScopeSchema } from '#app/lib/xapi/clients/lrs-scopes.ts'

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

const createSchema = z.object({
  intent: z.literal('create'),
  name: z.string().trim().min(1, 'Enter a name for the client').max(200, 'Name must be 200 characters or fewer'),
  scopes: z.array(lrsScopeSchema).min(1, 'Choose at least one scope'),
  trusted: z.boolean(),
})

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request)
  const form = await readFormData(request)
  if (form.get('intent') === 'disable') {
    await disableLrsClient({ id: String(form.get('clientId') ?? '') })
    return { created: null, errors: null }
  }
  const parsed = createSchema.safeParse({
    intent: form.get('intent'),
    name: form.get('name') ?? '',
    scopes: form.getAll('scopes').map(String),
    trusted: form.get('trusted') === 'yes',
  })
  if (!parsed.success) {
    const errors: FieldErrors = {}
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0] === 'scopes' ? 'scope-all' : issue.path[0])] ??= issue.message
    return data({ created: null, errors }, { status: 400 })
  }
  const { key, secret } = await createLrsClient({
    name: parsed.data.name,
    scopes: parsed.data.scopes,
    trustedForEvidence: parsed.data.trusted,
  })
  return { created: { name: parsed.data.name, key, secret }, errors: null }
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
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Client</dt>
              <dd className="nhsuk-summary-list__value">{actionData.created.name}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Key</dt>
              <dd className="nhsuk-summary-list__value app-break-anywhere">
                <code>{actionData.created.key}</code>
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Secret</dt>
              <dd className="nhsuk-summary-list__value app-break-anywhere">
                <code>{actionData.created.secret}</code>
              </dd>
            </div>
          </dl>
        </div>
      ) : null}

      <h2>Clients</h2>
      {clients.length === 0 ? (
        <p>No clients yet.</p>
      ) : (
        <table className="nhsuk-table-responsive">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">LRS clients</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Evidence</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
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
          </tbody>
        </table>
      )}

      <h2>Issue a new key</h2>
      <ErrorSummary errors={errors} order={['name', 'scope-all']} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <TextField name="name" label="Name of the system" error={errors?.name} maxLength={200} />
        <div className={`nhsuk-form-group${errors?.['scope-all'] ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="scopes-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What it may do</legend>
            <div className="nhsuk-hint" id="scopes-hint">
              Most courses need statements/write, statements/read/mine and state.
            </div>
            {errors?.['scope-all'] ? (
              <span className="nhsuk-error-message">
                <span className="nhsuk-u-visually-hidden">Error:</span> {errors['scope-all']}
              </span>
            ) : null}
            <div className="nhsuk-checkboxes">
              {LRS_SCOPES.map((scope) => (
                <div className="nhsuk-checkboxes__item" key={scope}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`scope-${scope.replaceAll('/', '-')}`}
                    name="scopes"
                    type="checkbox"
                    value={scope}
                  />
                  <label
                    className="nhsuk-label nhsuk-checkboxes__label"
                    htmlFor={`scope-${scope.replaceAll('/', '-')}`}
                  >
                    {scope}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="nhsuk-checkboxes nhsuk-form-group">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="trusted" name="trusted" type="checkbox" value="yes" />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="trusted">
              Trust its passes as competency evidence
            </label>
          </div>
        </div>
        <button className="nhsuk-button" type="submit">
          Issue key and secret
        </button>
      </Form>
    </>
  )
}
