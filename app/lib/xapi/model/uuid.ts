import { z } from 'zod'

// The standard string form of a UUID (xAPI Data 4.4), in either case. Any version and variant is accepted:
// the spec only recommends RFC 4122, and statement ids, registrations and bookmarks all come through here.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

export const uuidSchema = z.string().refine(isUuid, 'must be a UUID')
