import { Button, Container, Muted, Stack, Text, VerticalSpace } from '@create-figma-plugin/ui'
import type { TokensetView, WorkspaceView as Workspace } from '@tokencraft/shared'
import { useEffect, useState } from 'preact/hooks'
import type { TokencraftApi } from '../api/rest.ts'
import { TokensetScreen } from './TokensetScreen.tsx'

type Props = { api: TokencraftApi; onSignOut: () => void; onError: (error: unknown) => void }

/** Signed in: workspaces → tokensets → one tokenset. */
export function BrowseScreen({ api, onSignOut, onError }: Props) {
  const [workspaces, setWorkspaces] = useState<Workspace[] | null>(null)
  const [workspace, setWorkspace] = useState<Workspace | null>(null)
  const [tokensets, setTokensets] = useState<TokensetView[] | null>(null)
  const [tokenset, setTokenset] = useState<TokensetView | null>(null)

  useEffect(() => {
    api.workspaces().then(setWorkspaces).catch(onError)
  }, [api, onError])

  useEffect(() => {
    setTokensets(null)
    if (workspace) api.tokensets(workspace.id).then(setTokensets).catch(onError)
  }, [api, workspace, onError])

  const back = tokenset ? () => setTokenset(null) : workspace ? () => setWorkspace(null) : null

  return (
    <Container space="medium">
      <VerticalSpace space="small" />
      <div class="tc-header">
        <Text>
          <Muted>{new URL(api.serverUrl).host}</Muted>
        </Text>
        <Button secondary onClick={onSignOut}>
          Sign out
        </Button>
      </div>
      <VerticalSpace space="small" />
      {back ? (
        <button type="button" class="tc-back" onClick={back}>
          ← Back
        </button>
      ) : null}
      <VerticalSpace space="small" />
      {tokenset ? (
        <TokensetScreen api={api} tokenset={tokenset} onError={onError} />
      ) : workspace ? (
        <ItemList
          label="Tokensets"
          items={tokensets}
          empty="This workspace has no tokensets yet."
          render={(t) => (
            <>
              {t.name}
              <Muted> — {t.token_count} tokens</Muted>
            </>
          )}
          onPick={setTokenset}
        />
      ) : (
        <ItemList
          label="Workspaces"
          items={workspaces}
          empty="No workspaces."
          render={(w) => w.name}
          onPick={setWorkspace}
        />
      )}
    </Container>
  )
}

function ItemList<T extends { id: string }>(props: {
  label: string
  items: T[] | null
  empty: string
  render: (item: T) => preact.ComponentChildren
  onPick: (item: T) => void
}) {
  if (!props.items) return <Text>Loading…</Text>
  if (props.items.length === 0) return <Text>{props.empty}</Text>
  return (
    <Stack space="extraSmall">
      <Text>
        <Muted>{props.label}</Muted>
      </Text>
      <ul class="tc-list" aria-label={props.label}>
        {props.items.map((item) => (
          <li key={item.id}>
            <button type="button" class="tc-item" onClick={() => props.onPick(item)}>
              {props.render(item)}
            </button>
          </li>
        ))}
      </ul>
    </Stack>
  )
}
