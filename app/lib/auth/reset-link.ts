// How long a password reset link works: the pages say it, the emails say it, the tokens expire by it.
export const RESET_LINK_LIFETIME_MINUTES = 60
export const RESET_LINK_LIFETIME_MS = RESET_LINK_LIFETIME_MINUTES * 60 * 1000
