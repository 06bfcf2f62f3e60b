import { Bold, Button, Muted, Stack, Text } from '@create-figma-plugin/ui'
import type { ModeView as Mode, TokensetView } from '@tokencraft/shared'
import {
  type PushPreview,
  planCollection,
  type SourceToken,
  type TokenChange,
} from '@tokencraft/tokens'
import { useEffect, useState } from 'preact/hooks'
import type { TokencraftApi } from '../api/rest.ts'
import type { Progress, PullReport } from '../events.ts'
import { orderedModes, type PushReport, previewPush, runPush } from '../sync/push.ts'
import { ProgressBar } from './ProgressBar.tsx'
import { PullReportView } from './PullReportView.tsx'
import * as sandbox from './sandbox.ts'
import { UnsupportedList } from './UnsupportedList.tsx'

type Loaded = { modes: Mode[]; tokens: SourceToken[] }

type Stage =
  | { name: 'idle' }
  | { name: 'busy'; progress: Progress }
  | { name: 'pulled'; report: PullReport }
  | { name: 'preview'; preview: PushPreview; modes: Mode[] }
  | { name: 'pushed'; report: PushReport }
  | { name: 'failed'; message: string }

const PREVIEW_ROWS = 200

type Props = { api: TokencraftApi; tokenset: TokensetView; onError: (error: unknown) => void }

/** One tokenset: its modes with token counts, Pull into Figma, and Push with a preview. */
export function TokensetScreen({ api, tokenset, onError }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [stage, setStage] = useState<Stage>({ name: 'idle' })

  useEffect(() => {
    Promise.all([api.modes(tokenset.id), api.tokens(tokenset.id)])
      .then(([modes, { tokens }]) => setLoaded({ modes: orderedModes(modes), tokens }))
      .catch(onError)
  }, [api, tokenset.id, onError])

  if (!loaded) return <Text>Loading {tokenset.name}…</Text>

  const fail = (error: unknown) =>
    setStage({ name: 'failed', message: error instanceof Error ? error.message : String(error) })

  const pullNow = async () => {
    setStage({ name: 'busy', progress: { phase: 'Reading tokens', done: 0, total: 1 } })
    try {
      const { tokens, unknown } = await api.tokens(tokenset.id)
      const plan = planCollection({ modes: loaded.modes.map((m) => m.name), tokens })
      plan.unsupported.push(...unknown)
      const modeIds = Object.fromEntries(loaded.modes.map((m) => [m.name, m.id]))
      const report = await sandbox.pull(
        {
          link: {
            tokensetId: tokenset.id,
            tokensetName: tokenset.name,
            serverUrl: api.serverUrl,
            modeIds,
          },
          plan,
        },
        (progress) => setStage({ name: 'busy', progress }),
      )
      setStage({ name: 'pulled', report })
    } catch (error) {
      fail(error)
    }
  }

  const previewNow = async () => {
    setStage({ name: 'busy', progress: { phase: 'Reading the collection', done: 0, total: 1 } })
    try {
      const read = await sandbox.readCollection(tokenset.id)
      if (!read) {
        setStage({
          name: 'failed',
          message: 'Pull this tokenset first: a push sends back the collection a pull made.',
        })
        return
      }
      const { preview, modes } = await previewPush(api, tokenset.id, read.snapshot)
      setStage({ name: 'preview', preview, modes })
    } catch (error) {
      fail(error)
    }
  }

  const pushNow = async (preview: PushPreview, modes: Mode[]) => {
    setStage({ name: 'busy', progress: { phase: 'Pushing', done: 0, total: 1 } })
    try {
      const report = await runPush(api, tokenset.id, preview, modes, (done, total) =>
        setStage({ name: 'busy', progress: { phase: 'Pushing', done, total } }),
      )
      setStage({ name: 'pushed', report })
    } catch (error) {
      fail(error)
    }
  }

  const busy = stage.name === 'busy'
  return (
    <Stack space="small">
      <Text>
        <Bold>{tokenset.name}</Bold>
      </Text>
      <ul class="tc-list" aria-label="Modes">
        {loaded.modes.map((mode) => (
          <li key={mode.id}>
            <Text>
              {mode.name}
              {mode.is_default ? ' (default)' : ''} —{' '}
              <Muted>{loaded.tokens.filter((t) => mode.name in t.values).length} tokens</Muted>
            </Text>
          </li>
        ))}
      </ul>
      <Button fullWidth disabled={busy} onClick={pullNow}>
        Pull into Figma
      </Button>
      <Button fullWidth secondary disabled={busy} onClick={previewNow}>
        Push changes…
      </Button>
      {stage.name === 'busy' ? <ProgressBar progress={stage.progress} /> : null}
      {stage.name === 'failed' ? (
        <div role="alert" class="tc-error">
          {stage.message}
        </div>
      ) : null}
      {stage.name === 'pulled' ? <PullReportView report={stage.report} /> : null}
      {stage.name === 'preview' ? (
        <PushPreviewView
          preview={stage.preview}
          onConfirm={() => pushNow(stage.preview, stage.modes)}
          onCancel={() => setStage({ name: 'idle' })}
        />
      ) : null}
      {stage.name === 'pushed' ? (
        <div role="status">
          <Text>
            Pushed {stage.report.changes} changes to{' '}
            {stage.report.pushedModes.join(', ') || 'no mode'}.
          </Text>
          {stage.report.failures.map((f) => (
            <div class="tc-error" key={f.mode}>
              {f.mode}: {f.message}
            </div>
          ))}
        </div>
      ) : null}
    </Stack>
  )
}

function describeChange(change: TokenChange): string {
  if (change.kind === 'added') return `new, ${change.after}`
  if (change.kind === 'description') return `description “${change.before}” → “${change.after}”`
  return `${change.before} → ${change.after}`
}

function PushPreviewView(props: {
  preview: PushPreview
  onConfirm: () => void
  onCancel: () => void
}) {
  const { changes, notPushed } = props.preview
  return (
    <Stack space="small">
      <Text>
        <Bold>
          {changes.length === 0 ? 'Nothing to push' : `${changes.length} changes to push`}
        </Bold>
      </Text>
      <ul class="tc-list" aria-label="Changes">
        {changes.slice(0, PREVIEW_ROWS).map((c) => (
          <li key={`${c.tokenName} ${c.mode} ${c.kind}`}>
            <Text>
              <code>{c.tokenName}</code> ({c.mode}): {describeChange(c)}
            </Text>
          </li>
        ))}
      </ul>
      {changes.length > PREVIEW_ROWS ? (
        <Text>…and {changes.length - PREVIEW_ROWS} more</Text>
      ) : null}
      <UnsupportedList title="Not pushed" items={notPushed} />
      {changes.length > 0 ? (
        <Button fullWidth onClick={props.onConfirm}>
          Push {changes.length} changes
        </Button>
      ) : null}
      <Button fullWidth secondary onClick={props.onCancel}>
        Cancel
      </Button>
    </Stack>
  )
}
