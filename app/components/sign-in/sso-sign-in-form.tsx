import { Form } from '@remix-run/react'
import { Checkboxes } from '#app/components/forms/checkboxes.tsx'

export interface SsoButton {
  id: string
  label: string
}

export const SHARED_COMPUTER_LABEL = 'This is a shared computer'
export const SHARED_COMPUTER_HINT =
  'For example, a computer on a ward that other staff use. You will be signed out after 15 minutes without using the service.'

/**
 * The single sign-on buttons, one per provider, in one form with its own "shared computer" box. Each button posts
 * to its provider's /auth/<id>; the form has no text fields, so pressing Enter cannot pick the wrong button.
 */
export function SsoSignInForm({ providers, redirectTo }: { providers: SsoButton[]; redirectTo: string }) {
  const [first] = providers
  if (!first) return null
  return (
    <Form method="post" action={`/auth/${first.id}`} reloadDocument>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Checkboxes name="shared" items={[{ value: 'yes', label: SHARED_COMPUTER_LABEL, hint: SHARED_COMPUTER_HINT }]} />
      {providers.map((provider) => (
        <button
          key={provider.id}
          className="nhsuk-button"
          type="submit"
          formAction={provider.id === first.id ? undefined : `/auth/${provider.id}`}
        >
          Sign in with {provider.label}
        </button>
      ))}
    </Form>
  )
}
