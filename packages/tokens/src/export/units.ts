/** Unit conversions shared by the native exporters. */
import type { JsonValue } from '../types.ts'

/** Style Dictionary's `basePxFontSize`: 1rem is 16 points (iOS) or 16dp/sp (Android). */
export const BASE_PX_FONT_SIZE = 16

type Obj = Record<string, JsonValue>

/** A DTCG dimension in points: px as is, rem times the base font size. */
export function dimensionPoints(value: JsonValue): number {
  const { value: n, unit } = value as Obj
  return unit === 'rem' ? (n as number) * BASE_PX_FONT_SIZE : (n as number)
}

/** A DTCG duration in milliseconds. */
export function durationMs(value: JsonValue): number {
  const { value: n, unit } = value as Obj
  return unit === 's' ? (n as number) * 1000 : (n as number)
}
