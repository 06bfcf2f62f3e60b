import { MIN_PASSWORD_LENGTH } from '../../auth/password-policy.ts'
import { CsrfField, FormError, Layout } from '../Layout.tsx'

export type AccountFormProps = {
  mode: 'signup' | 'login'
  csrf: string
  next: string
  email?: string | undefined
  error?: string | undefined
}

const TEXT = {
  signup: {
    title: 'Sign up',
    action: '/signup',
    other: ['Already have an account?', '/login', 'Log in'],
  },
  login: { title: 'Log in', action: '/login', other: ['New to Tokencraft?', '/signup', 'Sign up'] },
} as const

/** Sign-up and log-in: the same two fields, a different button and destination. */
export function AccountForm({ mode, csrf, next, email, error }: AccountFormProps) {
  const text = TEXT[mode]
  const [question, href, link] = text.other
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`
  return (
    <Layout title={text.title} narrow>
      <h1>{text.title}</h1>
      <FormError message={error} />
      <form method="post" action={text.action + nextQuery} class="card">
        <CsrfField token={csrf} />
        <input type="hidden" name="next" value={next} />
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={email ?? ''}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete={mode === 'signup' ? 'new-password' : 'current-password'}
          minLength={mode === 'signup' ? MIN_PASSWORD_LENGTH : undefined}
          aria-describedby={mode === 'signup' ? 'password-rule' : undefined}
          required
        />
        {mode === 'signup' ? (
          <p id="password-rule" class="hint">
            {MIN_PASSWORD_LENGTH} characters or more; the most common passwords are refused.
          </p>
        ) : null}
        <div class="actions">
          <button type="submit">{text.title}</button>
        </div>
      </form>
      <p class="hint">
        {question} <a href={href + nextQuery}>{link}</a>
      </p>
    </Layout>
  )
}
