// Values the assign form, the overdue list and the server share (safe to import in the browser).

/** The form value for "everything their role targets need". */
export const ROLE_TARGETS = 'role-targets'
export const ROLE_TARGETS_TITLE = 'Everything their role targets need'
/** Above this many people, the assign form does not offer a list to pick one from. */
export const MAX_PEOPLE_TO_CHOOSE_FROM = 300
/** How many current assignments the assign page lists. */
export const MAX_ASSIGNMENTS_LISTED = 200
/** The columns of the overdue list, shared by the page and its CSV. */
export const OVERDUE_COLUMNS = ['Person', 'Team', 'Assigned work', 'Due date', 'Days overdue'] as const
