import type { ComponentChildren } from 'preact'
import { CSRF_FIELD } from '../auth/csrf.ts'

export type LayoutProps = {
  title: string
  /** the signed-in user's email; shows the navigation and "Log out" */
  email?: string | undefined
  /** needed for the "Log out" form when signed in */
  csrf?: string | undefined
  /** a narrow column for short forms (log-in, sign-up, consent) */
  narrow?: boolean
  children: ComponentChildren
}

/** The hidden CSRF field every POST form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />
}

/** A refusal shown above a form, announced to screen readers. */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null
}

/** The page frame of every server-rendered page: header, navigation, one stylesheet. */
export function Layout({ title, email, csrf, narrow, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Tokencraft`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            Tokencraft
          </a>
          {email ? (
            <>
              <a href="/">Tokens</a>
              <a href="/settings/api">API Settings</a>
              <span class="hint">{email}</span>
              {csrf ? (
                <form method="post" action="/logout">
                  <CsrfField token={csrf} />
                  <button type="submit" class="quiet">
                    Log out
                  </button>
                </form>
              ) : null}
            </>
          ) : (
            <>
              <a href="/login">Log in</a>
              <a href="/signup">Sign up</a>
            </>
          )}
        </header>
        <main class={narrow ? 'narrow' : undefined}>{children}</main>
      </body>
    </html>
  )
}
