/**
 * DTCG 2025.10 examples per type: values the Format Module shows as valid, and values it rules
 * out, each with the words the error must contain. Shared by the parser tests and the
 * conformance test against Terrazzo.
 */
import type { JsonValue, TokenType } from '../../src/index.ts'

export const srgb = (r: number, g: number, b: number, alpha?: number) => ({
  colorSpace: 'srgb',
  components: [r, g, b],
  ...(alpha === undefined ? {} : { alpha }),
})
export const px = (value: number) => ({ value, unit: 'px' })
export const ms = (value: number) => ({ value, unit: 'ms' })

export type Example = { type: TokenType; value: JsonValue }
export type BadExample = Example & { error: string }

export const VALID: Record<string, Example> = {
  'color srgb': { type: 'color', value: srgb(0, 0.4, 0.8) },
  'color srgb with alpha and hex': {
    type: 'color',
    value: { colorSpace: 'srgb', components: [1, 0, 0.5], alpha: 0.5, hex: '#ff0080' },
  },
  'color oklch with none hue': {
    type: 'color',
    value: { colorSpace: 'oklch', components: [0.5, 0, 'none'] },
  },
  'color hsl': { type: 'color', value: { colorSpace: 'hsl', components: [120, 50, 50] } },
  'color display-p3': {
    type: 'color',
    value: { colorSpace: 'display-p3', components: [1, 0.2, 0.1] },
  },
  'color lab': { type: 'color', value: { colorSpace: 'lab', components: [50, -20, 30] } },
  'dimension px': { type: 'dimension', value: px(16) },
  'dimension rem': { type: 'dimension', value: { value: 1.5, unit: 'rem' } },
  'dimension negative': { type: 'dimension', value: px(-2) },
  'fontFamily name': { type: 'fontFamily', value: 'Comic Sans MS' },
  'fontFamily stack': { type: 'fontFamily', value: ['Helvetica', 'Arial', 'sans-serif'] },
  'fontWeight number': { type: 'fontWeight', value: 350 },
  'fontWeight keyword': { type: 'fontWeight', value: 'extra-bold' },
  'duration ms': { type: 'duration', value: ms(100) },
  'duration s': { type: 'duration', value: { value: 1.5, unit: 's' } },
  cubicBezier: { type: 'cubicBezier', value: [0.5, 0, 1, 1] },
  'cubicBezier overshoot': { type: 'cubicBezier', value: [0.3, -0.5, 0.7, 1.5] },
  number: { type: 'number', value: 1.5 },
  'strokeStyle keyword': { type: 'strokeStyle', value: 'dashed' },
  'strokeStyle object': {
    type: 'strokeStyle',
    value: { dashArray: [{ value: 0.5, unit: 'rem' }, px(2)], lineCap: 'round' },
  },
  border: { type: 'border', value: { color: srgb(0.2, 0.2, 0.2), width: px(3), style: 'solid' } },
  transition: {
    type: 'transition',
    value: { duration: ms(200), delay: ms(0), timingFunction: [0.5, 0, 1, 1] },
  },
  'shadow single': {
    type: 'shadow',
    value: {
      color: srgb(0, 0, 0, 0.5),
      offsetX: px(0.5),
      offsetY: px(0.5),
      blur: px(1.5),
      spread: px(0),
    },
  },
  'shadow layers with inset': {
    type: 'shadow',
    value: [
      { color: srgb(0, 0, 0, 0.1), offsetX: px(0), offsetY: px(24), blur: px(22), spread: px(0) },
      {
        color: srgb(0, 0, 0, 0.2),
        offsetX: px(0),
        offsetY: px(2),
        blur: px(4),
        spread: px(0),
        inset: true,
      },
    ],
  },
  gradient: {
    type: 'gradient',
    value: [
      { color: srgb(0, 0, 1), position: 0 },
      { color: srgb(1, 0, 0), position: 1 },
    ],
  },
  typography: {
    type: 'typography',
    value: {
      fontFamily: 'Roboto',
      fontSize: px(42),
      fontWeight: 700,
      letterSpacing: { value: 0.1, unit: 'px' },
      lineHeight: 1.2,
    },
  },
  fontSize: { type: 'fontSize', value: { value: 1.25, unit: 'rem' } },
  'lineHeight number': { type: 'lineHeight', value: 1.4 },
  'lineHeight dimension': { type: 'lineHeight', value: px(20) },
  letterSpacing: { type: 'letterSpacing', value: px(-0.5) },
  string: { type: 'string', value: 'Hello' },
  boolean: { type: 'boolean', value: false },
}

