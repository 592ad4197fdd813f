/**
 * A read scope: where every read of one request goes. It pairs a store of knowledge (today's, or
 * a snapshot of how it stood at an instant) with the request's batched, cached loaders over that
 * same store, so a service and a nested field can never read from two different states.
 *
 * A GraphQL request starts with a scope over today's knowledge (graphql-api.module.ts); asOf
 * replaces it with one over a snapshot (history/snapshot.service.ts). Writes never go through a
 * scope: services write through their injected write roles, then the scope is cleared.
 */
import { KnowledgeReads } from '../store/ports';
import { Loaders } from './loaders';

/** Anything a scope can forget (DataLoaders, maps). */
interface Clearable {
  clearAll(): unknown;
}

export class ReadScope {
  readonly loaders: Loaders;
  /** The instant the scope describes; null for now. */
  readonly asOf: string | null;
  private readonly owned = new Map<symbol, Clearable>();
  private onRelease: (() => void) | null;

  constructor(
    readonly store: KnowledgeReads,
    options: { asOf?: string | null; onRelease?: () => void } = {},
  ) {
    this.loaders = new Loaders(store);
    this.asOf = options.asOf ?? null;
    this.onRelease = options.onRelease ?? null;
  }

  /**
   * A cache a service keeps for the life of this scope (say, a DataLoader over what it derives from
   * the loaders): made on first use under its key, forgotten with the loaders by clear().
   */
  own<T extends Clearable>(key: symbol, make: () => T): T {
    let cache = this.owned.get(key) as T | undefined;
    if (!cache) {
      cache = make();
      this.owned.set(key, cache);
    }
    return cache;
  }

  /** Forgets everything read so far (after a write). */
  clear(): void {
    this.loaders.clearAll();
    for (const cache of this.owned.values()) cache.clearAll();
  }

  /** The scope is done with (its request has answered): lets go of what it holds. Idempotent. */
  release(): void {
    const release = this.onRelease;
    this.onRelease = null;
    release?.();
  }
}
