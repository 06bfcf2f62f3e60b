import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, TokencraftApi } from '../api/rest.ts'
import { SignInError } from '../auth/errors.ts'
import { SessionTokens } from '../auth/session-tokens.ts'
import { abortableDelay, signOut as endSignIn, signIn } from '../auth/sign-in.ts'
import type { PluginSettings, StoredSession } from '../events.ts'
import { BrowseScreen } from './BrowseScreen.tsx'
import { SignInScreen, WaitingScreen } from './SignInScreen.tsx'
import * as sandbox from './sandbox.ts'
import { STYLES } from './styles.ts'

type Phase = 'loading' | 'signedOut' | 'waiting' | 'signedIn'

export function App() {
  return (
    <>
      <style>{STYLES}</style>
      <Screens />
    </>
  )
}

function Screens() {
  const [phase, setPhase] = useState<Phase>('loading')
  const [settings, setSettings] = useState<PluginSettings | null>(null)
  const [session, setSession] = useState<StoredSession | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [userCode, setUserCode] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)

  useEffect(() => {
    sandbox.loadSession().then(([loadedSettings, loadedSession]) => {
      setSettings(loadedSettings)
      // A token belongs to the server that issued it.
      const usable = loadedSession?.serverUrl === loadedSettings.serverUrl ? loadedSession : null
      setSession(usable)
      setPhase(usable ? 'signedIn' : 'signedOut')
    })
  }, [])

  const connect = useCallback(async () => {
    if (!settings) return
    const controller = new AbortController()
    abort.current = controller
    setError(null)
    setUserCode(null)
    setPhase('waiting')
    try {
      const signedIn = await signIn(settings.serverUrl, {
        fetch: (...args) => fetch(...args),
        crypto,
        now: Date.now,
        delay: abortableDelay,
        signal: controller.signal,
        openExternal: sandbox.openExternal,
        showCode: setUserCode,
      })
      sandbox.storeSession(signedIn)
      setSession(signedIn)
      setPhase('signedIn')
    } catch (failure) {
      setError(failure instanceof SignInError ? failure.message : String(failure))
      setPhase('signedOut')
    }
  }, [settings])

  const cancel = useCallback(() => abort.current?.abort(), [])

  // the access token is renewed as it expires; each renewal is stored (the refresh token rotates)
  const tokens = useMemo(
    () =>
      session
        ? new SessionTokens(session, {
            fetch: (...args) => fetch(...args),
            now: Date.now,
            onRenewed: sandbox.storeSession,
          })
        : null,
    [session],
  )

  const signOut = useCallback(async () => {
    if (!tokens) return
    // the session as last renewed: its refresh token is the live one
    const revoked = await endSignIn(tokens.session, (...args) => fetch(...args))
    sandbox.clearSession()
    setSession(null)
    setError(
      revoked
        ? null
        : 'Signed out here, but the server could not be reached to revoke the token: delete it under API Settings.',
    )
    setPhase('signedOut')
  }, [tokens])

  const onApiError = useCallback((failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 401) {
      sandbox.clearSession()
      setSession(null)
      setError(
        'Your Tokencraft session has ended (the token was revoked or expired). Connect again.',
      )
      setPhase('signedOut')
      return
    }
    setError(failure instanceof Error ? failure.message : String(failure))
  }, [])

  const api = useMemo(
    () => (session && tokens ? new TokencraftApi(session.serverUrl, tokens) : null),
    [session, tokens],
  )

  const changeServer = (serverUrl: string) => {
    const next = { serverUrl }
    setSettings(next)
    sandbox.saveSettings(next)
  }

  if (phase === 'loading' || !settings) return null
  if (phase === 'waiting') return <WaitingScreen userCode={userCode} onCancel={cancel} />
  if (phase === 'signedIn' && api) {
    return (
      <>
        {error ? (
          <div role="alert" class="tc-error">
            {error}
          </div>
        ) : null}
        <BrowseScreen api={api} onSignOut={signOut} onError={onApiError} />
      </>
    )
  }
  return (
    <SignInScreen
      serverUrl={settings.serverUrl}
      error={error}
      onConnect={connect}
      onServerUrl={changeServer}
    />
  )
}
