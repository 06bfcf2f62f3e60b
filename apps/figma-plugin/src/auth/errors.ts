export type SignInFailure = 'cancelled' | 'timeout' | 'denied' | 'network' | 'exchange'

const MESSAGES: Record<SignInFailure, string> = {
  cancelled: 'Sign-in cancelled.',
  timeout: 'Sign-in timed out after 10 minutes without an answer from the browser.',
  denied: 'Access was denied in the browser. Nothing was shared with the plugin.',
  network: 'Could not reach the Tokencraft server. Check your connection and the server address.',
  exchange: 'The server did not accept the sign-in.',
}

/** A sign-in that ended without a token, with a message the UI shows beside "Try again". */
export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[failure]} ${detail}` : MESSAGES[failure])
  }
}
