import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, TokencraftApi } from '../api/rest.ts'
import { SignInError } from '../auth/errors.ts'
import { abortableDelay, signIn } from '../auth/sign-in.ts'
import { revokeToken } from '../auth/token.ts'
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
    setPhase('waiting')
    try {
      const signedIn = await signIn(settings.serverUrl, {
        fetch: (...args) => fetch(...args),
        crypto,
        now: Date.now,
        delay: abortableDelay,
        signal: controller.signal,
        openExternal: sandbox.openExternal,
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

  const signOut = useCallback(async () => {
    if (!session) return
    const revoked = await revokeToken(session.serverUrl, session.accessToken, (...args) =>
      fetch(...args),
    )
    sandbox.clearSession()
    setSession(null)
    setError(
      revoked
        ? null
        : 'Signed out here, but the server could not be reached to revoke the token: delete it under API Settings.',
    )
    setPhase('signedOut')
  }, [session])

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
    () => (session ? new TokencraftApi(session.serverUrl, session.accessToken) : null),
    [session],
  )

  const changeServer = (serverUrl: string) => {
    const next = { serverUrl }
    setSettings(next)
    sandbox.saveSettings(next)
  }

  if (phase === 'loading' || !settings) return null
  if (phase === 'waiting') return <WaitingScreen onCancel={cancel} />
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
