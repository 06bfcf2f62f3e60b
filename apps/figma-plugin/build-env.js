// The Tokencraft server the plugin talks to unless the user picks another in its settings.
export function serverUrlAtBuild() {
  const raw = process.env.TOKENCRAFT_URL || 'http://localhost:3000'
  return new URL(raw).origin
}
