import { emit, on, showUI } from '@create-figma-plugin/utilities'
import type {
  ClearSessionHandler,
  CollectionReadHandler,
  LoadSessionHandler,
  OpenExternalHandler,
  PluginSettings,
  ProgressHandler,
  PullDoneHandler,
  PullHandler,
  ReadCollectionHandler,
  SaveSettingsHandler,
  SessionLoadedHandler,
  StoredSession,
  StoreSessionHandler,
  SyncFailedHandler,
} from './events.ts'
import { DEFAULT_SERVER_URL } from './settings.ts'
import { pullTokenset } from './sync/pull.ts'
import { readCollection } from './sync/read-collection.ts'

const SESSION_KEY = 'session'
const SETTINGS_KEY = 'settings'

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The Figma sandbox: storage, the browser hand-off and the variable writes; no network. */
export default function () {
  on<LoadSessionHandler>('LOAD_SESSION', async () => {
    const settings: PluginSettings = (await figma.clientStorage.getAsync(SETTINGS_KEY)) ?? {
      serverUrl: DEFAULT_SERVER_URL,
    }
    const session: StoredSession | null = (await figma.clientStorage.getAsync(SESSION_KEY)) ?? null
    emit<SessionLoadedHandler>('SESSION_LOADED', settings, session)
  })
  on<SaveSettingsHandler>('SAVE_SETTINGS', (settings) =>
    figma.clientStorage.setAsync(SETTINGS_KEY, settings),
  )
  on<OpenExternalHandler>('OPEN_EXTERNAL', (url) => figma.openExternal(url))
  on<StoreSessionHandler>('STORE_SESSION', (session) =>
    figma.clientStorage.setAsync(SESSION_KEY, session),
  )
  on<ClearSessionHandler>('CLEAR_SESSION', () => figma.clientStorage.deleteAsync(SESSION_KEY))
  on<PullHandler>('PULL', async (request) => {
    try {
      const report = await pullTokenset(figma, request, {
        onProgress: (progress) => emit<ProgressHandler>('PROGRESS', progress),
        pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      })
      emit<PullDoneHandler>('PULL_DONE', report)
    } catch (error) {
      emit<SyncFailedHandler>('SYNC_FAILED', message(error))
    }
  })
  on<ReadCollectionHandler>('READ_COLLECTION', async (tokensetId) => {
    try {
      emit<CollectionReadHandler>('COLLECTION_READ', await readCollection(figma, tokensetId))
    } catch (error) {
      emit<SyncFailedHandler>('SYNC_FAILED', message(error))
    }
  })
  showUI({ width: 360, height: 520, title: 'Tokencraft' })
}
