/**
 * What a person types in the "New token" form → a DTCG value of the type: `#3366ff` for a
 * colour, `16px` for a dimension, `200ms` for a duration, numbers, booleans, an alias
 * `{colors.blue.500}`, or any DTCG value as JSON. An empty field gives no value in that mode.
 */
import type { JsonValue } from '@tokencraft/tokens'

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/i
const MEASURE = /^(-?\d+(?:\.\d+)?)([a-z%]+)$/i
const NUMERIC_TYPES = new Set(['number', 'fontWeight', 'lineHeight'])
const MEASURED_TYPES = new Set(['dimension', 'fontSize', 'letterSpacing', 'duration'])

function hexColor(text: string): JsonValue | undefined {
  const match = HEX.exec(text)
  if (!match) return undefined
  const [, r = '', g = '', b = ''] = match
  const channel = (hex: string | undefined) => Number.parseInt(hex ?? 'ff', 16) / 255
  const color: Record<string, JsonValue> = {
    colorSpace: 'srgb',
    components: [channel(r), channel(g), channel(b)],
    hex: `#${r}${g}${b}`.toLowerCase(),
  }
  if (match[4] !== undefined) color.alpha = channel(match[4])
  return color
}

export function formValue(type: string, input: string): JsonValue | undefined {
  const text = input.trim()
  if (text === '') return undefined
  if (text.startsWith('{') && text.endsWith('}') && !text.includes('"')) return text
  if (type === 'color') {
    const color = hexColor(text)
    if (color !== undefined) return color
  }
  if (MEASURED_TYPES.has(type)) {
    const match = MEASURE.exec(text)
    if (match) return { value: Number(match[1]), unit: match[2] as string }
  }
  if (NUMERIC_TYPES.has(type) && text !== '' && Number.isFinite(Number(text))) return Number(text)
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true'
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return text
  }
}
