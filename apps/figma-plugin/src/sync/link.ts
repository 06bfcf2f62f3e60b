import type { TokensetLink } from '../events.ts'
import { type FigmaHost, PLUGIN_DATA_NAMESPACE } from './figma-host.ts'

/** What a collection remembers of the tokenset it was pulled from. */
export type StoredLink = TokensetLink & {
  /** Tokencraft mode name per Figma mode id, so a mode renamed in Figma still maps back. */
  figmaModes: Record<string, string>
}

const LINK_KEY = 'link'

export function readLink(collection: VariableCollection): StoredLink | null {
  const raw = collection.getSharedPluginData(PLUGIN_DATA_NAMESPACE, LINK_KEY)
  if (!raw) return null
  try {
    return JSON.parse(raw) as StoredLink
  } catch {
    return null
  }
}

export function writeLink(collection: VariableCollection, link: StoredLink): void {
  collection.setSharedPluginData(PLUGIN_DATA_NAMESPACE, LINK_KEY, JSON.stringify(link))
}

/** The collection an earlier pull made for this tokenset, found by the id stored on it. */
export async function findLinkedCollection(
  figma: FigmaHost,
  tokensetId: string,
): Promise<{ collection: VariableCollection; link: StoredLink } | null> {
  for (const collection of await figma.variables.getLocalVariableCollectionsAsync()) {
    const link = readLink(collection)
    if (link?.tokensetId === tokensetId) return { collection, link }
  }
  return null
}
