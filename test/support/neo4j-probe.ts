import { existsSync, FSWatcher, watch } from 'fs';
import { join } from 'path';
import neo4j, { Driver, Session } from 'neo4j-driver';
import { StoreCounts } from '../../src/store/ports';
import { addressOf, launcherDataDir } from './neo4j-test-server';

/** What each count counts, in raw Cypher: nodes by label, or relationships by type. */
const COUNTED: Record<keyof StoreCounts, string> = {
  sources: 'MATCH (n:Source) RETURN count(n) AS n',
  statements: 'MATCH (n:Statement) RETURN count(n) AS n',
  claims: 'MATCH (n:Claim) RETURN count(n) AS n',
  conditions: 'MATCH (n:Condition) RETURN count(n) AS n',
  mechanisms: 'MATCH (n:Mechanism) RETURN count(n) AS n',
  interventions: 'MATCH (n:Intervention) RETURN count(n) AS n',
  studies: 'MATCH (n:Study) RETURN count(n) AS n',
  evidence: 'MATCH ()-[r:EVIDENCE]->() RETURN count(r) AS n',
  gaps: 'MATCH (n:EvidenceGap) RETURN count(n) AS n',
  notices: 'MATCH (n:Notice) RETURN count(n) AS n',
  citations: 'MATCH ()-[r:CITES]->() RETURN count(r) AS n',
};

/**
 * The store clock's node (src/store/neo4j/neo4j.executor.ts): bookkeeping every committed write
 * transaction ticks, even one that changed nothing, as SQLite's sqlite_sequence is bookkeeping; it
 * holds no record, so "nothing was stored" leaves it out.
 */
const CLOCK = 'StoreClock';

/**
 * Raw Cypher on its own driver: an independent look at what the Neo4j store really wrote.
 * One session serves all of a probe's reads, one at a time (a new session per query costs a round
 * trip or two, which adds up over a suite of a thousand cases). With `watchWrites` (the probe of a
 * test server) snapshot and fingerprint are read again only after something was committed.
 */
export class Neo4jProbe {
  private readonly driver: Driver;
  private session: Session | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: FSWatcher | undefined;
  private writes = 0;

  /**
   * `watchWrites`: also count the writes to the database's transaction log (see writeCount),
   * when the server is a local one the launcher started (its data folder is then known).
   */
  constructor(uri: string, opts: { watchWrites?: boolean } = {}) {
    this.driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
    if (opts.watchWrites) this.watchWrites(uri);
  }

  private readonly cache = new Map<string, { writes: number; value: unknown }>();

  /**
   * The last result again while nothing was committed since it was read (writeCount unchanged,
   * counted before the read): the same data, without reading it all. Results are read-only.
   */
  private async unlessWritten<T>(key: string, read: () => Promise<T>): Promise<T> {
    const writes = await this.writeCount();
    if (writes === undefined) return read();
    const hit = this.cache.get(key);
    if (hit && hit.writes === writes) return hit.value as T;
    const value = await read();
    this.cache.set(key, { writes, value });
    return value;
  }

