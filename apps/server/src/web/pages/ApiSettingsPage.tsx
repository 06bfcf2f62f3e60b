import { SCOPE_DESCRIPTIONS, SCOPES } from '@tokencraft/shared'
import type { TokenListing } from '../../auth/api-tokens.ts'
import { CsrfField, FormError, Layout } from '../Layout.tsx'

/** The expiry choices of the create form, in days; "" is never. */
export const EXPIRY_CHOICES = ['', '7', '30', '90', '365'] as const

export type ApiSettingsProps = {
  email: string
  csrf: string
  tokens: TokenListing[]
  /** the token just created: shown once, here, and never again */
  newToken?: string | undefined
  error?: string | undefined
  /** what the user typed, kept when the form is refused */
  form?: { name: string; scopes: string[]; expiresInDays: string }
}

function DateCell({ label, date, empty }: { label: string; date: Date | null; empty: string }) {
  return (
    <td data-label={label}>
      {date ? <time dateTime={date.toISOString()}>{formatDate(date)}</time> : empty}
    </td>
  )
}

/** `2026-11-26 21:04 UTC`: unambiguous, the same for every reader. */
function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function NewToken({ token }: { token: string }) {
  return (
    <section class="secret" aria-labelledby="new-token-title">
      <h2 id="new-token-title">Your new token</h2>
      <p>Copy it now: it is shown only once.</p>
      <code data-testid="new-token">{token}</code>
      <button type="button" class="quiet" data-copy="new-token" hidden>
        Copy
      </button>
      <script src="/assets/copy.js" defer />
    </section>
  )
}

function TokenTable({ tokens, csrf }: { tokens: TokenListing[]; csrf: string }) {
  if (tokens.length === 0) return <p class="hint">No tokens yet.</p>
  return (
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Scopes</th>
          <th>Created</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>
            <span class="hint">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} data-token-id={token.id}>
            <td data-label="Name">
              {token.name}{' '}
              <span class="hint">
                ({token.kind === 'manual' ? 'API key' : 'OAuth'} …{token.hint})
              </span>
            </td>
            <td data-label="Scopes">{token.scopes.join(' ')}</td>
            <DateCell label="Created" date={token.createdAt} empty="" />
            <DateCell label="Last used" date={token.lastUsedAt} empty="Never" />
            <DateCell label="Expires" date={token.expiresAt} empty="Never" />
            <td>
              <form
                method="post"
                action={`/settings/api/tokens/${encodeURIComponent(token.id)}/delete`}
              >
                <CsrfField token={csrf} />
                <button type="submit" class="danger">
                  Delete
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** API Settings (SPEC §2): every token of the user, a form to create one, and delete buttons. */
export function ApiSettingsPage({ email, csrf, tokens, newToken, error, form }: ApiSettingsProps) {
  const checked = new Set(form?.scopes ?? ['read:tokens'])
  return (
    <Layout title="API Settings" email={email} csrf={csrf}>
      <h1>API Settings</h1>
      {newToken ? <NewToken token={newToken} /> : null}
      <h2>Tokens</h2>
      <TokenTable tokens={tokens} csrf={csrf} />
      <h2>Create a token</h2>
      <FormError message={error} />
      <form method="post" action="/settings/api/tokens" class="card">
        <CsrfField token={csrf} />
        <label for="token-name">Name</label>
        <input
          id="token-name"
          name="name"
          type="text"
          maxLength={255}
          required
          value={form?.name ?? ''}
        />
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <div class="check" key={scope}>
              <input
                type="checkbox"
                id={`scope-${scope}`}
                name="scopes"
                value={scope}
                checked={checked.has(scope)}
                aria-describedby={`scope-${scope}-hint`}
              />
              <label for={`scope-${scope}`}>{scope}</label>
              <span class="hint" id={`scope-${scope}-hint`}>
                {SCOPE_DESCRIPTIONS[scope]}
              </span>
            </div>
          ))}
        </fieldset>
        <label for="token-expiry">Expires</label>
        <select id="token-expiry" name="expires_in_days">
          {EXPIRY_CHOICES.map((days) => (
            <option key={days} value={days} selected={(form?.expiresInDays ?? '') === days}>
              {days === '' ? 'Never' : `In ${days} days`}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit">Create token</button>
        </div>
      </form>
    </Layout>
  )
}
