import { STATUS_CODES } from 'node:http'
import { Layout } from '../Layout.tsx'

/**
 * Any error answered as a page (http/errors.tsx): a refused request (403 CSRF, 404, 413 form too
 * large, …) says what to change; a failure of ours says only its request id.
 */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  const statusLine = `${status} ${STATUS_CODES[status] ?? 'Error'}`
  return (
    <Layout title={statusLine} narrow>
      <h1>
        {status < 500 ? 'Something needs your attention' : 'Something went wrong on our side'}
      </h1>
      <p class="hint">{statusLine}</p>
      <p class="error" role="alert">
        {message}
      </p>
      <p>
        <a href="/">Back to Tokencraft</a>
      </p>
    </Layout>
  )
}
