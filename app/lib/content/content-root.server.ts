import path from 'node:path'

/** Where authors' files live; tests and `content:check <dir>` point elsewhere. */
export function defaultContentRoot(): string {
  return path.resolve(process.env.CONTENT_DIR ?? 'content')
}
