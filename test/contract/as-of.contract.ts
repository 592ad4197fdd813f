/**
 * asOf over the live store plus the overlay of later revisions (src/history/as-of-reads.ts), part
 * of the store contract: run against every adapter. Each case is checked by what it should show
 * and against the old snapshot copy (snapshot.ts), which holds the state at the instant by
 * construction.
 */
import { revision } from '../../src/history/revision';
import { AsOfReads, overlayAsOf } from '../../src/history/as-of-reads';
import { snapshotOf } from '../../src/history/snapshot';
import { createSnapshotStore } from '../../src/store/store.factory';
import {
  ClaimRecord,
  EvidenceStore,
  GraphBundle,
  KnowledgeReads,
  RecordKind,
} from '../../src/store/ports';
import { emptyBundle } from '../../src/store/bundle-plan';
import * as f from '../support/fixtures';

const SEEDED = f.AT; // 2026-01-01
const INSTANT = '2026-01-15T00:00:00.000Z';
const FIRST_EDIT = '2026-02-01T00:00:00.000Z';
const BETWEEN = '2026-02-15T00:00:00.000Z';
const SECOND_EDIT = '2026-03-01T00:00:00.000Z';
/** After every edit above: revision ids sort in the order changes are made. */
const MID_READ = '2026-03-15T00:00:00.000Z';
const ctx = { actor: 'editor' };

const sortById = <T extends { id: string }>(xs: T[]) =>
  [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));

/** Everything the overlay answers, read through one KnowledgeReads (for comparing two of them). */
async function readAll(s: KnowledgeReads) {
  const claims = ['claim-a', 'claim-b', 'claim-new'];
  const studies = ['study-a', 'study-b'];
  return {
    claims: sortById(await s.getClaims(claims)),
    byFibro: await s.findClaimIds({ conditionIds: ['fibro'] }),
    byPain: await s.findClaimIds({ conditionIds: ['pain'] }),
    byMechanism: await s.findClaimIds({ mechanismIds: ['nmda'] }),
    bySource: await s.findClaimIds({ sourceId: 'src-a' }),
    texts: await s.claimTexts(),
    statementsByClaim: await s.statementsByClaims(claims),
    statementsBySource: await s.statementsBySources(['src-a']),
    evidenceByClaim: await s.evidenceByClaims(claims),
    evidenceByStudy: await s.evidenceByStudies(studies),
    links: sortById(await s.getEvidenceLinks(['ev-a', 'ev-b', 'ev-b2'])),
    gapsByClaim: await s.gapsByClaims(claims),
    narrower: await s.narrowerConditions(['pain'], 8),
    pairs: await s.narrowerPairs(['pain', 'fibro']),
    conditions: sortById(await s.getConditions(['pain', 'fibro', 'new-child'])),
    names: await s.conditionNames(),
    byName: await s.findConditionsByName('persistent pain'),
    byNewName: await s.findConditionsByName('long pain'),
    mechanisms: await s.listMechanisms(),
    cites: await s.citationsOf(studies, 'cites'),
    citedBy: await s.citationsOf(studies, 'citedBy'),
    notices: await s.noticesByStudies(studies),
    nodeTypes: [...(await s.nodeTypes([...claims, 'ev-a', 'new-child', 'src-a']))].sort(),
    history: await s.revisionsOf('claim-b', undefined, 50),
    studies: sortById(await s.getStudies(studies)),
    report: await s
      .conditionEvidence('pain', 8)
      .then((r) => r && { ...r, conditions: sortById(r.conditions), studies: sortById(r.studies) }),
    reportWithSources: await s.conditionEvidence('pain', 8, { withSources: true }).then(
      (r) =>
        r && {
          ...r,
          conditions: sortById(r.conditions),
          studies: sortById(r.studies),
          sources: sortById(r.sources),
        },
    ),
  };
}