export const INVALID: Record<string, BadExample> = {
  'color as a hex string (pre-2025 syntax)': {
    type: 'color',
    value: '#ff0000',
    error: 'a color must be an object',
  },
  'color in an unknown space': {
    type: 'color',
    value: { colorSpace: 'cmyk', components: [1, 0, 0] },
    error: 'unknown color space',
  },
  'color with two components': {
    type: 'color',
    value: { colorSpace: 'srgb', components: [1, 0] },
    error: 'array of 3',
  },
  'color srgb out of range': { type: 'color', value: srgb(2, 0, 0), error: 'outside the range' },
  'color alpha above 1': { type: 'color', value: srgb(1, 0, 0, 2), error: 'from 0 to 1' },
  'color hex not 6 digits': {
    type: 'color',
    value: { colorSpace: 'srgb', components: [1, 0, 0], hex: 'red' },
    error: '6-digit hex',
  },
  'dimension as a string (pre-2025 syntax)': {
    type: 'dimension',
    value: '4px',
    error: 'must be an object',
  },
  'dimension in em': { type: 'dimension', value: { value: 4, unit: 'em' }, error: '"px" or "rem"' },
  'dimension value as a string': {
    type: 'dimension',
    value: { value: '4', unit: 'px' },
    error: 'must be a number',
  },
  'fontFamily number': { type: 'fontFamily', value: 3, error: 'font family' },
  'fontFamily empty stack': { type: 'fontFamily', value: [], error: 'non-empty array' },
  'fontWeight over 1000': { type: 'fontWeight', value: 1001, error: 'from 1 to 1000' },
  'fontWeight unknown keyword': { type: 'fontWeight', value: 'superbold', error: 'font weight' },
  'fontWeight numeric string': { type: 'fontWeight', value: '400', error: 'font weight' },
  'duration in minutes': {
    type: 'duration',
    value: { value: 1, unit: 'min' },
    error: '"ms" or "s"',
  },
  'cubicBezier x out of [0, 1]': {
    type: 'cubicBezier',
    value: [2, 0, 1, 1],
    error: 'between 0 and 1',
  },
  'cubicBezier of 3 numbers': { type: 'cubicBezier', value: [0, 0, 1], error: '4 numbers' },
  'number as a string': { type: 'number', value: '1', error: 'must be a number' },
  'strokeStyle unknown keyword': { type: 'strokeStyle', value: 'wavy', error: 'stroke style' },
  'strokeStyle bad lineCap': {
    type: 'strokeStyle',
    value: { dashArray: [px(1)], lineCap: 'pointy' },
    error: '"round", "butt" or "square"',
  },
  'border missing style': {
    type: 'border',
    value: { color: srgb(0, 0, 0), width: px(1) },
    error: 'missing style',
  },
  'border with an unknown property': {
    type: 'border',
    value: { color: srgb(0, 0, 0), width: px(1), style: 'solid', radius: px(2) },
    error: 'unknown properties radius',
  },
  'transition missing timingFunction': {
    type: 'transition',
    value: { duration: ms(1), delay: ms(0) },
    error: 'missing timingFunction',
  },
  'shadow missing spread': {
    type: 'shadow',
    value: { color: srgb(0, 0, 0), offsetX: px(0), offsetY: px(1), blur: px(2) },
    error: 'missing spread',
  },
  'shadow empty array': { type: 'shadow', value: [], error: 'at least one' },
  'gradient not an array': {
    type: 'gradient',
    value: { color: srgb(0, 0, 0), position: 0 },
    error: 'non-empty array',
  },
  'typography missing lineHeight': {
    type: 'typography',
    value: { fontFamily: 'Inter', fontSize: px(16), fontWeight: 400, letterSpacing: px(0) },
    error: 'missing lineHeight',
  },
  'typography fontSize as a number': {
    type: 'typography',
    value: {
      fontFamily: 'Inter',
      fontSize: 16,
      fontWeight: 400,
      letterSpacing: px(0),
      lineHeight: 1.5,
    },
    error: 'dimension must be an object',
  },
  'string as a number': { type: 'string', value: 4, error: 'must be a string' },
  'boolean as a string': { type: 'boolean', value: 'yes', error: 'true or false' },
}
