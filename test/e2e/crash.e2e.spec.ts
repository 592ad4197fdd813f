/**
 * A crash in the middle of a bulk write, on each store: the real server runs as a child process;
 * while it imports a few thousand BibTeX records (transactions of DEFAULT_IMPORT_BATCH records)
 * and serves a stream of createClaim mutations, it is killed with SIGKILL as soon as the raw
 * database shows the first import batch committed. Started again on the same database it must
 * hold every acknowledged claim, whole import batches only, exactly one CREATE revision per
 * imported study and created claim and no revision without its record, answer queries normally,
 * and finish the same import on a re-run with exactly the full set of studies (no duplicates).
 */
import { AuthService } from '../../src/auth/auth.service';
import { DEFAULT_IMPORT_BATCH } from '../../src/citations/import/citation-import.service';
import { loadConfig } from '../../src/config/app-config';
import { createStore } from '../../src/store/store.factory';
import { ChildServer, killAllChildren, startChildServer } from '../support/child-server';
import { Neo4jProbe } from '../support/neo4j-probe';
import { NEO4J_TEST_URI } from '../support/neo4j-test-server';
import { bearer, StoreKind, storeKinds } from '../support/server';
import { SqliteProbe, tempDbPath } from '../support/temp-sqlite';

jest.setTimeout(300_000);

/**
 * Records in the import: six batches. The kill lands within milliseconds of the first commit, a
 * batch takes hundreds, so later batches are never all in; more records only lengthen the re-run.
 */
const RECORDS = 3_000;
const DOI_PREFIX = '10.5555/crash.';

/** Compact synthetic BibTeX (made-up works; DOIs under the example prefix 10.5555/). */
function syntheticBibtex(kind: StoreKind, n: number): string {
  const out: string[] = ['% Synthetic records for the crash test: not real works.\n'];
  for (let i = 1; i <= n; i++)
    out.push(
      `@article{crash${i},\n  author = {Crash, A. and Synthetic, B.},\n  title = {Crash record ${i}},\n` +
        `  year = {${1970 + (i % 50)}},\n  doi = {${DOI_PREFIX}${kind}.${i}}\n}\n`,
    );
  return out.join('\n');
}

/** Raw reads of what the crashed server left, independent of the code under test. */
interface CrashProbe {
  studyCount(): Promise<number>;
  /** Imported studies: id and DOI. */
  imported(): Promise<Array<{ id: string; doi: string }>>;
  /** Claims of the stream (acknowledged or not) that are stored. */
  streamClaimCount(): Promise<number>;
  /** Which of these claim ids are stored. */
  claimsPresent(ids: string[]): Promise<string[]>;
  /** Revisions of a kind: entity id, action and whether the record exists. */
  revisions(
    kind: 'studies' | 'claims',
  ): Promise<Array<{ entityId: string; action: string; exists: boolean }>>;
  /** Revisions of kind studies whose recorded DOI is an imported one. */
  importRevisionCount(): Promise<number>;
  close(): Promise<void>;
}

function sqliteCrashProbe(file: string): CrashProbe {
  const p = new SqliteProbe(file);
  const table = { studies: 'studies', claims: 'claims' };
  return {
    studyCount: async () => (await p.counts()).studies,
    imported: async () =>
      p.all(`SELECT id, doi FROM studies WHERE doi LIKE ? ORDER BY id`, `${DOI_PREFIX}%`) as Array<{
        id: string;
        doi: string;
      }>,
    streamClaimCount: async () =>
      p.all(`SELECT count(*) AS n FROM claims WHERE text LIKE 'Crash claim %'`)[0].n as number,
    claimsPresent: async (ids) =>
      ids.length === 0
        ? []
        : p
            .all(
              `SELECT id FROM claims WHERE id IN (SELECT value FROM json_each(?))`,
              JSON.stringify(ids),
            )
            .map((r) => r.id as string),
    revisions: async (kind) =>
      p
        .all(
          `SELECT r.entity_id AS entityId, r.action AS action,
                  EXISTS (SELECT 1 FROM ${table[kind]} t WHERE t.id = r.entity_id) AS present
             FROM revisions r WHERE r.entity_kind = ?`,
          kind,
        )
        .map((r) => ({
          entityId: r.entityId as string,
          action: r.action as string,
          exists: r.present === 1,
        })),
    importRevisionCount: async () =>
      p.all(
        `SELECT count(*) AS n FROM revisions WHERE entity_kind = 'studies' AND json_extract(after, '$.doi') LIKE ?`,
        `${DOI_PREFIX}%`,
      )[0].n as number,
    close: () => p.close(),
  };
}

