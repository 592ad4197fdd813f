/**
 * Reports' records cached between requests (src/read-scope/report-cache.ts), over a real SQLite
 * file: served again only while the store clock has not moved, whoever wrote.
 */
import { assess } from '../../src/evidence/assessment';
import { IndirectnessDomain } from '../../src/graphql.schema';
import { ClaimEvidenceService } from '../../src/evidence/claim-evidence.service';
import { REVIEWED, WITH_PENDING } from '../../src/evidence/counting';
import { ReadScope } from '../../src/read-scope/read-scope';
import { registerReportCache } from '../../src/read-scope/report-cache';
import { createSqliteStore, SqliteStore } from '../../src/store/sqlite/sqlite.store';
import * as f from '../support/fixtures';
import { tempDbPath } from '../support/temp-sqlite';

describe('report cache', () => {
  let store: SqliteStore;
  let cleanup: () => void;
  let file: string;
  let reads: jest.SpyInstance;

  beforeEach(async () => {
    ({ file, cleanup } = tempDbPath());
    store = createSqliteStore(file);
    await store.init();
    await store.upsertBundle(f.smallGraph());
    registerReportCache(store, 1_000_000);
    reads = jest.spyOn(store, 'conditionEvidence');
  });

  afterEach(async () => {
    await store.close();
    cleanup();
  });

  /** A report's records as a new request reads them. */
  const report = (root = 'pain', withSources = false) =>
    new ReadScope(store).loaders.conditionEvidence(root, 8, { withSources });

  it('a second request reads nothing while nothing was written', async () => {
    const first = await report();
    const second = await report();
    expect(second).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(second?.claims.map((c) => c.id)).toEqual(['claim-a', 'claim-b']);
  });

  it('a write moves the clock: the next request reads the change', async () => {
    await report();
    await store.updateClaim('claim-b', 1, { text: 'Ketamine helps low mood' }, f.LATER);
    const after = await report();
    expect(reads).toHaveBeenCalledTimes(2);
    expect(after?.claims.find((c) => c.id === 'claim-b')?.text).toBe('Ketamine helps low mood');
  });

  it("another connection's write (another worker, a CLI) is seen too", async () => {
    await report();
    const other = createSqliteStore(file);
    await other.init();
    try {
      await other.updateClaim('claim-b', 1, { text: 'Written elsewhere' }, f.LATER);
    } finally {
      await other.close();
    }
    const after = await report();
    expect(after?.claims.find((c) => c.id === 'claim-b')?.text).toBe('Written elsewhere');
  });

  it('within one request, a write clears the scope and the clock is read again', async () => {
    const scope = new ReadScope(store);
    await scope.loaders.conditionEvidence('pain', 8);
    await store.updateClaim('claim-a', 1, { text: 'Changed mid-request' }, f.LATER);
    scope.clear();
    const after = await scope.loaders.conditionEvidence('pain', 8);
    expect(after?.claims.find((c) => c.id === 'claim-a')?.text).toBe('Changed mid-request');
  });

  it('records read without sources are read again when sources are asked, not the reverse', async () => {
    expect((await report('pain', false))?.sources).toEqual([]);
    const withSources = await report('pain', true);
    expect(withSources?.sources.map((s) => s.id)).toEqual([f.source().id]);
    expect(await report('pain', false)).toBe(withSources);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('each depth and root is its own entry; an unknown root is cached as nothing', async () => {
    await report('pain');
    await report('fibro');
    expect(await report('no-such-condition')).toBeNull();
    expect(await report('no-such-condition')).toBeNull();
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it("a report's other reads (what a name refers to) are kept by key until a write", async () => {
    const names = jest.spyOn(store, 'findConditionsByName');
    const lookup = () =>
      new ReadScope(store).loaders.kept('condition-ref\u0000fibromyalgia', () =>
        store.findConditionsByName('fibromyalgia'),
      );
    const first = await lookup();
    expect(first.map((c) => c.id)).toEqual(['fibro']);
    expect(await lookup()).toBe(first);
    expect(names).toHaveBeenCalledTimes(1);
    await store.updateCondition('fibro', 1, { name: 'Fibromyalgia syndrome' }, f.LATER);
    expect(await lookup()).toEqual([]);
    expect(names).toHaveBeenCalledTimes(2);
    // A scope over a store with no cache (a snapshot, an asOf overlay) reads every time.
    const other = createSqliteStore(file);
    await other.init();
    try {
      const spy = jest.spyOn(other, 'getClaims');
      for (let i = 0; i < 2; i++)
        await new ReadScope(other).loaders.kept('claims', () => other.getClaims(['claim-a']));
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      await other.close();
    }
  });

  it('shared records are frozen: a service cannot change what other requests get', async () => {
    const found = await report();
    const claim = found!.claims[0];
    expect(() => {
      (claim as { text: string }).text = 'changed';
    }).toThrow(TypeError);
    expect(() => (claim.conditionIds as string[]).push('x')).toThrow(TypeError);
  });

  it('a failed read is not kept: the next request reads again', async () => {
    reads.mockRejectedValueOnce(new Error('the store is down'));
    await expect(report()).rejects.toThrow('the store is down');
    expect((await report())?.claims).toHaveLength(2);
  });

  it('keeps at most the bytes it was given room for', async () => {
    const small = createSqliteStore(file);
    await small.init();
    try {
      // Room for 100 bytes of JSON: the "pain" report has more, so it is never kept.
      registerReportCache(small, 100);
      const spy = jest.spyOn(small, 'conditionEvidence');
      await new ReadScope(small).loaders.conditionEvidence('pain', 8);
      await new ReadScope(small).loaders.conditionEvidence('pain', 8);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      await small.close();
    }
  });

  describe("claims' assessments from shared records", () => {
    const evidence = new ClaimEvidenceService();
    /** A request's evidence for both claims, read the way the report reads it. */
    async function assessed(view = REVIEWED) {
      const scope = new ReadScope(store);
      await scope.loaders.conditionEvidence('pain', 8);
      return evidence.forClaims(['claim-a', 'claim-b'], scope, view);
    }

    it('are assessed once while the records are the same, and equal a fresh assessment', async () => {
      const first = await assessed();
      const second = await assessed();
      expect(second.map((e) => e.assessment)).toEqual(first.map((e) => e.assessment));
      second.forEach((e, i) => expect(e.assessment).toBe(first[i].assessment));
      for (const e of second) expect(e.assessment).toEqual(assess(e.links, e.statements));
      expect(Object.isFrozen(second[0].assessment.supporting)).toBe(true);
    });

    it('follow a write: the new records are assessed anew', async () => {
      const indirectness = (e: {
        assessment: { domains: { domain: string; verdict: string }[] };
      }) => e.assessment.domains.find((d) => d.domain === 'INDIRECTNESS')?.verdict;
      const before = await assessed();
      expect(indirectness(before[0])).toBe('NOT_SERIOUS');
      const differs = [{ domain: IndirectnessDomain.POPULATION, reason: 'adults with PTSD' }];
      const link = before[0].links[0].link;
      await store.updateEvidenceLink(link.id, link.version, { indirectness: differs }, f.LATER);
      const after = await assessed();
      expect(after[0].assessment).not.toBe(before[0].assessment);
      expect(indirectness(after[0])).not.toBe('NOT_SERIOUS');
      for (const e of after) expect(e.assessment).toEqual(assess(e.links, e.statements));
    });

    it('are kept per review view', async () => {
      const reviewed = await assessed(REVIEWED);
      const withPending = await assessed(WITH_PENDING);
      const again = await assessed(REVIEWED);
      again.forEach((e, i) => expect(e.assessment).toBe(reviewed[i].assessment));
      for (const e of [...withPending, ...again])
        expect(e.assessment).toEqual(assess(e.links, e.statements));
    });
  });
});
