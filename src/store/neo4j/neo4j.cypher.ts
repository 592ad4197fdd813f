/**
 * Low-level Cypher shared by the areas of the Neo4j store: reading records of a node type,
 * writing nodes with their relationships, locks, compare-and-set and revisions. Each takes the
 * transaction it runs in, so one implementation serves a port's own transaction and a larger one
 * (upsertBundle). Neo4j has no foreign keys: every write checks its references inside its own
 * transaction and throws MissingReferenceError, which rolls the transaction back.
 */
import neo4j from 'neo4j-driver';
import { NodeType } from '../../graphql.schema';
import {
  Audit,
  DuplicateOf,
  MissingReferenceError,
  NodeRecords,
  PageResult,
  UniqueViolationError,
  VersionedWrite,
} from '../ports';
import { Neo4jExecutor, On, Tx, rows } from './neo4j.executor';
import { FROM_PROPS, Link, RelType, TARGET, linksOf, projection, propsOf } from './neo4j.model';
import * as records from './neo4j.records';
import { NODE_LABEL, Props, num, searchProps } from './neo4j.records';

export const dedupe = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Records of one type: `match` binds the node `n`; `tail` may order (by the record `p` or by
 * `n`) and limit.
 */
export async function nodes<T extends NodeType>(
  tx: On,
  type: T,
  match: string,
  params: Props,
  tail = '',
): Promise<Array<NodeRecords[T]>> {
  const found = await rows(tx, `${match} RETURN ${projection(type)} AS p ${tail}`, params);
  return found.map((r) => FROM_PROPS[type](r.p as Props));
}

/** Records of one type by id; unknown ids are absent. */
export async function byIds<T extends NodeType>(
  tx: On,
  type: T,
  ids: readonly string[],
): Promise<Array<NodeRecords[T]>> {
  if (ids.length === 0) return [];
  return nodes(
    tx,
    type,
    `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n:${NODE_LABEL[type]}`,
    { ids: dedupe(ids) },
  );
}

/** byIds in a read of its own. */
export function getByIds<T extends NodeType>(x: Neo4jExecutor, type: T, ids: readonly string[]) {
  return x.readFor(ids, (on) => byIds(on, type, ids));
}

/** Records of one type related to the given ids: `pattern` binds `n` and uses `id`. */
export function byOwners<T extends NodeType>(
  x: Neo4jExecutor,
  type: T,
  pattern: string,
  ownerIds: readonly string[],
  orderBy: string,
): Promise<Array<NodeRecords[T]>> {
  return x.readFor(ownerIds, (on) =>
    nodes(
      on,
      type,
      `UNWIND $ids AS id MATCH ${pattern}`,
      { ids: dedupe(ownerIds) },
      `ORDER BY ${orderBy}`,
    ),
  );
}

/** Throws MissingReferenceError unless every ref is a node of the expected type. */
export async function requireNodes(
  tx: Tx,
  refs: Array<{ id: string; type: NodeType; field: string }>,
): Promise<void> {
  if (refs.length === 0) return;
  const missing = await rows(
    tx,
    `UNWIND $refs AS ref
     OPTIONAL MATCH (n:Entity {id: ref.id})
     WITH ref, n WHERE n IS NULL OR n.type <> ref.type
     RETURN ref.field AS field LIMIT 1`,
    { refs },
  );
  if (missing.length > 0) throw new MissingReferenceError(missing[0].field as string);
}

/**
 * Statements of one transaction sent without waiting for each reply (Bolt pipelining: one round
 * trip for them all); the server runs them in the order they were started. Each must be a single
 * statement whose arguments need no earlier reply. All are settled, then the first failure in
 * that order is thrown: once one statement fails the server runs none of the later ones, so it is
 * the error the statements run one by one would have given.
 */