  private watchWrites(uri: string): void {
    const dir = transactionLogDir(uri);
    if (!dir) return;
    try {
      // inotify: an event for every write to a log file, queued before the commit returns.
      this.watcher = watch(dir, (_event, file) => {
        if (!file || String(file).startsWith('neostore.transaction.db')) this.writes++;
      });
      this.watcher.on('error', () => this.stopWatching());
    } catch {
      this.watcher = undefined;
    }
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  /**
   * How many times a transaction was written to the database's log since this probe started
   * watching; unchanged means nothing was committed in between. Undefined where it cannot tell
   * (a remote server, no inotify, or no write seen at all yet, which proves nothing works).
   * Pending file events are taken in first: a commit that returned before this call is counted.
   */
  async writeCount(): Promise<number | undefined> {
    if (!this.watcher) return undefined;
    // Two turns of the event loop: one whole poll phase after the caller's last answer arrived.
    await new Promise<void>((r) => setImmediate(() => setImmediate(r)));
    return this.watcher && this.writes > 0 ? this.writes : undefined;
  }

  /** Any Cypher, for reads this probe has no method for: rows as plain objects. */
  query(cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
    const run = async () => {
      this.session ??= this.driver.session({ database: 'neo4j' });
      try {
        return (await this.session.run(cypher, params)).records.map((r) => r.toObject());
      } catch (err) {
        // A broken session (the server went away) is not reused.
        const broken = this.session;
        this.session = null;
        await broken?.close().catch(() => undefined);
        throw err;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private run(cypher: string, params: Record<string, unknown> = {}) {
    return this.query(cypher, params);
  }

  async counts(): Promise<StoreCounts> {
    const out = {} as StoreCounts;
    for (const [k, cypher] of Object.entries(COUNTED)) {
      const [r] = await this.run(cypher);
      out[k as keyof StoreCounts] = toNumber(r.n);
    }
    return out;
  }

  /** A graph node's property (revisions, tokens and notices have id namespaces of their own). */
  async property(id: string, name: string): Promise<unknown> {
    const [r] = await this.run('MATCH (n:Entity {id: $id}) RETURN n[$name] AS value', {
      id,
      name,
    });
    if (!r) return undefined;
    return neo4j.isInt(r.value) ? r.value.toNumber() : r.value;
  }

  /** Cypher's name for a stored property's type, e.g. 'INTEGER NOT NULL'. */
  async valueType(id: string, name: string): Promise<string | undefined> {
    const [r] = await this.run('MATCH (n:Entity {id: $id}) RETURN valueType(n[$name]) AS type', {
      id,
      name,
    });
    return r?.type as string | undefined;
  }

  /** Revisions stored for one record (any record when no id). */
  async revisionCount(entityId?: string): Promise<number> {
    // Without a record: a bare label count, which Neo4j answers from its counts store.
    const [r] = await this.run(
      entityId === undefined
        ? 'MATCH (v:Revision) RETURN count(v) AS n'
        : 'MATCH (v:Revision) WHERE v.entityId = $entityId RETURN count(v) AS n',
      { entityId: entityId ?? null },
    );
    return toNumber(r.n);
  }

  /** Stored API tokens: id and hash only. */
  async tokens(): Promise<Array<{ id: string; hash: string }>> {
    const found = await this.run(
      'MATCH (t:ApiToken) RETURN t.id AS id, t.hash AS hash ORDER BY id',
    );
    return found.map((r) => ({ id: r.id as string, hash: r.hash as string }));
  }

  /**
   * Every node and relationship with all its properties, canonically ordered: graph nodes, notice
   * nodes and their HAS_NOTICE links, revision and API token nodes, evidence and citation
   * relationships included.
   */
  snapshot(): Promise<unknown> {
    return this.unlessWritten('snapshot', () => this.readSnapshot());
  }

  private async readSnapshot(): Promise<unknown> {
    // Notice, revision and token ids have their own namespaces: labels break a tie with a node's id.
    const nodes = await this.run(
      `MATCH (n) WHERE NOT n:${CLOCK} RETURN labels(n) AS labels, properties(n) AS props
       ORDER BY n.id, labels`,
    );
    const rels = await this.run(
      `MATCH (a)-[r]->(b)
       RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
       ORDER BY type, from, to, r.id`,
    );
    return {
      nodes: nodes.map((n) => ({ labels: [...(n.labels as string[])].sort(), props: n.props })),
      rels,
    };
  }

  /** Deletes everything (tests start from an empty database; schema stays). */
  async wipe(): Promise<void> {
    await this.run('MATCH (n) DETACH DELETE n');
  }

  /**
   * A cheap change detector, one query: per label and relationship type the count, summed
   * versions, latest timestamp and revoked count. Equal fingerprints do not prove equal data (a
   * full snapshot does); a change of any record's version, count or timestamp shows.
   */
  fingerprint(): Promise<Record<string, unknown>> {
    return this.unlessWritten('fingerprint', () => this.readFingerprint());
  }

  private async readFingerprint(): Promise<Record<string, unknown>> {
    const rows = await this.run(`
      CALL {
        MATCH (n) WHERE NOT n:${CLOCK} UNWIND labels(n) AS l
        RETURN 'node:' + l AS k, count(*) AS c, sum(coalesce(n.version, 0)) AS v,
               max(coalesce(n.updatedAt, n.createdAt, n.at, '')) AS u, count(n.revokedAt) AS x
        UNION ALL
        MATCH ()-[r]->()
        RETURN 'rel:' + type(r) AS k, count(*) AS c, sum(coalesce(r.version, 0)) AS v,
               max(coalesce(r.updatedAt, r.createdAt, '')) AS u, 0 AS x
      }
      RETURN k, c, v, u, x ORDER BY k`);
    return Object.fromEntries(rows.map((r) => [r.k as string, [r.c, r.v, r.u, r.x]]));
  }

  /** The stored record (node or relationship, revisions aside) with this id: its properties. */
  async record(id: string): Promise<Record<string, unknown> | undefined> {
    const [r] = await this.run(
      `CALL {
         MATCH (n) WHERE n.id = $id AND NOT n:Revision RETURN properties(n) AS p
         UNION ALL
         MATCH ()-[r]->() WHERE r.id = $id RETURN properties(r) AS p
       }
       RETURN p LIMIT 1`,
      { id },
    );
    return r?.p as Record<string, unknown> | undefined;
  }

  /** The newest revision of a record: its properties. */
  async lastRevision(entityId: string): Promise<Record<string, unknown> | undefined> {
    const [r] = await this.run(
      'MATCH (v:Revision {entityId: $id}) RETURN properties(v) AS p ORDER BY v.id DESC LIMIT 1',
      { id: entityId },
    );
    return r?.p as Record<string, unknown> | undefined;
  }

  async close(): Promise<void> {
    this.stopWatching();
    await this.queue;
    await this.session?.close().catch(() => undefined);
    this.session = null;
    await this.driver.close();
  }
}

/** The transaction log folder of a local Neo4j the launcher (tools/neo4j) started, if any. */
function transactionLogDir(uri: string): string | undefined {
  try {
    const { host, port } = addressOf(uri);
    if (!['127.0.0.1', 'localhost'].includes(host)) return undefined;
    const data = launcherDataDir(port);
    const dir = data && join(data, 'data', 'transactions', 'neo4j');
    return dir && existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function toNumber(v: unknown): number {
  return neo4j.isInt(v) ? v.toNumber() : Number(v);
}
