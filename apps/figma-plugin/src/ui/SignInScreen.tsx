import {
  Bold,
  Button,
  Container,
  Muted,
  Stack,
  Text,
  Textbox,
  VerticalSpace,
} from '@create-figma-plugin/ui'
import { useState } from 'preact/hooks'
import { normalizeServerUrl } from '../settings.ts'

type Props = {
  serverUrl: string
  error: string | null
  onConnect: () => void
  onServerUrl: (url: string) => void
}

/** Signed out: the Connect button, the last sign-in's error, and the server address. */
export function SignInScreen({ serverUrl, error, onConnect, onServerUrl }: Props) {
  const [draft, setDraft] = useState(serverUrl)
  const [draftError, setDraftError] = useState<string | null>(null)
  const save = () => {
    const url = normalizeServerUrl(draft)
    if (!url) {
      setDraftError('Enter an http(s) address, such as https://tokens.example.com')
      return
    }
    setDraftError(null)
    onServerUrl(url)
  }
  return (
    <Container space="medium">
      <VerticalSpace space="large" />
      <Stack space="medium">
        <Text>
          <Bold>Tokencraft</Bold>
        </Text>
        <Text>Sign in to pull tokensets into Figma Variables and push your edits back.</Text>
        {error ? (
          <div role="alert" class="tc-error">
            {error}
          </div>
        ) : null}
        <Button fullWidth onClick={onConnect}>
          {error ? 'Try again' : 'Connect'}
        </Button>
        <Text>
          <Muted>Server</Muted>
        </Text>
        <Textbox aria-label="Server" value={draft} onValueInput={setDraft} />
        {draftError ? <div class="tc-error">{draftError}</div> : null}
        <Text>
          <Muted>
            Figma lets the plugin reach only the servers its manifest names: for another server,
            build the plugin with TOKENCRAFT_URL set to it.
          </Muted>
        </Text>
        <Button secondary fullWidth onClick={save} disabled={draft === serverUrl}>
          Save server
        </Button>
      </Stack>
    </Container>
  )
}

/**
 * Waiting for the consent in the browser: the code to type there, once the server has given it.
 * It binds the approval to this window, so it is shown large, with what to do with it.
 */
export function WaitingScreen({
  userCode,
  onCancel,
}: {
  userCode: string | null
  onCancel: () => void
}) {
  return (
    <Container space="medium">
      <VerticalSpace space="large" />
      <Stack space="medium">
        <Text>
          <Bold>Waiting for the browser…</Bold>
        </Text>
        {userCode ? (
          <>
            <Text>Type this code on the Tokencraft page that opened in your browser:</Text>
            <div class="tc-user-code" role="status" aria-label="Sign-in code">
              {userCode}
            </div>
            <Text>
              <Muted>
                Then approve, and come back to Figma. Never type this code anywhere else or give it
                to anyone.
              </Muted>
            </Text>
          </>
        ) : (
          <Text>Connecting to the server…</Text>
        )}
        <Button secondary fullWidth onClick={onCancel}>
          Cancel
        </Button>
      </Stack>
    </Container>
  )
}
