/**
 * Reverting changes at service level, on a real SQLite file: creates, updates and deletes undone
 * as new audited changes, and the reverts refused because they would discard later work.
 */
import { ClaimsService } from '../../src/claims/claims.service';
import { ErrorCode } from '../../src/common/domain-error';
import { EvidenceService } from '../../src/evidence/evidence.service';
import {
  ClaimKind,
  EvidenceRelation,
  IndirectnessDomain,
  ReviewStatus,
} from '../../src/graphql.schema';
import { RevertService } from '../../src/history/revert.service';
import { RevisionRecord } from '../../src/store/ports';
import * as f from '../support/fixtures';
import { as, MediumApp, mediumApp, refusal, seed } from './medium-app';

describe('revert (medium: services over a temp SQLite file)', () => {
  let app: MediumApp;
  let claims: ClaimsService;
  let evidence: EvidenceService;
  let reverts: RevertService;

  beforeEach(async () => {
    app = await mediumApp();
    claims = app.get(ClaimsService);
    evidence = app.get(EvidenceService);
    reverts = app.get(RevertService);
    await seed(app.store, {
      sources: [f.source()],
      claims: [f.claim()],
      studies: [f.study()],
    });
  });

  afterEach(() => app.close());

  const revisions = (id: string) => app.store.revisionsOf(id, undefined, 100);
  const last = async (id: string): Promise<RevisionRecord> => (await revisions(id)).pop()!;
  const currentClaim = async () => (await app.store.getClaims(['claim-a']))[0];
  const revert = (target: RevisionRecord, actor = 'bob') =>
    reverts.revert(target.id, as(actor), app.scope());

  it('undoes an update: the fields come back, as a new version recorded as the revert', async () => {
    await claims.update(
      { id: 'claim-a', expectedVersion: 1, text: 'Ketamine cures pain' },
      as('alice'),
      app.scope(),
    );
    const edit = await last('claim-a');
    const undo = await revert(edit);

    // The edit had sent the accepted claim back to review; the revert restores both fields.
    expect(await currentClaim()).toMatchObject({
      text: 'Ketamine relieves pain',
      reviewStatus: ReviewStatus.ACCEPTED,
      version: 3,
    });
    expect(undo).toMatchObject({
      entityId: 'claim-a',
      action: 'UPDATE',
      actor: 'bob',
      revertOf: edit.id,
      reason: `revert of ${edit.id}`,
    });
    expect(undo.before).toMatchObject({ text: 'Ketamine cures pain', version: 2 });
    expect(undo.after).toMatchObject({ text: 'Ketamine relieves pain', version: 3 });
    expect((await revisions('claim-a')).map((r) => r.id)).toEqual([
      expect.any(String),
      edit.id,
      undo.id,
    ]);
  });

  it('refuses to undo an update whose fields were changed again since, and writes nothing', async () => {
    await claims.update(
      { id: 'claim-a', expectedVersion: 1, text: 'Ketamine cures pain' },
      as('alice'),
      app.scope(),
    );
    const first = await last('claim-a');
    await claims.update(
      { id: 'claim-a', expectedVersion: 2, text: 'Ketamine cures all pain' },
      as('carol'),
      app.scope(),
    );
    const err = await refusal(revert(first));
    expect(err.code).toBe(ErrorCode.CONFLICT);
    expect(err.message).toContain('text has been changed again since');
    expect(await currentClaim()).toMatchObject({ text: 'Ketamine cures all pain', version: 3 });
    expect(await revisions('claim-a')).toHaveLength(3);
  });

  it('undoes a claim’s creation by rejecting it (claims are never deleted), once', async () => {
    const created = await claims.create(
      { text: 'Ketamine helps migraine', kind: ClaimKind.EFFICACY },
      as('alice'),
      app.scope(),
    );
    const creation = await last(created.id);
    await revert(creation);
    expect((await app.store.getClaims([created.id]))[0]).toMatchObject({
      reviewStatus: ReviewStatus.REJECTED,
      version: 2,
    });
    const again = await refusal(revert(creation));
    expect(again.code).toBe(ErrorCode.CONFLICT);
    expect(again.message).toContain('it is already REJECTED');
  });

  it('undoes a link’s creation by deleting it, and undoes that deletion by restoring it', async () => {
    const link = await evidence.link(
      { studyId: 'study-a', claimId: 'claim-a', relation: EvidenceRelation.SUPPORTS },
      as('alice'),
      app.scope(),
    );
    const removal = await revert(await last(link.id));
    expect(removal).toMatchObject({ action: 'DELETE', entityId: link.id, after: null });
    expect(await app.store.getEvidenceLinks([link.id])).toEqual([]);

    const restoral = await revert(removal, 'carol');
    expect(restoral).toMatchObject({ action: 'CREATE', revertOf: removal.id, actor: 'carol' });
    expect((await app.store.getEvidenceLinks([link.id]))[0]).toMatchObject({
      studyId: 'study-a',
      claimId: 'claim-a',
      relation: EvidenceRelation.SUPPORTS,
      addedBy: 'alice',
      version: 2,
    });
  });

  it('undoes an unlink by restoring the link; a second undo finds it there again', async () => {
    await seed(app.store, { evidence: [f.link()] });
    await evidence.unlink(
      { studyId: 'study-a', claimId: 'claim-a', expectedVersion: 1, reason: 'wrong study' },
      as('alice', 'wrong study'),
      app.scope(),
    );
    const deletion = await last('ev-a');
    expect(deletion).toMatchObject({ action: 'DELETE', reason: 'wrong study' });
    expect(await revert(deletion)).toMatchObject({ action: 'CREATE', revertOf: deletion.id });
    expect((await app.store.getEvidenceLinks(['ev-a']))[0]).toMatchObject({ version: 2 });
    const again = await refusal(revert(deletion));
    expect(again.code).toBe(ErrorCode.CONFLICT);
    expect(again.message).toContain('the link exists again');
  });

  it('refuses what cannot be undone: a source’s creation, an unknown revision', async () => {
    const sourceCreation = await last('src-a');
    const source = await refusal(revert(sourceCreation));
    expect(source.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(source.message).toContain('a CREATE of sources cannot be reverted');
    expect(await revisions('src-a')).toHaveLength(1);

    expect((await refusal(reverts.revert('rev-none', as('bob'), app.scope()))).code).toBe(
      ErrorCode.NOT_FOUND,
    );
  });
});

describe('indirectness of a link (medium: services over a temp SQLite file)', () => {
  let app: MediumApp;
  let evidence: EvidenceService;
  let reverts: RevertService;
  const PTSD = {
    domain: IndirectnessDomain.POPULATION,
    reason: 'the trial enrolled people with PTSD, not depression',
  };

  beforeEach(async () => {
    app = await mediumApp();
    evidence = app.get(EvidenceService);
    reverts = app.get(RevertService);
    await seed(app.store, { claims: [f.claim()], studies: [f.study()] });
  });

  afterEach(() => app.close());

  const linkNow = async (id: string) => (await app.store.getEvidenceLinks([id]))[0];

  it('records it on linking, replaces it on the version read with one revision, and a revert puts it back', async () => {
    const link = await evidence.link(
      {
        studyId: 'study-a',
        claimId: 'claim-a',
        relation: EvidenceRelation.SUPPORTS,
        indirectness: [PTSD],
      },
      as('alice'),
      app.scope(),
    );
    expect(link.indirectness).toEqual([PTSD]);

    const acute = { domain: IndirectnessDomain.OUTCOME, reason: 'acute pain during infusion only' };
    const edited = await evidence.updateIndirectness(
      {
        id: link.id,
        expectedVersion: 1,
        reason: 'read the full text',
        indirectness: [acute, PTSD],
      },
      as('alice', 'read the full text'),
      app.scope(),
    );
    expect(edited).toMatchObject({ version: 2, indirectness: [PTSD, acute] });
    const history = await app.store.revisionsOf(link.id, undefined, 100);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      action: 'UPDATE',
      actor: 'alice',
      reason: 'read the full text',
    });

    // The same differences again change nothing; a stale version is a CONFLICT naming the field.
    await evidence.updateIndirectness(
      { id: link.id, expectedVersion: 2, indirectness: [PTSD, acute] },
      as('alice'),
      app.scope(),
    );
    expect((await linkNow(link.id)).version).toBe(2);
    const stale = await refusal(
      evidence.updateIndirectness(
        { id: link.id, expectedVersion: 1, indirectness: [] },
        as('alice'),
        app.scope(),
      ),
    );
    expect(stale.code).toBe(ErrorCode.CONFLICT);
    expect(stale.details.field).toBe('input.expectedVersion');

    await reverts.revert(history[1].id, as('bob'), app.scope());
    expect(await linkNow(link.id)).toMatchObject({ version: 3, indirectness: [PTSD] });
  });

  it('refuses a domain given twice and an unknown link, writing nothing', async () => {
    const twice = await refusal(
      evidence.link(
        {
          studyId: 'study-a',
          claimId: 'claim-a',
          relation: EvidenceRelation.SUPPORTS,
          indirectness: [PTSD, { ...PTSD, reason: 'veterans' }],
        },
        as('alice'),
        app.scope(),
      ),
    );
    expect(twice.details.field).toBe('input.indirectness[1].domain');
    expect(await app.store.evidenceByClaims(['claim-a'])).toEqual([]);
    const unknown = await refusal(
      evidence.updateIndirectness(
        { id: 'ev-none', expectedVersion: 1, indirectness: [] },
        as('alice'),
        app.scope(),
      ),
    );
    expect(unknown.code).toBe(ErrorCode.NOT_FOUND);
  });
});
