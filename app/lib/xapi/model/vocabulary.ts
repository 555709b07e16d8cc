// Verbs the app uses (ADL vocabulary, as cmi5 uses them).
const adl = (verb: string) => `http://adlnet.gov/expapi/verbs/${verb}`

export const verbs = {
  launched: adl('launched'),
  initialized: adl('initialized'),
  experienced: adl('experienced'),
  progressed: adl('progressed'),
  suspended: adl('suspended'),
  resumed: adl('resumed'),
  terminated: adl('terminated'),
  answered: adl('answered'),
  passed: adl('passed'),
  failed: adl('failed'),
  completed: adl('completed'),
  scored: adl('scored'),
  voided: adl('voided'),
} as const

/** What a learner's own browser may say about them. Anything that could count as evidence comes from the server. */
export const BROWSER_VERBS: ReadonlySet<string> = new Set([
  verbs.launched,
  verbs.initialized,
  verbs.experienced,
  verbs.progressed,
  verbs.suspended,
  verbs.resumed,
  verbs.terminated,
])
