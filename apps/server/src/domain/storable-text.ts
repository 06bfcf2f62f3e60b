/**
 * Text PostgreSQL can store. A `text` or `jsonb` value cannot hold U+0000, and a string with an
 * unpaired UTF-16 surrogate has no UTF-8 form at all: the driver would store U+FFFD in its
 * place, a silent change. Request input is checked with this before anything is looked up or
 * written, so that such text is refused with a message naming where it is.
 */

const NUL = '\u0000'
/** With the `u` flag a surrogate pair is one code point, so this matches unpaired halves only. */
const UNPAIRED_SURROGATE = /\p{Surrogate}/u

function problemOf(text: string): string | undefined {
  if (text.includes(NUL)) return 'text cannot contain the NUL character (\\u0000)'
  if (UNPAIRED_SURROGATE.test(text)) {
    return 'text must be valid Unicode (it holds an unpaired surrogate, \\ud800–\\udfff)'
  }
  return undefined
}

/** A value met on the walk, linked to its parent so that a path is built only when needed. */
type Visit = { value: unknown; key?: string | number; parent?: Visit }

function pathOf(visit: Visit, what: string): string {
  const path: (string | number)[] = []
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key ?? '')
  return path.length > 0 ? path.reverse().join('.') : what
}

/**
 * The first string or object key in a JSON value that cannot be stored, as
 * `path.to.it: what is wrong`, or undefined when every one can. Walks without recursion, so
 * that a deeply nested value cannot exhaust the stack.
 */
export function unstorableText(value: unknown, what = 'arguments'): string | undefined {
  const pending: Visit[] = [{ value }]
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const current = visit.value
    if (typeof current === 'string') {
      const problem = problemOf(current)
      if (problem) return `${pathOf(visit, what)}: ${problem}`
    } else if (Array.isArray(current)) {
      for (const [key, item] of current.entries()) pending.push({ value: item, key, parent: visit })
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const problem = problemOf(key)
        if (problem) return `${pathOf(visit, what)}: the key ${JSON.stringify(key)}: ${problem}`
        pending.push({ value: item, key, parent: visit })
      }
    }
  }
  return undefined
}
