// The XML parser's ordered output turned into elements that know their namespace, so a course structure can
// tell the cmi5 elements from a publisher's extensions whatever prefixes the file happens to use.

export interface XmlElement {
  /** The name as written, with any prefix. */
  name: string
  localName: string
  namespace: string | null
  attributes: Record<string, string>
  children: XmlElement[]
  /** The element's own text (its text and CDATA children joined), not its descendants'. */
  text: string
}

type Namespaces = Record<string, string>
type OrderedNode = Record<string, unknown>

const ATTRIBUTES = ':@'
const TEXT = '#text'

/** The document's root element from the parser's preserveOrder output, or null when there is none. */
export function readXmlTree(nodes: unknown[]): XmlElement | null {
  const elements = toElements(nodes, {})
  return elements[0] ?? null
}

function toElements(nodes: unknown[], inScope: Namespaces): XmlElement[] {
  const elements: XmlElement[] = []
  for (const node of nodes) {
    if (!isNode(node)) continue
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES && key !== TEXT)
    if (name === undefined) continue
    const attributes = readAttributes(node[ATTRIBUTES])
    const namespaces = { ...inScope }
    for (const [attribute, value] of Object.entries(attributes)) {
      if (attribute === 'xmlns') namespaces[''] = value
      else if (attribute.startsWith('xmlns:')) namespaces[attribute.slice('xmlns:'.length)] = value
    }
    const colon = name.indexOf(':')
    const prefix = colon === -1 ? '' : name.slice(0, colon)
    const content = Array.isArray(node[name]) ? (node[name] as unknown[]) : []
    elements.push({
      name,
      localName: colon === -1 ? name : name.slice(colon + 1),
      namespace: namespaces[prefix] ?? null,
      attributes,
      children: toElements(content, namespaces),
      text: content
        .filter(isNode)
        .map((child) => child[TEXT])
        .filter((text) => text !== undefined)
        .map(String)
        .join(''),
    })
  }
  return elements
}

function readAttributes(raw: unknown): Record<string, string> {
  if (!isNode(raw)) return {}
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, String(value)]))
}

function isNode(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
