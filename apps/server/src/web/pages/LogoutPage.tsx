import { CsrfField, Layout } from '../Layout.tsx'

/** GET /logout: a confirmation, since only a POST (with its CSRF token) ends the session. */
export function LogoutPage({ email, csrf }: { email: string; csrf: string }) {
  return (
    <Layout title="Log out" email={email} narrow>
      <h1>Log out</h1>
      <form method="post" action="/logout" class="card">
        <CsrfField token={csrf} />
        <p>You are signed in as {email}.</p>
        <button type="submit">Log out</button>
      </form>
    </Layout>
  )
}
