import type { CollectionPlan, CollectionSnapshot, Unsupported } from '@tokencraft/tokens'

/** The events between the Figma sandbox (src/main.ts) and the UI iframe (src/ui.tsx). */

export type StoredSession = {
  serverUrl: string
  accessToken: string
  scope: string
  obtainedAt: string
  /** Renews the access token (rotated on every use); absent in sessions of older builds. */
  refreshToken?: string
  /** When the access token expires (ISO 8601); absent in sessions of older builds. */
  expiresAt?: string
}

export type PluginSettings = { serverUrl: string }

/** The tokenset a collection is linked to: stored on the collection to match it next time. */
export type TokensetLink = {
  tokensetId: string
  tokensetName: string
  serverUrl: string
  /** Tokencraft mode id per mode name, so a renamed Figma mode still pushes to its mode. */
  modeIds: Record<string, string>
}

export type PullRequest = { link: TokensetLink; plan: CollectionPlan }

export type PullReport = {
  collectionName: string
  collectionCreated: boolean
  modesCreated: number
  variablesCreated: number
  variablesUpdated: number
  variablesRemoved: number
  textStyles: number
  effectStyles: number
  unsupported: Unsupported[]
  /** Modes the Figma plan could not hold (the mode limit of `addMode`). */
  modesNotPulled: string[]
  warnings: string[]
}

export type Progress = { phase: string; done: number; total: number }

export interface LoadSessionHandler {
  name: 'LOAD_SESSION'
  handler: () => void
}
export interface SessionLoadedHandler {
  name: 'SESSION_LOADED'
  handler: (settings: PluginSettings, session: StoredSession | null) => void
}
export interface SaveSettingsHandler {
  name: 'SAVE_SETTINGS'
  handler: (settings: PluginSettings) => void
}
export interface OpenExternalHandler {
  name: 'OPEN_EXTERNAL'
  handler: (url: string) => void
}
export interface StoreSessionHandler {
  name: 'STORE_SESSION'
  handler: (session: StoredSession) => void
}
export interface ClearSessionHandler {
  name: 'CLEAR_SESSION'
  handler: () => void
}
export interface PullHandler {
  name: 'PULL'
  handler: (request: PullRequest) => void
}
export interface ProgressHandler {
  name: 'PROGRESS'
  handler: (progress: Progress) => void
}
export interface PullDoneHandler {
  name: 'PULL_DONE'
  handler: (report: PullReport) => void
}
export interface SyncFailedHandler {
  name: 'SYNC_FAILED'
  handler: (message: string) => void
}
export interface ReadCollectionHandler {
  name: 'READ_COLLECTION'
  handler: (tokensetId: string) => void
}
export interface CollectionReadHandler {
  name: 'COLLECTION_READ'
  handler: (result: { link: TokensetLink; snapshot: CollectionSnapshot } | null) => void
}
