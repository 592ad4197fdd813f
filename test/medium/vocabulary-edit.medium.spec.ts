/**
 * Editing the vocabulary at service level, on a real SQLite file: conditions and mechanisms renamed,
 * synonyms, codes and broader links replaced, on the version last read, with one revision each,
 * and undone through revert. Cycles and taken names are refused and store nothing.
 */
import { ErrorCode } from '../../src/common/domain-error';
import { ConditionsService } from '../../src/conditions/conditions.service';
import { RevertService } from '../../src/history/revert.service';
import { MechanismsService } from '../../src/mechanisms/mechanisms.service';
import * as f from '../support/fixtures';
import { as, MediumApp, mediumApp, refusal, seed } from './medium-app';

describe('vocabulary edits (medium: services over a temp SQLite file)', () => {
  let app: MediumApp;
  let conditions: ConditionsService;
  let mechanisms: MechanismsService;
  let reverts: RevertService;

  beforeEach(async () => {
    app = await mediumApp();
    conditions = app.get(ConditionsService);
    mechanisms = app.get(MechanismsService);
    reverts = app.get(RevertService);
    await seed(app.store, {
      conditions: [
        f.condition({ id: 'pain', name: 'Chronic pain' }),
        f.condition({ id: 'neuro', name: 'Neuropathic pain', broaderIds: ['pain'] }),
        f.condition({ id: 'crps', name: 'CRPS', synonyms: ['RSD'], broaderIds: ['neuro'] }),
        f.condition({ id: 'mood', name: 'Mood disorder' }),
      ],
      mechanisms: [
        f.mechanism({ id: 'nmda', name: 'NMDA antagonism' }),
        f.mechanism({ id: 'bdnf', name: 'BDNF release', synonyms: ['neurotrophic'] }),
      ],
    });
  });

  afterEach(() => app.close());

  const condition = async (id: string) => (await app.store.getConditions([id]))[0];
  const revisions = (id: string) => app.store.revisionsOf(id, undefined, 100);

  it('renames a condition, replaces synonyms, codes and broader links, with one revision; revert puts it back', async () => {
    const before = await condition('crps');
    const after = await conditions.update(
      {
        id: 'crps',
        expectedVersion: 1,
        name: 'Complex regional pain syndrome',
        synonyms: ['CRPS', 'CRPS type I'],
        codes: [{ system: 'ICD-10', code: 'G90.5' }],
        broaderIds: ['pain', 'neuro'],
      },
      as('alice', 'full name'),
      app.scope(),
    );
    expect(after).toMatchObject({
      name: 'Complex regional pain syndrome',
      synonyms: ['CRPS', 'CRPS type I'],
      codes: [{ system: 'ICD-10', code: 'G90.5' }],
      broaderIds: ['neuro', 'pain'],
      version: 2,
    });
    const history = await revisions('crps');
    expect(history).toHaveLength(2); // the seed's CREATE and this UPDATE
    expect(history[1]).toMatchObject({ action: 'UPDATE', actor: 'alice', reason: 'full name' });
    expect((await app.store.findConditionsByName('crps type i')).map((c) => c.id)).toEqual([
      'crps',
    ]);

    await reverts.revert(history[1].id, as('bob'), app.scope());
    expect(await condition('crps')).toMatchObject({
      name: before.name,
      synonyms: before.synonyms,
      codes: before.codes,
      broaderIds: before.broaderIds,
      version: 3,
    });
    expect(await app.store.findConditionsByName('crps type i')).toEqual([]);
  });

  it('refuses a cycle, direct or through others, naming input.broaderIds; nothing is stored', async () => {
    for (const broaderIds of [['crps'], ['neuro'], ['mood', 'crps'], ['pain']]) {
      const err = await refusal(
        conditions.update({ id: 'pain', expectedVersion: 1, broaderIds }, as('alice'), app.scope()),
      );
      expect(err.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(err.details.field).toBe('input.broaderIds');
    }
    expect(await condition('pain')).toMatchObject({ broaderIds: [], version: 1 });
    expect(await revisions('pain')).toHaveLength(1);
    // A link that closes no cycle is fine.
    await conditions.update(
      { id: 'pain', expectedVersion: 1, broaderIds: ['mood'] },
      as('alice'),
      app.scope(),
    );
    expect(await condition('pain')).toMatchObject({ broaderIds: ['mood'], version: 2 });
  });

  it('refuses a name or synonym of another condition, an unknown broader one, and a stale version', async () => {
    const taken = await refusal(
      conditions.update(
        { id: 'mood', expectedVersion: 1, name: 'chronic  PAIN' },
        as('a'),
        app.scope(),
      ),
    );
    expect(taken.details).toMatchObject({ field: 'input.name' });
    const synonym = await refusal(
      conditions.update(
        { id: 'mood', expectedVersion: 1, synonyms: ['rsd'] },
        as('a'),
        app.scope(),
      ),
    );
    expect(synonym.details).toMatchObject({ field: 'input.synonyms' });
    const unknown = await refusal(
      conditions.update(
        { id: 'mood', expectedVersion: 1, broaderIds: ['nope'] },
        as('a'),
        app.scope(),
      ),
    );
    expect(unknown.details).toMatchObject({ field: 'input.broaderIds' });
    const stale = await refusal(
      conditions.update({ id: 'mood', expectedVersion: 4, name: 'Mood' }, as('a'), app.scope()),
    );
    expect(stale.code).toBe(ErrorCode.CONFLICT);
    expect(stale.details).toMatchObject({ currentVersion: 1 });
    // Its own name, in other case, is no clash; an edit that changes nothing writes nothing.
    await conditions.update(
      { id: 'crps', expectedVersion: 1, synonyms: ['RSD'] },
      as('a'),
      app.scope(),
    );
    expect(await condition('crps')).toMatchObject({ version: 1 });
    expect(await condition('mood')).toMatchObject({ name: 'Mood disorder', version: 1 });
    expect(await revisions('mood')).toHaveLength(1);
  });

  it('renames a mechanism and replaces its synonyms; revert puts them back unless the name was taken since', async () => {
    await mechanisms.update(
      { id: 'nmda', expectedVersion: 1, name: 'NMDA receptor blockade', synonyms: ['NMDA'] },
      as('alice'),
      app.scope(),
    );
    expect((await app.store.getMechanisms(['nmda']))[0]).toMatchObject({
      name: 'NMDA receptor blockade',
      synonyms: ['NMDA'],
      version: 2,
    });
    const edit = (await revisions('nmda')).pop()!;
    // Someone takes the old name meanwhile: putting it back would give two mechanisms one name.
    await mechanisms.update(
      { id: 'bdnf', expectedVersion: 1, synonyms: ['NMDA antagonism'] },
      as('carol'),
      app.scope(),
    );
    const refused = await refusal(reverts.revert(edit.id, as('bob'), app.scope()));
    expect(refused.code).toBe(ErrorCode.CONFLICT);
    expect((await app.store.getMechanisms(['nmda']))[0]).toMatchObject({ version: 2 });
    // Once the name is free again, the revert goes through.
    const taking = (await revisions('bdnf')).pop()!;
    await reverts.revert(taking.id, as('bob'), app.scope());
    await reverts.revert(edit.id, as('bob'), app.scope());
    expect((await app.store.getMechanisms(['nmda']))[0]).toMatchObject({
      name: 'NMDA antagonism',
      synonyms: [],
      version: 3,
    });
  });

  it('refuses a taken mechanism name and a stale version', async () => {
    const taken = await refusal(
      mechanisms.update(
        { id: 'nmda', expectedVersion: 1, name: 'Neurotrophic' },
        as('a'),
        app.scope(),
      ),
    );
    expect(taken.details).toMatchObject({ field: 'input.name' });
    const stale = await refusal(
      mechanisms.update({ id: 'nmda', expectedVersion: 2, name: 'X' }, as('a'), app.scope()),
    );
    expect(stale.details).toMatchObject({ currentVersion: 1 });
    expect(await revisions('nmda')).toHaveLength(1);
  });
});
