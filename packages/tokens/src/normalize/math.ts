/**
 * Arithmetic in token values, as Tokens Studio writes it (`{space.1} * 2`, `{size.base} / 2 +
 * 4px`, `-{space.2}`): numbers with a unit or none, references, + − × ÷ and parentheses. The
 * result is a number or one measure (`8px`); units must agree (rem is not mixed with px, since
 * the px size of a rem is the reader's), a measure is multiplied or divided by plain numbers.
 */
import { type Measure, readMeasure } from './measure.ts'

/** What a reference stands for: its number or measure, or a reason it has none. */
export type ReadReference = (name: string) => Measure | string

type Token = { kind: 'num'; measure: Measure } | { kind: 'op'; op: string }

const TOKEN = /\s*(?:(\{[^{}]+\})|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?[a-z%]*)|([-+*/()]))/iy

/**
 * Whether `text` is an expression: it reads as numbers, references and operators alone, with at
 * least one operator between two operands (so `-2px` and `{a.b}` are not).
 */
export function isExpression(text: string): boolean {
  let tokens: Token[]
  try {
    tokens = tokenize(text, () => ({ value: 1, unit: '' }))
  } catch {
    return false
  }
  const operand = (t: Token | undefined) => t?.kind === 'num' || (t?.kind === 'op' && t.op === ')')
  return tokens.some((t, i) => t.kind === 'op' && '+-*/'.includes(t.op) && operand(tokens[i - 1]))
}

class MathError extends Error {}

function tokenize(text: string, read: ReadReference): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  let at = 0
  while (at < text.length) {
    if (text.slice(at).trim() === '') break
    TOKEN.lastIndex = at
    const match = TOKEN.exec(text)
    if (!match) throw new MathError(`cannot read "${text.slice(at).trim()}"`)
    at = TOKEN.lastIndex
    if (match[1]) {
      const name = match[1].slice(1, -1)
      const value = read(name)
      if (typeof value === 'string') throw new MathError(`{${name}} ${value}`)
      tokens.push({ kind: 'num', measure: value })
    } else if (match[2]) {
      const measure = readMeasure(match[2])
      if (!measure) throw new MathError(`"${match[2]}" is not a number`)
      tokens.push({ kind: 'num', measure })
    } else {
      tokens.push({ kind: 'op', op: match[3] as string })
    }
  }
  return tokens
}

function combine(op: string, a: Measure, b: Measure): Measure {
  if (op === '+' || op === '-') {
    if (a.unit !== b.unit && a.value !== 0 && b.value !== 0) {
      throw new MathError(`cannot add ${a.unit || 'a number'} and ${b.unit || 'a number'}`)
    }
    const unit = a.unit || b.unit
    return { value: op === '+' ? a.value + b.value : a.value - b.value, unit }
  }
  if (op === '*') {
    if (a.unit && b.unit) throw new MathError(`cannot multiply ${a.unit} by ${b.unit}`)
    return { value: a.value * b.value, unit: a.unit || b.unit }
  }
  if (b.value === 0) throw new MathError('division by zero')
  if (b.unit && a.unit !== b.unit) throw new MathError(`cannot divide by ${b.unit}`)
  return { value: a.value / b.value, unit: b.unit ? '' : a.unit }
}

/**
 * Evaluates `text`: the measure it comes to (unit "" for a plain number), or why it cannot be
 * evaluated. Floating-point noise is rounded away (0.1 × 3 is 0.3).
 */
export function evaluate(text: string, read: ReadReference): Measure | { problem: string } {
  try {
    const tokens = tokenize(text, read)
    let at = 0
    const peek = () => tokens[at]
    const isOp = (op: string) => {
      const t = peek()
      return t?.kind === 'op' && t.op === op
    }
    const primary = (): Measure => {
      const t = tokens[at++]
      if (!t) throw new MathError('ends too early')
      if (t.kind === 'num') return t.measure
      if (t.op === '-') {
        const inner = primary()
        return { value: -inner.value, unit: inner.unit }
      }
      if (t.op === '+') return primary()
      if (t.op === '(') {
        const inner = sum()
        if (!isOp(')')) throw new MathError('a parenthesis is not closed')
        at++
        return inner
      }
      throw new MathError(`unexpected "${t.op}"`)
    }
    const product = (): Measure => {
      let left = primary()
      while (isOp('*') || isOp('/')) {
        const op = (tokens[at++] as { op: string }).op
        left = combine(op, left, primary())
      }
      return left
    }
    const sum = (): Measure => {
      let left = product()
      while (isOp('+') || isOp('-')) {
        const op = (tokens[at++] as { op: string }).op
        left = combine(op, left, product())
      }
      return left
    }
    const result = sum()
    if (at !== tokens.length) throw new MathError('has more after the expression')
    return { value: Number(result.value.toPrecision(12)), unit: result.unit }
  } catch (error) {
    if (error instanceof MathError) return { problem: error.message }
    throw error
  }
}
