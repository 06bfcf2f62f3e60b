import { emit, on, once } from '@create-figma-plugin/utilities'
import type {
  ClearSessionHandler,
  CollectionReadHandler,
  LoadSessionHandler,
  OpenExternalHandler,
  PluginSettings,
  Progress,
  ProgressHandler,
  PullDoneHandler,
  PullHandler,
  PullReport,
  PullRequest,
  ReadCollectionHandler,
  SaveSettingsHandler,
  SessionLoadedHandler,
  StoredSession,
  StoreSessionHandler,
  SyncFailedHandler,
} from '../events.ts'

/** The UI's requests to the Figma sandbox, as promises over the typed events. */

export function loadSession(): Promise<[PluginSettings, StoredSession | null]> {
  return new Promise((resolve) => {
    once<SessionLoadedHandler>('SESSION_LOADED', (settings, session) =>
      resolve([settings, session]),
    )
    emit<LoadSessionHandler>('LOAD_SESSION')
  })
}

export const saveSettings = (settings: PluginSettings) =>
  emit<SaveSettingsHandler>('SAVE_SETTINGS', settings)
export const openExternal = (url: string) => emit<OpenExternalHandler>('OPEN_EXTERNAL', url)
export const storeSession = (session: StoredSession) =>
  emit<StoreSessionHandler>('STORE_SESSION', session)
export const clearSession = () => emit<ClearSessionHandler>('CLEAR_SESSION')

/** Settles on the first of `done` or SYNC_FAILED, unsubscribing both. */
function settle<T>(
  subscribe: (resolve: (value: T) => void) => () => void,
  extra: () => void = () => {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const offs: (() => void)[] = []
    const finish = () => {
      for (const off of offs) off()
      extra()
    }
    offs.push(
      subscribe((value) => {
        finish()
        resolve(value)
      }),
      on<SyncFailedHandler>('SYNC_FAILED', (message) => {
        finish()
        reject(new Error(message))
      }),
    )
  })
}

export function pull(
  request: PullRequest,
  onProgress: (progress: Progress) => void,
): Promise<PullReport> {
  const offProgress = on<ProgressHandler>('PROGRESS', onProgress)
  const result = settle<PullReport>(
    (resolve) => on<PullDoneHandler>('PULL_DONE', resolve),
    offProgress,
  )
  emit<PullHandler>('PULL', request)
  return result
}

export function readCollection(tokensetId: string) {
  type Result = Parameters<CollectionReadHandler['handler']>[0]
  const result = settle<Result>((resolve) => on<CollectionReadHandler>('COLLECTION_READ', resolve))
  emit<ReadCollectionHandler>('READ_COLLECTION', tokensetId)
  return result
}
