/**
 * The MCP Streamable HTTP transport's DNS-rebinding rule (MCP 2025-06-18, Transports, "Security
 * Warning": servers MUST validate the Origin header, and answer 403 when it is present and not
 * allowed). A browser page can reach this server under a name its attacker controls (rebinding)
 * or call it cross-origin; either way its own origin is in `Origin`. Allowed on /api/mcp:
 * - no `Origin` at all: MCP clients that are programs (Cursor, Claude, VS Code, the SDK) send none;
 * - PUBLIC_URL's origin;
 * - loopback origins (`http://localhost:*`, `127.0.0.1`, `[::1]`): a client running on the
 *   person's own machine, such as the MCP Inspector; a rebinding page keeps its own domain;
 * - the origins listed in MCP_ALLOWED_ORIGINS.
 * Everything else, `null` included (sandboxed frames, local files), gets 403, the preflight too.
 */
import type { Middleware } from 'koa'

const MCP_PATH = '/api/mcp'
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export type OriginConfig = { publicUrl: string; mcpAllowedOrigins?: string[] | undefined }

/** Whether a browser page of `origin` may call /api/mcp. */
export function originAllowed(origin: string, config: OriginConfig): boolean {
  if (origin === new URL(config.publicUrl).origin) return true
  if (config.mcpAllowedOrigins?.includes(origin)) return true
  try {
    const url = new URL(origin)
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK_HOSTS.has(url.hostname) &&
      url.origin === origin
    )
  } catch {
    return false
  }
}

/** Mount before CORS, so that a refused origin's preflight is refused as well. */
export function mcpOriginCheck(config: OriginConfig): Middleware {
  return async (ctx, next) => {
    const origin = ctx.get('Origin')
    if (ctx.path !== MCP_PATH || origin === '' || originAllowed(origin, config)) return next()
    ctx.status = 403
    ctx.body = {
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Forbidden: this Origin may not call the MCP server' },
      id: null,
    }
  }
}
