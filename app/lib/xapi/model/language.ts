// Language map keys and context.language must be RFC 5646 language tags. The LRS "MUST at least validate that
// the sequence of token lengths" matches RFC 5646 (xAPI Data 2.2); this checks the full well-formedness grammar
// of RFC 5646 section 2.1 (not registry validity: "xx-ZZ" is well formed even though neither subtag exists).

// RFC 5646 2.2.8: tags registered before RFC 4646 that do not fit the grammar (or fit it only by accident).
const GRANDFATHERED = new Set(
  [
    'en-GB-oed',
    'i-ami',
    'i-bnn',
    'i-default',
    'i-enochian',
    'i-hak',
    'i-klingon',
    'i-lux',
    'i-mingo',
    'i-navajo',
    'i-pwn',
    'i-tao',
    'i-tay',
    'i-tsu',
    'sgn-BE-FR',
    'sgn-BE-NL',
    'sgn-CH-DE',
    'art-lojban',
    'cel-gaulish',
    'no-bok',
    'no-nyn',
    'zh-guoyu',
    'zh-hakka',
    'zh-min',
    'zh-min-nan',
    'zh-xiang',
  ].map((tag) => tag.toLowerCase()),
)

const PRIMARY_LANGUAGE = /^[a-z]{2,8}$/
const EXTLANG = /^[a-z]{3}$/
const SCRIPT = /^[a-z]{4}$/
const REGION = /^(?:[a-z]{2}|[0-9]{3})$/
const VARIANT = /^(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/
// Any single letter or digit except "x", which introduces private use.
const SINGLETON = /^[a-wyz0-9]$/
const EXTENSION_SUBTAG = /^[a-z0-9]{2,8}$/
const PRIVATE_USE_SUBTAG = /^[a-z0-9]{1,8}$/

export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false
  // Tags are case-insensitive (RFC 5646 2.1.1), so the grammar is checked on the lower-cased form.
  const tag = value.toLowerCase()
  if (GRANDFATHERED.has(tag)) return true
  const subtags = tag.split('-')
  let at = 0
  const next = () => subtags[at]

  if (next() === 'x') return isPrivateUse(subtags.slice(1))

  const language = next()
  if (language === undefined || !PRIMARY_LANGUAGE.test(language)) return false
  at++
  // Up to three extended language subtags may follow a two- or three-letter primary language.
  if (language.length <= 3) {
    for (let extlangs = 0; extlangs < 3 && EXTLANG.test(next() ?? ''); extlangs++) at++
  }
  if (SCRIPT.test(next() ?? '')) at++
  if (REGION.test(next() ?? '')) at++

  // RFC 5646 2.2.5 and 2.2.6: a variant, or an extension's singleton, may appear only once.
  const variants = new Set<string>()
  for (let variant = next(); variant !== undefined && VARIANT.test(variant); variant = next()) {
    if (variants.has(variant)) return false
    variants.add(variant)
    at++
  }
  const singletons = new Set<string>()
  for (let singleton = next(); singleton !== undefined && SINGLETON.test(singleton); singleton = next()) {
    if (singletons.has(singleton)) return false
    singletons.add(singleton)
    at++
    const start = at
    while (EXTENSION_SUBTAG.test(next() ?? '')) at++
    if (at === start) return false // an extension needs at least one subtag after its singleton
  }

  if (next() === 'x') return isPrivateUse(subtags.slice(at + 1))
  return at === subtags.length
}

function isPrivateUse(subtags: string[]): boolean {
  return subtags.length > 0 && subtags.every((subtag) => PRIVATE_USE_SUBTAG.test(subtag))
}