export function describeAsOfOverlay(current: () => EvidenceStore): void {
  describe('asOf: the live store plus the overlay of later revisions', () => {
    let store: EvidenceStore;
    const open: Array<{ close(): Promise<void> }> = [];

    const asOf = async (at: string) => {
      const reads = new AsOfReads(
        { live: store, admin: store, build: createSnapshotStore },
        await overlayAsOf(store, at),
      );
      open.push(reads);
      return reads;
    };
    const snapshot = async (at: string) => {
      const copy = await snapshotOf(store, at, createSnapshotStore);
      open.push(copy);
      return copy;
    };
    const claim = async (id: string) => (await store.getClaims([id]))[0];
    const editClaim = async (id: string, patch: Partial<ClaimRecord>, at: string) => {
      const before = await claim(id);
      const after = { ...before, ...patch, version: before.version + 1, updatedAt: at };
      const done = await store.updateClaim(id, before.version, patch, at, [
        revision('claims', before, after, ctx, at),
      ]);
      expect(done.ok).toBe(true);
    };
    const replace = async (kind: RecordKind, record: object, at: string) => {
      const bundle: GraphBundle = emptyBundle();
      (bundle[kind] as object[]).push(record);
      const done = await store.upsertBundle(bundle, 'replace-changed', {
        revision: (k, b, a) => revision(k, b, a, ctx, at),
      });
      expect(done.updated).toBe(1);
    };

    beforeEach(async () => {
      store = current();
      await store.upsertBundle(f.smallGraph(), 'create-missing', {
        revision: (k, b, a) => revision(k, b, a, { actor: 'seed' }, SEEDED),
      });
      // After the instant: a claim created, a link deleted, a link moved to another claim, a
      // claim edited twice, a claim's condition changed, a condition added below another, a
      // condition's synonym replaced, a citation added.
      const fresh = f.claim({ id: 'claim-new', text: 'A new claim', conditionIds: ['fibro'] });
      await store.createClaim(fresh, [revision('claims', null, fresh, ctx, FIRST_EDIT)]);
      const [evA] = await store.getEvidenceLinks(['ev-a']);
      const deleted = await store.deleteEvidenceLink('ev-a', evA.version, [
        revision('evidence', evA, null, ctx, FIRST_EDIT),
      ]);
      expect(deleted.ok).toBe(true);
      // A link is never moved: its study is linked to another claim instead.
      const [evB] = await store.getEvidenceLinks(['ev-b']);
      await store.deleteEvidenceLink('ev-b', evB.version, [
        revision('evidence', evB, null, ctx, FIRST_EDIT),
      ]);
      const moved = f.link({ ...evB, id: 'ev-b2', claimId: 'claim-b', createdAt: FIRST_EDIT });
      await store.createEvidenceLink(moved, [revision('evidence', null, moved, ctx, FIRST_EDIT)]);
      await editClaim('claim-b', { text: 'Ketamine helps depression a little' }, FIRST_EDIT);
      await editClaim('claim-a', { conditionIds: ['pain'] }, FIRST_EDIT);
      const child = f.condition({ id: 'new-child', name: 'New child', broaderIds: ['fibro'] });
      await store.createCondition(child, [revision('conditions', null, child, ctx, FIRST_EDIT)]);
      const [pain] = await store.getConditions(['pain']);
      const renamed = { ...pain, synonyms: ['long pain'], version: pain.version + 1 };
      const edited = await store.updateCondition(
        'pain',
        pain.version,
        { synonyms: ['long pain'] },
        FIRST_EDIT,
        [revision('conditions', pain, renamed, ctx, FIRST_EDIT)],
      );
      expect(edited.ok).toBe(true);
      await store.addCitations(
        [f.citation({ citingId: 'study-a', citedId: 'study-b', createdAt: FIRST_EDIT })],
        (c) => [revision('citations', null, c, ctx, FIRST_EDIT)],
      );
      // Last: revision ids sort by instant (and by a counter within one).
      await editClaim('claim-b', { text: 'Ketamine helps depression a lot' }, SECOND_EDIT);
    });

    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('a record created after the instant is absent, in every read that could list it', async () => {
      const then = await asOf(INSTANT);
      expect(await then.getClaims(['claim-new'])).toEqual([]);
      expect(await then.findClaimIds({ conditionIds: ['fibro'] })).toEqual(['claim-a']);
      expect((await then.claimTexts()).map((c) => c.id)).toEqual(['claim-a', 'claim-b']);
      expect((await then.nodeTypes(['claim-new', 'new-child'])).size).toBe(0);
      expect(await then.narrowerConditions(['pain'], 8)).toEqual([{ id: 'fibro', depth: 1 }]);
      expect(await then.citationsOf(['study-a'], 'cites')).toEqual([]);
    });

    it('changesSince is revisionsSince without what asOf does not read', async () => {
      const since = await store.revisionsSince(INSTANT);
      expect(since.length).toBe(10);
      expect(await store.changesSince(INSTANT)).toEqual(
        since.map(({ id, entityId, entityKind, before, at }) => ({
          id,
          entityId,
          entityKind,
          before,
          at,
        })),
      );
    });

    it('a record deleted after the instant is present as it was', async () => {
      const then = await asOf(INSTANT);
      expect(await then.getEvidenceLinks(['ev-a'])).toEqual([f.link()]);
      expect((await then.evidenceByStudies(['study-a'])).map((l) => l.id)).toEqual(['ev-a']);
      expect(await store.getEvidenceLinks(['ev-a'])).toEqual([]);
    });

    it('a link whose claim changed after the instant: the claim and its links as they were', async () => {
      const then = await asOf(INSTANT);
      // claim-a's condition changed, its links were deleted, its study now links claim-b.
      expect((await then.getClaims(['claim-a']))[0].conditionIds).toEqual(['fibro']);
      const byClaim = await then.evidenceByClaims(['claim-a', 'claim-b']);
      expect(byClaim.map((l) => [l.id, l.claimId])).toEqual([
        ['ev-a', 'claim-a'],
        ['ev-b', 'claim-a'],
      ]);
      expect(await then.evidenceByClaims(['claim-b'])).toEqual([]);
      expect(await then.getEvidenceLinks(['ev-b2'])).toEqual([]);
      expect((await store.evidenceByClaims(['claim-a', 'claim-b'])).map((l) => l.id)).toEqual([
        'ev-b2',
      ]);
    });

    it('a record changed twice after the instant shows its first before; between the edits, the first edit', async () => {
      expect((await (await asOf(INSTANT)).getClaims(['claim-b']))[0]).toMatchObject({
        text: 'Ketamine helps depression',
        version: 1,
      });
      expect((await (await asOf(BETWEEN)).getClaims(['claim-b']))[0]).toMatchObject({
        text: 'Ketamine helps depression a little',
        version: 2,
      });
      // Its history is the log cut at the instant.
      const history = await (await asOf(BETWEEN)).revisionsOf('claim-b', undefined, 10);
      expect(history.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
    });

    it('a claim id by condition that only matched then; names and the hierarchy as they were', async () => {
      const then = await asOf(INSTANT);
      expect(await then.findClaimIds({ conditionIds: ['fibro'] })).toEqual(['claim-a']);
      expect(await then.findClaimIds({ conditionIds: ['pain'] })).toEqual(['claim-b']);
      expect(await store.findClaimIds({ conditionIds: ['fibro'] })).toEqual(['claim-new']);
      expect((await then.findConditionsByName('Persistent  Pain')).map((c) => c.id)).toEqual([
        'pain',
      ]);
      expect(await then.findConditionsByName('long pain')).toEqual([]);
      expect(await then.narrowerPairs(['fibro'])).toEqual([]);
    });

    it('a change landing while a scope reads is undone too (the overlay catches up); read-only; closed reads fail', async () => {
      const then = await asOf(INSTANT);
      expect((await then.getGaps(['gap-a']))[0].description).toBe('No trial');
      const [gap] = await store.getGaps(['gap-a']);
      await replace('gaps', { ...gap, description: 'Edited later' }, MID_READ);
      expect((await then.getGaps(['gap-a']))[0].description).toBe('No trial');
      expect((await then.gapsByClaims(['claim-b']))[0].description).toBe('No trial');
      await expect(then.appendRevisions([])).rejects.toThrow(/read-only/);
      await then.close();
      await expect(then.getClaims(['claim-a'])).rejects.toThrow(/closed/);
    });

    it('answers every overlaid read as the snapshot copy does, at every instant', async () => {
      // (Before the seed everything is overlaid as absent: the first case and the medium tests.)
      for (const at of [INSTANT, BETWEEN]) {
        expect({ at, ...(await readAll(await asOf(at))) }).toEqual({
          at,
          ...(await readAll(await snapshot(at))),
        });
      }
    });
  });
}