function neo4jCrashProbe(): CrashProbe {
  const p = new Neo4jProbe(NEO4J_TEST_URI);
  const run = (cypher: string, params: Record<string, unknown> = {}) => p.query(cypher, params);
  const label = { studies: 'Study', claims: 'Claim' };
  return {
    studyCount: async () => (await p.counts()).studies,
    imported: async () =>
      (
        await run(
          'MATCH (s:Study) WHERE s.doi STARTS WITH $prefix RETURN s.id AS id, s.doi AS doi ORDER BY id',
          { prefix: DOI_PREFIX },
        )
      ).map((r) => ({ id: r.id as string, doi: r.doi as string })),
    streamClaimCount: async () =>
      Number(
        (
          await run(`MATCH (c:Claim) WHERE c.text STARTS WITH 'Crash claim ' RETURN count(c) AS n`)
        )[0].n,
      ),
    claimsPresent: async (ids) =>
      (await run('MATCH (c:Claim) WHERE c.id IN $ids RETURN c.id AS id', { ids })).map(
        (r) => r.id as string,
      ),
    revisions: async (kind) => {
      // Two linear reads joined here: a join in Cypher (per revision, a lookup of its record)
      // is at the planner's mercy, and after the database was wiped and refilled it may scan
      // every record for each of thousands of revisions.
      const revs = await run(
        'MATCH (v:Revision {entityKind: $kind}) RETURN v.entityId AS entityId, v.action AS action',
        { kind },
      );
      const ids = new Set(
        (await run(`MATCH (n:${label[kind]}) RETURN n.id AS id`)).map((r) => r.id as string),
      );
      return revs.map((r) => ({
        entityId: r.entityId as string,
        action: r.action as string,
        exists: ids.has(r.entityId as string),
      }));
    },
    importRevisionCount: async () =>
      Number(
        (
          await run(
            `MATCH (v:Revision {entityKind: 'studies'}) WHERE v.after CONTAINS $doi RETURN count(v) AS n`,
            { doi: `"doi":"${DOI_PREFIX}` },
          )
        )[0].n,
      ),
    close: () => p.close(),
  };
}

