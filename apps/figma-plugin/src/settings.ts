declare const __TOKENCRAFT_URL__: string

/** The server chosen at build time (TOKENCRAFT_URL), until the user picks another. */
export const DEFAULT_SERVER_URL: string =
  typeof __TOKENCRAFT_URL__ === 'string' ? __TOKENCRAFT_URL__ : 'http://localhost:3000'

/** A server address as an origin (`https://tokens.example.com`), or null when it is not one. */
export function normalizeServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim())
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.origin
  } catch {
    return null
  }
}
