import axios from 'axios'
import { NotifyClient } from 'notifications-node-client'
import { type NotifyMailSettings } from '#app/lib/env.server.ts'
import { type MailTransport } from './mail-transport.ts'
import { classifyNotifyError } from './notify-failure.ts'

/**
 * Sends through GOV.UK Notify. Notify holds the wording in one template per kind; we send only the template's
 * placeholders, the reference (so a retried job is recognisably the same message) and, for the kinds people can
 * turn off, the one-click unsubscribe address, which Notify puts in the List-Unsubscribe headers.
 */
export function createNotifyTransport(settings: NotifyMailSettings): MailTransport {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey)
  // The client's HTTP library waits for ever by default; a hung request would hold a job until its lease ran out.
  client.setClient(axios.create({ timeout: 30_000 }))

  return {
    async send(message) {
      try {
        const response = await client.sendEmail(settings.templates[message.kind], message.to, {
          personalisation: message.personalisation,
          reference: message.reference,
          oneClickUnsubscribeURL: message.unsubscribeUrl,
        })
        return { providerId: response.data.id }
      } catch (error) {
        throw classifyNotifyError(error) ?? error
      }
    },
    close() {},
  }
}
