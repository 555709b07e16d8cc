import fs from 'node:fs'
import type { Validated } from '#app/lib/content/yaml-with-lines.ts'
import { parseRoleProfileRules, type RoleProfileRules } from '#app/lib/workforce/role-profile-rules.ts'
import { parseStaffMapping, type StaffMapping } from '#app/lib/workforce/staff-mapping.ts'

// The checked-in files that configure the staff import, relative to the repository root (where the
// server and the scripts run).

export const defaultStaffMappingPath = 'workforce/esr-mapping.yaml'
export const defaultRoleProfileRulesPath = 'workforce/role-profile-rules.yaml'

function readYaml<T>(
  file: string,
  what: string,
  parseText: (input: { file: string; text: string }) => Validated<T>,
): Validated<T> {
  if (!fs.existsSync(file)) return { ok: false, problems: [{ file, line: 1, message: `the ${what} is missing` }] }
  return parseText({ file, text: fs.readFileSync(file, 'utf8') })
}

export function loadStaffMapping({ file = defaultStaffMappingPath }: { file?: string } = {}): Validated<StaffMapping> {
  return readYaml(file, 'staff list mapping file', parseStaffMapping)
}

export function loadRoleProfileRules({
  file = defaultRoleProfileRulesPath,
}: { file?: string } = {}): Validated<RoleProfileRules> {
  return readYaml(file, 'role profile rules file', parseRoleProfileRules)
}

/** For `npm run content:check`: every problem in the checked-in workforce files. */
export function checkWorkforceFiles({
  mappingFile = defaultStaffMappingPath,
  rulesFile = defaultRoleProfileRulesPath,
}: { mappingFile?: string; rulesFile?: string } = {}) {
  const results = [loadStaffMapping({ file: mappingFile }), loadRoleProfileRules({ file: rulesFile })]
  return { problems: results.flatMap((result) => (result.ok ? [] : result.problems)), files: [mappingFile, rulesFile] }
}