async function gql(
  child: ChildServer,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; data?: any; errors?: Array<{ message: string }> }> {
  const res = await fetch(child.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(secret) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
  return { status: res.status, data: body.data, errors: body.errors };
}

const IMPORT = `mutation($input: ImportCitationsInput!) {
  importCitations(input: $input) { created merged rejected }
}`;
const CREATE_CLAIM = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(storeKinds())('SIGKILL in the middle of a bulk write on the %s store', (kind) => {
  const temp = tempDbPath();
  const env: Record<string, string> =
    kind === 'sqlite' ? { SQLITE_PATH: temp.file } : { NEO4J_URI: NEO4J_TEST_URI };
  let probe: CrashProbe | undefined;
  const openProbe = () =>
    (probe = kind === 'sqlite' ? sqliteCrashProbe(temp.file) : neo4jCrashProbe());

  afterAll(async () => {
    await killAllChildren();
    await probe?.close();
    temp.cleanup();
  });

  it('keeps acknowledged writes and whole batches only, and a re-run completes the import', async () => {
    // An EDITOR token, issued on the store directly before the server runs.
    if (kind === 'neo4j') {
      const wipe = new Neo4jProbe(NEO4J_TEST_URI);
      await wipe.wipe();
      await wipe.close();
    }
    const direct = createStore(loadConfig({ ...env, NODE_ENV: 'test' }));
    await direct.init();
    const { secret } = await new AuthService(direct).createToken('crash-editor', 'EDITOR', {
      actor: 'test',
    });
    await direct.close();

    let child = await startChildServer(env);
    openProbe();
    // /ready answers once seeding is done (it runs before the server listens).
    const studiesBefore = await probe!.studyCount();
    expect(studiesBefore).toBeGreaterThan(0);

    const bibtex = syntheticBibtex(kind, RECORDS);
    expect(bibtex.length).toBeLessThanOrEqual(1_000_000);

    // A stream of claims, two at a time, from a little before the import until the kill.
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const stream = async (lane: number) => {
      while (!stop) {
        const n = sent++;
        try {
          const res = await gql(child, secret, CREATE_CLAIM, {
            input: {
              text: `Crash claim ${lane}.${n}`,
              kind: 'EFFICACY',
              conditionIds: ['fibromyalgia'],
            },
          });
          if (res.status === 200 && !res.errors && res.data?.createClaim?.id)
            acknowledged.push(res.data.createClaim.id);
        } catch {
          // The server is gone: this one was not acknowledged.
          if (stop) return;
          await sleep(5);
        }
      }
    };
    const lanes = [stream(1), stream(2)];
    // The import starts once the stream is flowing: a few claims acknowledged.
    const flowing = Date.now() + 30_000;
    while (acknowledged.length < 4) {
      if (Date.now() > flowing)
        throw new Error(`the claim stream did not start:\n${child.output()}`);
      await sleep(5);
    }
    let importDone = false;
    const importing = gql(child, secret, IMPORT, {
      input: { format: 'BIBTEX', content: bibtex },
    }).then(
      (r) => ((importDone = true), r),
      (err: unknown) => ((importDone = true), err),
    );

    // Kill as soon as the first batch is committed.
    const deadline = Date.now() + 180_000;
    let seen = studiesBefore;
    while (seen === studiesBefore) {
      if (importDone)
        throw new Error(`the import finished before the kill: ${JSON.stringify(await importing)}`);
      if (Date.now() > deadline) throw new Error(`no import batch committed:\n${child.output()}`);
      await sleep(kind === 'sqlite' ? 2 : 10);
      seen = await probe!.studyCount();
    }
    const exit = await child.kill('SIGKILL');
    stop = true;
    expect(exit.signal).toBe('SIGKILL');
    await importing;
    await Promise.all(lanes);
    expect(importDone).toBe(true);

    // Started again on the same database.
    await probe!.close();
    child = await startChildServer(env);
    openProbe();

    const imported = await probe!.imported();
    const batches = imported.length / DEFAULT_IMPORT_BATCH;
    const claimsPresent = await probe!.claimsPresent(acknowledged);
    const studyRevisions = await probe!.revisions('studies');
    const claimRevisions = await probe!.revisions('claims');
    const importRevisions = await probe!.importRevisionCount();
    const streamClaims = await probe!.streamClaimCount();
    console.log(
      `crash (${kind}): killed after ${seen - studiesBefore} studies were visible; ` +
        `${imported.length} of ${RECORDS} imported studies survive = ${batches} batch(es) of ` +
        `${DEFAULT_IMPORT_BATCH}; ${acknowledged.length} claims acknowledged (of ${sent} sent), ` +
        `${claimsPresent.length} of them present (${streamClaims} of the stream's claims stored)`,
    );

    // Every acknowledged claim survived.
    expect(claimsPresent.sort()).toEqual([...acknowledged].sort());
    expect(streamClaims).toBeGreaterThanOrEqual(acknowledged.length);
    expect(streamClaims).toBeLessThanOrEqual(sent);
    // Whole batches only, and not all of them.
    expect(imported.length % DEFAULT_IMPORT_BATCH).toBe(0);
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.length).toBeLessThan(RECORDS);
    // One CREATE revision per imported study and per claim; no revision without its record.
    const perEntity = (revs: typeof studyRevisions) => {
      const m = new Map<string, string[]>();
      for (const r of revs) m.set(r.entityId, [...(m.get(r.entityId) ?? []), r.action]);
      return m;
    };
    const studyRevs = perEntity(studyRevisions);
    expect(imported.filter((s) => studyRevs.get(s.id)?.join() !== 'CREATE')).toEqual([]);
    expect(importRevisions).toBe(imported.length);
    expect(studyRevisions.filter((r) => !r.exists)).toEqual([]);
    const claimRevs = perEntity(claimRevisions);
    expect(acknowledged.filter((id) => claimRevs.get(id)?.join() !== 'CREATE')).toEqual([]);
    expect(claimRevisions.filter((r) => !r.exists)).toEqual([]);

    // The store answers as usual.
    const read = await gql(
      child,
      secret,
      `query($id: ID!) {
        studies(filter: { title: "Crash record" }, first: 3) { totalCount edges { node { id doi } } }
        claim(id: $id) { id text history { totalCount } }
        evidenceReport(condition: "fibromyalgia", includePending: true) { summary { claimCount } }
      }`,
      { id: acknowledged[0] ?? 'claim-crps-pain-relief' },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.studies.totalCount).toBe(imported.length);
    expect(read.data.claim).not.toBeNull();
    expect(read.data.evidenceReport.summary.claimCount).toBeGreaterThan(0);

    // The same import again completes and ends with exactly the full set.
    const rerun = await gql(child, secret, IMPORT, {
      input: { format: 'BIBTEX', content: bibtex },
    });
    expect(rerun.errors).toBeUndefined();
    expect(rerun.data.importCitations).toEqual({
      created: RECORDS - imported.length,
      merged: imported.length,
      rejected: 0,
    });
    const after = await probe!.imported();
    expect(after).toHaveLength(RECORDS);
    expect(new Set(after.map((s) => s.doi)).size).toBe(RECORDS);
    const revsAfter = perEntity(await probe!.revisions('studies'));
    expect(after.filter((s) => revsAfter.get(s.id)?.join() !== 'CREATE')).toEqual([]);
    expect(await probe!.importRevisionCount()).toBe(RECORDS);

    await child.kill('SIGTERM');
  });
});
