import { Layout } from '../../web/Layout.tsx'

/**
 * An authorization request that cannot be answered to the client (RFC 6749 §4.1.2.1: unknown
 * client, unregistered redirect URI) or has lapsed: the user is told here, never redirected.
 */
export function OAuthErrorPage({ message }: { message: string }) {
  return (
    <Layout title="Cannot authorize" narrow>
      <h1>This authorization request cannot be completed</h1>
      <p role="alert">{message}</p>
      <p>Go back to the application and start connecting again.</p>
    </Layout>
  )
}
