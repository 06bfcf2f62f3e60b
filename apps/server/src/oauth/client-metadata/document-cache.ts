import type { ClientMetadataDocument } from './document.ts'

/**
 * An optional per-process cache of checked documents: bounded in lifetime (what the document's
 * caching headers allow, see cache-lifetime.ts) and in size (least recently used entries go
 * first), so several processes may each keep one and none is ever relied on (SPEC §1).
 */
export class DocumentCache {
  readonly #entries = new Map<string, { document: ClientMetadataDocument; expiresAt: number }>()

  constructor(readonly maxEntries: number) {}

  get(clientId: string, now: Date): ClientMetadataDocument | undefined {
    const entry = this.#entries.get(clientId)
    if (entry === undefined) return undefined
    this.#entries.delete(clientId)
    if (entry.expiresAt <= now.getTime()) return undefined
    this.#entries.set(clientId, entry) // most recently used last
    return entry.document
  }

  set(document: ClientMetadataDocument, lifetimeMs: number, now: Date): void {
    this.#entries.delete(document.clientId)
    if (lifetimeMs <= 0) return
    this.#entries.set(document.clientId, { document, expiresAt: now.getTime() + lifetimeMs })
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries) break
      this.#entries.delete(oldest)
    }
  }

  get size(): number {
    return this.#entries.size
  }
}
