import fs from 'node:fs'
import path from 'node:path'
import type { ModuleSource } from './module-source.server.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
}

/** An image file from the module's own folder, or null (unknown type, missing, or outside the folder). */
export function readModuleMedia({ module, file }: { module: ModuleSource; file: string }) {
  const name = path.basename(file)
  const contentType = CONTENT_TYPES[path.extname(name).toLowerCase()]
  const full = path.join(module.dir, name)
  if (!contentType || name !== file || !fs.existsSync(full)) return null
  return { body: fs.readFileSync(full), contentType }
}
