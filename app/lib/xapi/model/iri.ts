// xAPI identifies verbs, activities, activity types, extensions and more by IRI, and the LRS must reject any
// IRI or IRL "without a scheme" (xAPI Data 2.2). Full RFC 3987 validation is impractical and the spec allows
// best effort, so this checks the shape that matters for storage and comparison: a scheme, something after
// it, and no character that can never appear in an IRI.

// RFC 3986 3.1: a letter, then letters, digits, "+", "-" or ".".
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/

// Whitespace, control characters and the delimiters RFC 3987 leaves out of every IRI production. Excluding "|"
// matters beyond correctness: the store's agent keys use it as a separator after an account homePage.
// eslint-disable-next-line no-control-regex
const NEVER_IN_AN_IRI = /[\s\u0000-\u001F\u007F-\u009F<>"{}|\\^`]/u

// A "%" must start a percent-encoded octet.
const BROKEN_PERCENT_ENCODING = /%(?![0-9A-Fa-f]{2})/

// Schemes whose syntax requires a host after "//" (RFC 9110 4.2); "http:foo" or "http://" locate nothing.
const SCHEMES_NEEDING_A_HOST = new Set(['http', 'https'])

export function isAbsoluteIri(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const scheme = SCHEME.exec(value)?.[0]
  if (!scheme) return false
  const rest = value.slice(scheme.length)
  if (rest.length === 0) return false
  if (NEVER_IN_AN_IRI.test(value) || BROKEN_PERCENT_ENCODING.test(value)) return false
  // The fragment is everything after the first "#", and may not contain another.
  if (value.indexOf('#') !== value.lastIndexOf('#')) return false
  if (SCHEMES_NEEDING_A_HOST.has(scheme.slice(0, -1).toLowerCase())) {
    const host = /^\/\/(?:[^@/?#]*@)?([^/?#:]*)/.exec(rest)?.[1]
    if (!host) return false
  }
  return true
}
