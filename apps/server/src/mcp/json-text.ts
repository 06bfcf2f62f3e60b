/**
 * `JSON.stringify` that reuses texts already made. A tool answer carries its JSON twice (as
 * `structuredContent` and as text, SPEC §5), and a page served again from the read cache is the
 * same object as before: its text is made once, remembered while the object lives, and spliced
 * into each later answer instead of walking a hundred tokens again. The SDK validates a tool
 * result into a copy of its top level whose values are still ours, so texts are remembered one
 * level down as well.
 */
const texts = new WeakMap<object, string>()

/**
 * Long strings already written as JSON (the text content of a cached page, which is one string
 * object reused by every answer): escaping 25 KB again costs more than finding it here, since
 * V8 keeps a string's hash with the string. Bounded in characters held, oldest first out; a
 * string over a quarter of the budget (a large export) is escaped each time instead.
 */
const escaped = new Map<string, string>()
const LONG = 4096
const MAX_CHARS = 4 * 1024 * 1024
let heldChars = 0

function stringText(value: string): string {
  if (value.length < LONG) return JSON.stringify(value)
  let text = escaped.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    if (value.length + text.length > MAX_CHARS / 4) return text
    escaped.set(value, text)
    heldChars += value.length + text.length
    for (const [oldest, oldestText] of escaped) {
      if (heldChars <= MAX_CHARS) break
      escaped.delete(oldest)
      heldChars -= oldest.length + oldestText.length
    }
  }
  return text
}

/**
 * Exactly `JSON.stringify(value)` (undefined when that is), walking `depth` levels of plain
 * objects and arrays itself so that a remembered text below is reused; `remember` keeps the
 * texts made for the objects it reached, for the next call with the same objects.
 */
export function jsonText(value: unknown, depth = 0, remember = false): string | undefined {
  if (typeof value === 'string') return stringText(value)
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const known = texts.get(value)
  if (known !== undefined) return known
  let text: string | undefined
  if (depth <= 0 || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    text = JSON.stringify(value)
  } else if (Array.isArray(value)) {
    text = `[${Array.from(value, (item) => jsonText(item, depth - 1, remember) ?? 'null').join(',')}]`
  } else {
    const members: string[] = []
    for (const [key, item] of Object.entries(value)) {
      const itemText = jsonText(item, depth - 1, remember)
      if (itemText !== undefined) members.push(`${JSON.stringify(key)}:${itemText}`)
    }
    text = `{${members.join(',')}}`
  }
  if (remember && text !== undefined) texts.set(value, text)
  return text
}