export async function pipelined<T extends readonly unknown[]>(statements: {
  [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Takes the nodes' write locks (held until the transaction ends), so that a check made after
 * it cannot be overtaken by a concurrent writer. Sorted, so two writers lock in the same order.
 * Ids of no node are passed over.
 */
export async function lock(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n._lock = true REMOVE n._lock', {
    ids: dedupe(ids).sort(),
  });
}

/**
 * The properties `SET n = row` stores: a null one is not stored, so it is not sent either (bulk
 * writes send a few hundred bytes less per record).
 */
export function setProps(props: Props): Props {
  const out: Props = {};
  for (const k in props) if (props[k] !== null && props[k] !== undefined) out[k] = props[k];
  return out;
}

export async function createNodes(tx: Tx, type: NodeType, recs: object[]): Promise<void> {
  if (recs.length === 0) return;
  await tx.run(`UNWIND $rows AS row CREATE (n:Entity:${NODE_LABEL[type]}) SET n = row`, {
    rows: recs.map((r) => setProps(propsOf(type, r))),
  });
}

/** Overwrites nodes in place (SET n = replaces every property); relationships are relinked. */
export async function replaceNodes(tx: Tx, type: NodeType, recs: object[]): Promise<void> {
  if (recs.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row MATCH (n:Entity {id: row.id}) WHERE n:${NODE_LABEL[type]} SET n = row`,
    { rows: recs.map((r) => setProps(propsOf(type, r))) },
  );
}

/**
 * Checks every link target, then replaces the owners' outgoing relationships of the given
 * types with the links.
 */
export async function relink(
  tx: Tx,
  owners: string[],
  rels: RelType[],
  links: Link[],
): Promise<void> {
  await requireNodes(
    tx,
    links.map((l) => ({ id: l.to, type: TARGET[l.rel], field: l.field })),
  );
  // The same link twice is a duplicate key in SQLite's link tables.
  const keys = new Set(links.map((l) => `${l.rel}\u0000${l.from}\u0000${l.to}`));
  if (keys.size !== links.length) throw new UniqueViolationError('id', null);
  if (owners.length > 0 && rels.length > 0) {
    await tx.run(`UNWIND $ids AS id MATCH (:Entity {id: id})-[r:${rels.join('|')}]->() DELETE r`, {
      ids: owners,
    });
  }
  for (const rel of new Set(links.map((l) => l.rel))) {
    await tx.run(
      `UNWIND $links AS l
       MATCH (a:Entity {id: l.from}), (b:Entity {id: l.to})
       CREATE (a)-[r:${rel}]->(b) SET r.position = l.position`,
      {
        links: links
          .filter((l) => l.rel === rel)
          .map((l) => ({
            from: l.from,
            to: l.to,
            position: l.position === undefined ? null : neo4j.int(l.position),
          })),
      },
    );
  }
}

/** The key of a (from, to) pair in the sets takenPairs returns. */
export const pairKey = (from: string, to: string) => `${from}\u0000${to}`;

/** The ends of the relationships kept one per pair: their node types and the fields naming them. */
const PAIR_ENDS = {
  EVIDENCE: { from: [NodeType.STUDY, 'studyId'], to: [NodeType.CLAIM, 'claimId'] },
  CITES: { from: [NodeType.STUDY, 'citingId'], to: [NodeType.STUDY, 'citedId'] },
} as const;

/**
 * Before creating (from)-[rel]->(to) relationships kept one per pair: every end must exist (else
 * MissingReferenceError naming its field), then the pairs that exist already are read under the
 * `from` nodes' write locks, so two writers cannot both see "none yet".
 */
export async function takenPairs(
  tx: Tx,
  rel: keyof typeof PAIR_ENDS,
  pairs: Array<{ from: string; to: string }>,
): Promise<Set<string>> {
  const {
    from: [fromType, fromField],
    to: [toType, toField],
  } = PAIR_ENDS[rel];
  await requireNodes(tx, [
    ...pairs.map((p) => ({ id: p.from, type: fromType, field: fromField })),
    ...pairs.map((p) => ({ id: p.to, type: toType, field: toField })),
  ]);
  await lock(
    tx,
    pairs.map((p) => p.from),
  );
  const taken = await rows(
    tx,
    `UNWIND $pairs AS p
     MATCH (:Entity {id: p.from})-[:${rel}]->(:Entity {id: p.to})
     RETURN DISTINCT p.from AS fromId, p.to AS toId`,
    { pairs },
  );
  return new Set(taken.map((r) => pairKey(r.fromId as string, r.toId as string)));
}

/** Creates `rel` relationships between existing nodes, each with its own properties. */
export async function createEdges(
  tx: Tx,
  rel: 'EVIDENCE' | 'CITES',
  edges: Array<{ from: string; to: string; props: Props }>,
): Promise<void> {
  await tx.run(
    `UNWIND $edges AS e
     MATCH (a:Entity {id: e.from}), (b:Entity {id: e.to})
     CREATE (a)-[r:${rel}]->(b) SET r = e.props`,
    { edges },
  );
}

/**
 * One page of records (`match` binds `n`; `tail` orders and limits to limit + 1 rows, the one
 * past the page saying whether a next one exists) with the count of all that `counted` binds,
 * in one read transaction.
 */
export function pageOf<T extends NodeType>(
  x: Neo4jExecutor,
  type: T,
  counted: string,
  match: string,
  params: Props,
  tail: string,
  limit: number,
): Promise<PageResult<NodeRecords[T]>> {
  return x.read(async (tx) => {
    const [total] = await rows(tx, `${counted} RETURN count(n) AS n`, params);
    const found = await nodes(tx, type, match, params, tail);
    return {
      items: found.slice(0, limit),
      totalCount: num(total.n),
      hasNextPage: found.length > limit,
    };
  });
}

/**
 * Creates a write's revisions, as (:Revision) nodes, in the write's transaction: they commit
 * with the change or not at all. Ids unique by constraint. Revisions (and API tokens) are records
 * of their own, not nodes of the graph: no :Entity label, no relationships.
 */
export async function writeRevisions(tx: Tx, revisions: Audit | undefined): Promise<void> {
  if (!revisions?.length) return;
  await tx.run('UNWIND $rows AS row CREATE (v:Revision) SET v = row', {
    rows: revisions.map((v) => setProps(records.ownProps('revision', v))),
  });
}

/**
 * Creates one node with its relationships (references checked) and its revisions in one
 * transaction.
 */
export async function insertOne<T extends NodeType>(
  x: Neo4jExecutor,
  type: T,
  record: NodeRecords[T],
  revisions: Audit | undefined,
  guard?: (tx: Tx) => Promise<void>,
): Promise<void> {
  await x.write(async (tx) => {
    await guard?.(tx);
    await createNodes(tx, type, [record]);
    await relink(tx, [], [], linksOf(type, record));
    await writeRevisions(tx, revisions);
  });
}

/**
 * A guard for creating one of a claim's records (a statement, a gap): under the claim's write lock,
 * the claim's records of that type are read and `duplicateOf` asked; a duplicate is a
 * UniqueViolationError on `field` naming the record already there.
 */
export function claimSiblingGuard<T extends NodeType.STATEMENT | NodeType.EVIDENCE_GAP>(
  type: T,
  claimId: string,
  duplicateOf: DuplicateOf<NodeRecords[T]> | undefined,
  field: string,
): ((tx: Tx) => Promise<void>) | undefined {
  if (!duplicateOf) return undefined;
  const rel = type === NodeType.STATEMENT ? 'STATES' : 'GAP_OF';
  return async (tx) => {
    await lock(tx, [claimId]);
    const siblings = await nodes(
      tx,
      type,
      `MATCH (n:${NODE_LABEL[type]})-[:${rel}]->(:Entity {id: $id})`,
      { id: claimId },
      'ORDER BY p.id',
    );
    const same = duplicateOf(siblings);
    if (same) throw new UniqueViolationError(field, same.id);
  };
}

/** insertOne, then the record as stored (read back in a transaction of its own). */
export async function createOne<T extends NodeType>(
  x: Neo4jExecutor,
  type: T,
  record: NodeRecords[T],
  revisions: Audit | undefined,
  guard?: (tx: Tx) => Promise<void>,
): Promise<NodeRecords[T]> {
  await insertOne(x, type, record, revisions, guard);
  return (await getByIds(x, type, [record.id]))[0];
}

/** Sets the changed properties and bumps the version. */
export async function bump(tx: Tx, id: string, changes: Props): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) SET n += $changes, n.version = n.version + 1', {
    id,
    changes,
  });
}

/**
 * Applies a patch to a node's own properties (and what it keeps beside them: labels, sort name,
 * search words), from its record as it now stands; references are relinked by the caller.
 */
export async function rewrite<T extends NodeType>(
  tx: Tx,
  type: T,
  id: string,
  patch: Partial<NodeRecords[T]>,
  at: string,
): Promise<void> {
  const [record] = await byIds(tx, type, [id]);
  const after = { ...record, ...patch, updatedAt: at } as NodeRecords[T];
  const props = records.toProps[type](after);
  delete props.version;
  await tx.run('MATCH (n:Entity {id: $id}) SET n += $props, n.version = n.version + 1', {
    id,
    props,
  });
}

/** Rewrites a node's indexed search words from its record as it now stands. */
export async function reindex<T extends NodeType>(tx: Tx, type: T, id: string): Promise<void> {
  const [record] = await byIds(tx, type, [id]);
  await tx.run('MATCH (n:Entity {id: $id}) SET n += $search', {
    id,
    search: searchProps(type, record),
  });
}

/**
 * Compare-and-set in one transaction: the node's write lock is taken first, then its version
 * compared, so of concurrent writers with the same expectedVersion exactly one applies (and
 * writes its revisions). The record is read back afterwards, in a transaction of its own.
 */
export async function versioned<T extends NodeType>(
  x: Neo4jExecutor,
  type: T,
  id: string,
  expectedVersion: number,
  revisions: Audit | undefined,
  apply: (tx: Tx) => Promise<void>,
): Promise<VersionedWrite<NodeRecords[T]>> {
  const result = await x.write(async (tx): Promise<VersionedWrite<null>> => {
    await lock(tx, [id]);
    const [cur] = await rows(
      tx,
      `MATCH (n:Entity {id: $id}) WHERE n:${NODE_LABEL[type]} RETURN n.version AS version`,
      { id },
    );
    if (!cur) return { ok: false, reason: 'NOT_FOUND' };
    const version = num(cur.version);
    if (version !== expectedVersion) {
      return { ok: false, reason: 'CONFLICT', currentVersion: version };
    }
    await apply(tx);
    await writeRevisions(tx, revisions);
    return { ok: true, record: null };
  });
  return result.ok ? { ok: true, record: (await getByIds(x, type, [id]))[0] } : result;
}
