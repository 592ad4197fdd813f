/**
 * Copies a whole knowledge base from one store to another (SQLite <-> Neo4j), in batches, then
 * verifies counts per type and a content checksum on both sides. Records keep their ids,
 * timestamps and versions, so a round trip gives back identical data.
 */
import { createHash } from 'crypto';
import { stableStringify } from '../../common/stable-json';
import { emptyBundle } from '../bundle-plan';
import { EvidenceStore, RECORD_KINDS, RecordKind, StoreCounts } from '../ports';
import { scanKind, scanRevisions } from '../scan-all';

export const COPY_BATCH = 500;

export interface CopyProgress {
  start(total: number): void;
  advance(by: number, kind: RecordKind): void;
  stop(): void;
}

export interface CopyReport {
  counts: StoreCounts;
  /** History and API tokens, copied after the records (tokens keep their hashes). */
  revisions: number;
  tokens: number;
  checksum: string;
  ms: number;
}

export class CopyRefused extends Error {}
export class CopyMismatch extends Error {}

/** SHA-256 over every record of every kind, in id order, as canonical JSON. */
export async function storeChecksum(store: EvidenceStore, batch = COPY_BATCH): Promise<string> {
  const hash = createHash('sha256');
  for (const kind of RECORD_KINDS) {
    hash.update(`\n#${kind}\n`);
    for await (const page of scanKind(store, kind, batch))
      for (const rec of page) hash.update(stableStringify(rec) + '\n');
  }
  return hash.digest('hex');
}

export async function copyStore(
  from: EvidenceStore,
  to: EvidenceStore,
  options: { replace: boolean; progress?: CopyProgress; batch?: number },
): Promise<CopyReport> {
  const started = Date.now();
  const batch = options.batch ?? COPY_BATCH;
  const targetCounts = await to.counts();
  if (Object.values(targetCounts).some((n) => n > 0)) {
    if (!options.replace) {
      throw new CopyRefused(
        `The target ${to.kind} store is not empty (${describe(targetCounts)}); pass --replace to delete its contents and copy over them.`,
      );
    }
    await to.clear();
  }
  const counts = await from.counts();
  options.progress?.start(Object.values(counts).reduce((a, b) => a + b, 0));
  for (const kind of RECORD_KINDS) {
    // Conditions point at broader conditions anywhere in the list: they go in one batch.
    const size = kind === 'conditions' ? Number.MAX_SAFE_INTEGER : batch;
    for await (const page of scanKind(from, kind, size)) {
      const bundle = emptyBundle();
      (bundle[kind] as unknown[]) = page;
      await to.upsertBundle(bundle, 'create-missing');
      options.progress?.advance(page.length, kind);
    }
  }
  options.progress?.stop();
  const { revisions, tokens } = await copyHistoryAndTokens(from, to, batch);

  const [copied, sourceSum, targetSum] = await Promise.all([
    to.counts(),
    storeChecksum(from, batch),
    storeChecksum(to, batch),
  ]);
  const wrong = RECORD_KINDS.filter((k) => copied[k] !== counts[k]);
  if (wrong.length) {
    throw new CopyMismatch(
      `Counts differ after the copy: ${wrong.map((k) => `${k} ${counts[k]} -> ${copied[k]}`).join(', ')}`,
    );
  }
  if (sourceSum !== targetSum)
    throw new CopyMismatch(`Checksums differ after the copy: ${sourceSum} vs ${targetSum}`);
  return { counts, revisions, tokens, checksum: sourceSum, ms: Date.now() - started };
}

/** The audit trail and the tokens go along: a migrated knowledge base keeps its history. */
async function copyHistoryAndTokens(
  from: EvidenceStore,
  to: EvidenceStore,
  batch: number,
): Promise<{ revisions: number; tokens: number }> {
  let revisions = 0;
  for await (const page of scanRevisions(from, batch)) {
    await to.appendRevisions(page);
    revisions += page.length;
  }
  let tokens = 0;
  for (const t of await from.listTokens()) {
    if (!(await to.tokenByHash(t.hash))) await to.createToken(t);
    tokens++;
  }
  const [copiedRevisions, copiedTokens] = [
    (await to.scanRevisions(undefined, revisions + 1)).length,
    (await to.listTokens()).length,
  ];
  if (copiedRevisions !== revisions || copiedTokens !== tokens)
    throw new CopyMismatch(
      `History differs after the copy: ${revisions} -> ${copiedRevisions} revisions, ${tokens} -> ${copiedTokens} tokens`,
    );
  return { revisions, tokens };
}

export function describe(c: StoreCounts): string {
  return Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}
