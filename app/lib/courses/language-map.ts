// cmi5 titles and descriptions are language maps ({"en-GB": "…", "fr": "…"}). Staff read British English:
// take that, then any English, then whatever the course gave.
const PREFERRED = ['en-GB', 'en', 'en-US']

export function inEnglish(map: Record<string, string> | null | undefined): string {
  if (!map) return ''
  for (const tag of PREFERRED) {
    const text = map[tag]
    if (text) return text
  }
  const english = Object.entries(map).find(([tag, text]) => tag.toLowerCase().startsWith('en') && text)
  return english?.[1] ?? Object.values(map).find(Boolean) ?? ''
}
