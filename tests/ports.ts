import { createServer } from 'node:net'

/** A port on localhost that nothing listens on (it was free a moment ago), for "the server is down" tests. */
export async function aClosedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('The operating system gave no port')
  return address.port
}
