/**
 * The command-line client `tokencraft` (apps/cli): every server pre-registers it as a public
 * native client (RFC 8252), so the CLI needs no registration of its own. It receives the code on
 * a loopback redirect, `http://127.0.0.1:{any port}/callback`: the server ignores the port of a
 * loopback redirect URI (RFC 8252 §7.3), because the CLI listens on whichever port is free.
 */
export const CLI_CLIENT_ID = 'tokencraft-cli'
export const CLI_CLIENT_NAME = 'Tokencraft CLI'
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback'
