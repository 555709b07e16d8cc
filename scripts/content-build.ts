import { loadModules } from '#app/lib/content/catalogue.server.ts'
import { COMPILE_CACHE_DIR, compileModule } from '#app/lib/content/compile.server.ts'
import path from 'node:path'

// Part of `npm run build`: compile every published module into the disk cache, so no visitor waits.
const modules = loadModules({ includeDrafts: false })
for (const module of modules) await compileModule(module)
console.log(`Precompiled ${modules.length} published modules into ${path.relative(process.cwd(), COMPILE_CACHE_DIR)}`)
