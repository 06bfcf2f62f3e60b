import { Layout } from '../Layout.tsx'

/** A refused page request (403 CSRF, 413 body too large, …) as a page, not a bare text line. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <Layout title={`Error ${status}`} narrow>
      <h1>Something needs your attention</h1>
      <p class="error" role="alert">
        {message}
      </p>
      <p>
        <a href="/">Back to Tokencraft</a>
      </p>
    </Layout>
  )
}
