import { SCOPE_DESCRIPTIONS, type Scope } from '@tokencraft/shared'
import { CsrfField, FormError, Layout } from '../../web/Layout.tsx'

export type ConsentPageProps = {
  requestId: string
  clientName: string
  /** For a client known by its metadata document: the host that publishes it. */
  vouchedBy?: string | undefined
  redirectUri: string
  scopes: Scope[]
  email: string
  csrf: string
  /**
   * The Figma plugin's request: the person types the code the plugin shows, after a warning to
   * approve only a sign-in they started themselves in Figma.
   */
  askUserCode?: boolean
  /** Why the last answer was refused (a code that does not match). */
  error?: string | undefined
}

/**
 * Where the code will be sent, as the user can judge it: the host of a web redirect, or the
 * application scheme (and host) of a private-use one such as cursor://.
 */
export function redirectTarget(redirectUri: string): string {
  const url = new URL(redirectUri)
  if (url.protocol === 'https:' || url.protocol === 'http:') return url.host
  return url.host ? `${url.protocol}//${url.host}` : url.protocol
}

/** The consent page of /mcp/authorize (SPEC §3). Client-supplied text is escaped by Preact. */
export function ConsentPage(props: ConsentPageProps) {
  return (
    <Layout title="Authorize access" email={props.email} csrf={props.csrf} narrow>
      <h1>
        Allow <strong>{props.clientName}</strong> to use your Tokencraft account?
      </h1>
      <FormError message={props.error} />
      {props.askUserCode ? (
        <p class="warning" data-testid="figma-warning">
          <strong>
            Approve only if you pressed Connect in the Tokencraft plugin in Figma just now.
          </strong>{' '}
          If someone sent you this link, or asked you to type a code they gave you, choose Deny:
          approving would let them change your tokens.
        </p>
      ) : null}
      {props.vouchedBy ? (
        <p>
          This application is described by{' '}
          <strong data-testid="client-host">{props.vouchedBy}</strong>, which vouches for its name
          and where it may receive your authorization.
        </p>
      ) : null}
      <p>
        You are signed in as <strong>{props.email}</strong>. After you answer, your browser goes
        back to <strong data-testid="redirect-host">{redirectTarget(props.redirectUri)}</strong>.
      </p>
      <p>It asks to:</p>
      <ul data-testid="scopes">
        {props.scopes.map((scope) => (
          <li key={scope}>
            {SCOPE_DESCRIPTIONS[scope]} <code>{scope}</code>
          </li>
        ))}
      </ul>
      <p class="hint">You can revoke this access at any time under API Settings.</p>
      <form method="post" action="/mcp/authorize">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="request_id" value={props.requestId} />
        {props.askUserCode ? (
          <>
            <label for="user_code">Code shown in the Figma plugin</label>
            <input
              id="user_code"
              name="user_code"
              type="text"
              required
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={32}
              placeholder="XXXX-XXXX"
            />
          </>
        ) : null}
        <div class="actions">
          <button type="submit" name="decision" value="approve">
            Approve
          </button>{' '}
          <button type="submit" name="decision" value="deny" class="quiet" formNoValidate>
            Deny
          </button>
        </div>
      </form>
    </Layout>
  )
}
