/**
 * The one owner of the Neo4j driver: sessions, read and write transactions, the bookmark chain,
 * and the translation of driver errors into the port's typed errors. Every area of the store runs
 * its Cypher through an executor (as neo4j/graphql's Executor), never through the driver.
 */
import neo4j, { Driver, ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { StoreUnavailableError, UniqueViolationError } from '../ports';
import type { Props } from './neo4j.records';

export interface Neo4jStoreConfig {
  uri: string;
  user?: string;
  password?: string;
  /** Default 'neo4j' (Community Edition has one user database). */
  database?: string;
  /**
   * How long a connection attempt, and the driver's retries of a transaction, may take before the
   * store reports the database unavailable (default 5 s).
   */
  timeoutMs?: number;
}

export type Tx = ManagedTransaction;

const UNAVAILABLE = new Set([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** Driver errors to the port's typed errors; the port's own errors pass through. */
function translate(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  if (e.code && UNAVAILABLE.has(e.code)) {
    return new StoreUnavailableError(`Neo4j is not available: ${e.message}`);
  }
  if (e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    // "Node(3) already exists with label `Study` and property `doi` = '10.1/x'"
    const property = /property `(\w+)`/.exec(e.message ?? '')?.[1];
    return new UniqueViolationError(
      property === 'doi' || property === 'pmid' ? property : 'id',
      null,
    );
  }
  return err;
}

export class Neo4jExecutor {
  private readonly driver: Driver;
  private readonly database: string;
  // One bookmark chain for all sessions: a read after a write sees it, even on a cluster.
  private readonly bookmarks = neo4j.bookmarkManager();

  constructor(config: Neo4jStoreConfig) {
    this.database = config.database ?? 'neo4j';
    this.driver = neo4j.driver(
      config.uri,
      config.user ? neo4j.auth.basic(config.user, config.password ?? '') : undefined,
      {
        disableLosslessIntegers: true,
        // Fail fast when the server is down: the API answers SERVICE_UNAVAILABLE, not a hang.
        connectionTimeout: config.timeoutMs ?? 5_000,
        maxTransactionRetryTime: config.timeoutMs ?? 5_000,
      },
    );
  }

  /**
   * One read transaction. The driver may run `work` again on a transient error, so it must not
   * keep state across runs.
   */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('READ', work);
  }

  /**
   * A read statement for some keys, run on this executor (a transaction of its own, see query);
   * no keys, no round trip (and no result).
   */
  async readFor<T>(keys: readonly unknown[], work: (on: On) => Promise<T[]>): Promise<T[]> {
    return keys.length === 0 ? [] : work(this);
  }

  /**
   * One read statement in a transaction of its own, each row as a plain object. It runs as an
   * auto-commit transaction: RUN and PULL in one round trip, where a managed transaction
   * (driver.executeQuery) waits a second one for its COMMIT. Measured on a local server: 0.64 ms
   * and 0.31 ms of CPU a read, against 1.25 ms and 0.74 ms. Auto-commit transactions are not
   * retried by the driver, so a retryable failure (a leader switch, a connection the server
   * dropped) runs the statement again through executeQuery, which retries as read() does.
   */
  async query(cypher: string, params: Props = {}): Promise<Props[]> {
    return (await this.records(cypher, params)).map((r) => r.toObject() as Props);
  }

  private async records(cypher: string, params: Props): Promise<Neo4jRecord[]> {
    const session = this.driver.session({
      database: this.database,
      bookmarkManager: this.bookmarks,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      return (await session.run(cypher, params)).records;
    } catch (err) {
      if (!neo4j.isRetryableError(err as Error)) throw translate(err);
    } finally {
      await session.close();
    }
    try {
      const { records } = await this.driver.executeQuery(cypher, params, {
        database: this.database,
        bookmarkManager: this.bookmarks,
        routing: neo4j.routing.READ,
      });
      return records;
    } catch (err) {
      throw translate(err);
    }
  }

  /**
   * One write transaction; anything thrown inside rolls it back. As for read, `work` may be run
   * again on a transient error (a deadlock, a leader switch): it must read what it decides on
   * inside, never before.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', async (tx) => {
      const result = await work(tx);
      // Last, so the clock's lock is the last one taken: no two writers wait on each other.
      await tx.run(TICK);
      return result;
    });
  }

  /**
   * The store clock: changes with every write transaction committed through any executor (any
   * process) and never returns to a value it had, so a read cached under one value is still
   * current while the clock reads the same. The epoch is new whenever the clock node is (a wiped
   * database starts another count).
   */
  async clock(): Promise<string> {
    const [c] = await this.query(
      "OPTIONAL MATCH (c:StoreClock {id: 'clock'}) RETURN c.epoch AS epoch, c.ticks AS ticks",
    );
    return c?.epoch ? `${String(c.epoch)}:${String(c.ticks)}` : 'none';
  }

  /**
   * Checks the server answers, then runs each statement as an auto-commit transaction of its own
   * (schema changes cannot share a transaction with anything else).
   */
  async autoCommit(statements: readonly string[]): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      try {
        await this.driver.verifyConnectivity({ database: this.database });
        for (const statement of statements) await session.run(statement);
      } finally {
        await session.close();
      }
    } catch (err) {
      throw translate(err);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      bookmarkManager: this.bookmarks,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      try {
        return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
      } finally {
        await session.close();
      }
    } catch (err) {
      throw translate(err);
    }
  }
}

/** Ticks the store clock inside a write transaction (see Neo4jExecutor.clock). */
const TICK = `MERGE (c:StoreClock {id: 'clock'})
  ON CREATE SET c.epoch = randomUUID(), c.ticks = 1
  ON MATCH SET c.ticks = c.ticks + 1`;

/**
 * Where a statement runs: in a transaction, or on the executor (a read statement in a transaction
 * of its own: query()). Helpers that run one statement take either.
 */
export type On = Tx | Neo4jExecutor;

/** Runs a statement; each row as a plain object. */
export async function rows(on: On, cypher: string, params: Props = {}): Promise<Props[]> {
  if (on instanceof Neo4jExecutor) return on.query(cypher, params);
  return (await on.run(cypher, params)).records.map((r) => r.toObject() as Props);
}
