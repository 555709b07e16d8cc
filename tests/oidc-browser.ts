// Just enough of a browser to sign in at the test OpenID provider (tests/oidc-provider.ts) without one: it keeps
// the provider's cookies (by path), follows redirects, and fills in the login and consent forms of
// oidc-provider's development pages, until the provider sends it back to the app's callback.

interface StoredCookie {
  name: string
  value: string
  path: string
}

export class CookieJar {
  private cookies: StoredCookie[] = []

  store(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator)
      const value = pair.slice(separator + 1)
      let path = '/'
      let expired = value === ''
      for (const attribute of attributes) {
        const [key = '', setting = ''] = attribute.split('=')
        if (key.toLowerCase() === 'path') path = setting
        if (key.toLowerCase() === 'max-age' && Number(setting) <= 0) expired = true
        if (key.toLowerCase() === 'expires' && new Date(setting).getTime() < Date.now()) expired = true
      }
      this.cookies = this.cookies.filter((cookie) => !(cookie.name === name && cookie.path === path))
      if (!expired) this.cookies.push({ name, value, path })
    }
  }

  header(url: string): string {
    const { pathname } = new URL(url)
    return this.cookies
      .filter((cookie) => pathname === cookie.path || pathname.startsWith(cookie.path.replace(/\/?$/, '/')))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ')
  }
}

/**
 * Follows an authorisation request through the provider's pages, signing in as `login` and agreeing to share,
 * and returns the address the provider sends the browser back to (the app's callback, not fetched).
 */
export async function signInAtProvider({
  authorizationUrl,
  login,
  callbackPrefix,
  jar = new CookieJar(),
}: {
  authorizationUrl: string
  login: string
  callbackPrefix: string
  jar?: CookieJar
}): Promise<string> {
  let url = authorizationUrl
  let init: { method: string; body?: URLSearchParams } = { method: 'GET' }
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(callbackPrefix)) return url
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { Cookie: jar.header(url) },
    })
    jar.store(response.headers.getSetCookie())
    const location = response.headers.get('Location')
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href
      init = { method: 'GET' }
      continue
    }
    const html = await response.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (response.status !== 200 || !action) {
      throw new Error(`The provider answered ${response.status} at ${url}: ${html.slice(0, 300)}`)
    }
    const body = new URLSearchParams()
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      body.set(name ?? '', value ?? '')
    }
    if (html.includes('name="login"')) {
      body.set('login', login)
      body.set('password', 'any password will do')
    }
    url = new URL(action.replace(/&amp;/g, '&'), url).href
    init = { method: 'POST', body }
  }
  throw new Error('The provider never sent the browser back to the app')
}
