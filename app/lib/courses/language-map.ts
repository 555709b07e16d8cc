// cmi5 titles and descriptions are language maps ({"en-GB": "…", "fr": "…"}). Staff read British English:
// take that, then plain English, then any other English, then text in no particular language ("und"), then
// whatever the course gave. One rule for every screen, so a course is named the same for learners and admins.

const ranked = [
  (tag: string) => tag === 'en-gb',
  (tag: string) => tag === 'en',
  (tag: string) => tag.startsWith('en-'),
  (tag: string) => tag === 'und',
]

export function inEnglish(map: Record<string, string> | null | undefined): string {
  if (!map) return ''
  const entries = Object.entries(map).filter(([, text]) => text)
  for (const matches of ranked) {
    const found = entries.find(([tag]) => matches(tag.toLowerCase()))
    if (found) return found[1]
  }
  return entries[0]?.[1] ?? ''
}
