import { serverUrlAtBuild } from './build-env.js'

// Figma only lets the plugin reach the domains its manifest names (networkAccess); the server
// chosen at build time is one of them, and a self-hosted one can be added by rebuilding with
// TOKENCRAFT_URL set.
export default function (manifest) {
  const server = serverUrlAtBuild()
  return {
    ...manifest,
    networkAccess: {
      allowedDomains: [server],
      reasoning: 'The plugin signs in to and syncs tokens with this Tokencraft server.',
      ...(new URL(server).hostname === 'localhost' ? { devAllowedDomains: [server] } : {}),
    },
  }
}
