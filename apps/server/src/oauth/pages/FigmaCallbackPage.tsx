import { Layout } from '../../web/Layout.tsx'

/** The page the Figma bridge's redirect lands on (SPEC §8): the plugin takes it from here. */
export function FigmaCallbackPage({ outcome }: { outcome: 'approved' | 'denied' | 'failed' }) {
  const heading = {
    approved: 'Tokencraft is connected',
    denied: 'Access denied',
    failed: 'Sign-in did not complete',
  }[outcome]
  const detail = {
    approved: 'Return to Figma: the Tokencraft plugin finishes signing you in by itself.',
    denied: 'Return to Figma. Nothing was shared with the Tokencraft plugin.',
    failed: 'Return to Figma and choose Connect again.',
  }[outcome]
  return (
    <Layout title={heading} narrow>
      <h1>{heading}</h1>
      <p>{detail}</p>
      <p class="hint">You can close this tab.</p>
    </Layout>
  )
}
