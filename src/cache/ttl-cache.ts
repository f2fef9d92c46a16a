/**
 * A bounded in-process TTL cache of finished responses: what Streamlit's cache_data did, playing
 * the CDN's part on Node hosts. Entries expire after their TTL, the least recently used go first
 * when the entry or byte budget is full, and identical requests arriving together share one
 * database round trip. The clock is injected so tests can move time.
 */
import type { CacheTag } from './cache-policy.ts';

export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

interface Entry {
  value: CachedResponse;
  tag: CacheTag;
  storedAt: number;
  expiresAt: number;
}

export interface TtlCacheOptions {
  now?: () => number;
  maxEntries?: number;
  maxBytes?: number;
}

export interface CacheLookup {
  value: CachedResponse;
  ageSeconds: number;
}

export class TtlCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inflight = new Map<string, Promise<CachedResponse | undefined>>();
  readonly #now: () => number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  /** Bumped by clear(); a fill that started before a clear must not repopulate the cache. */
  #generation = 0;

  constructor(options: TtlCacheOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? 500;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): CacheLookup | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    if (now >= entry.expiresAt) {
      this.#delete(key, entry);
      return undefined;
    }
    // Re-insert to mark it most recently used (Map keeps insertion order).
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return { value: entry.value, ageSeconds: Math.max(0, Math.floor((now - entry.storedAt) / 1000)) };
  }

  set(key: string, value: CachedResponse, tag: CacheTag, ttlSeconds: number): void {
    const size = value.body.byteLength;
    if (size > this.#maxBytes / 8) return; // one huge answer must not evict everything else
    const existing = this.#entries.get(key);
    if (existing) this.#delete(key, existing);
    const now = this.#now();
    this.#entries.set(key, { value, tag, storedAt: now, expiresAt: now + ttlSeconds * 1000 });
    this.#bytes += size;
    this.#evict(now);
  }

  /**
   * Returns the cached value or runs `fill` once for all concurrent callers of the same key.
   * `fill` returns undefined for a response that must not be stored (an error, a stream).
   */
  async getOrFill(
    key: string,
    tag: CacheTag,
    ttlSeconds: number,
    fill: () => Promise<CachedResponse | undefined>,
  ): Promise<{ value: CachedResponse | undefined; hit: CacheLookup | undefined }> {
    const hit = this.get(key);
    if (hit) return { value: hit.value, hit };
    let pending = this.#inflight.get(key);
    if (!pending) {
      const generation = this.#generation;
      pending = fill()
        .then((value) => {
          if (value && generation === this.#generation) this.set(key, value, tag, ttlSeconds);
          return value;
        })
        .finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, pending);
    }
    return { value: await pending, hit: undefined };
  }

  /** Drops every entry of the given classes (all of them when no tags are given). */
  clear(tags?: readonly CacheTag[]): number {
    this.#generation++;
    this.#inflight.clear();
    let dropped = 0;
    for (const [key, entry] of this.#entries) {
      if (!tags || tags.includes(entry.tag)) {
        this.#delete(key, entry);
        dropped++;
      }
    }
    return dropped;
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.value.body.byteLength;
  }

  #evict(now: number): void {
    if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) return;
    for (const [key, entry] of this.#entries) {
      if (now >= entry.expiresAt) this.#delete(key, entry);
    }
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#delete(key, entry);
    }
  }
}
