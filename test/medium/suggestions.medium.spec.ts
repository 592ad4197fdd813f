/**
 * The extraction assistant over a real SQLite file: the service reads the source, the vocabulary
 * (with synonyms and the hierarchy) and the claims from the store, suggests, and stores nothing.
 * An unknown source is NOT_FOUND on `sourceId`.
 */
import { ErrorCode } from '../../src/common/domain-error';
import { Hedging } from '../../src/graphql.schema';
import { SuggestionsService } from '../../src/suggestions/suggestions.service';
import * as f from '../support/fixtures';
import { MediumApp, mediumApp, refusal, seed } from './medium-app';

const TEXT = [
  'Zolmax and Sleep',
  '',
  'Zolmax may improve sleep for people with sleeplessness.',
  'Research shows it brings relief within a week.',
  'Parking is free behind the building.',
].join('\n');

describe('suggestStatements (medium: service over a temp SQLite file)', () => {
  let app: MediumApp;
  const service = new SuggestionsService();

  beforeAll(async () => {
    app = await mediumApp();
    await seed(app.store, {
      sources: [f.source({ id: 'src-zolmax', text: TEXT })],
      conditions: [
        f.condition({ id: 'sleep-disorder', name: 'Sleep disorder' }),
        f.condition({
          id: 'insomnia',
          name: 'Insomnia',
          synonyms: ['sleeplessness'],
          broaderIds: ['sleep-disorder'],
        }),
      ],
      interventions: [f.intervention({ id: 'zolmax', name: 'Zolmax', drug: 'zolmax' })],
      claims: [
        f.claim({
          id: 'claim-zolmax-insomnia',
          text: 'Zolmax improves sleep in insomnia',
          interventionId: 'zolmax',
          conditionIds: ['insomnia'],
        }),
      ],
    });
  });

  afterAll(() => app.close());

  it('suggests from what the store holds, and stores nothing', async () => {
    const before = await app.store.statementsBySources(['src-zolmax']);
    const found = await service.suggestStatements('src-zolmax', app.scope());
    expect(found.map((s) => s.text)).toEqual([
      'Zolmax may improve sleep for people with sleeplessness',
      'Research shows it brings relief within a week',
    ]);
    expect(found[0]).toMatchObject({
      start: TEXT.indexOf('Zolmax may'),
      hedging: Hedging.HEDGED,
      hedgingCues: ['may'],
      conditionIds: ['insomnia'],
      interventionId: 'zolmax',
      proposedGap: null,
    });
    expect(found[0].claimCandidates[0].claimId).toBe('claim-zolmax-insomnia');
    expect(found[1].proposedGap).toEqual({ kind: 'UNCITED_ASSERTION', cue: 'Research shows' });
    expect(await app.store.statementsBySources(['src-zolmax'])).toEqual(before);
  });

  it('an unknown source is NOT_FOUND on sourceId', async () => {
    const err = await refusal(service.suggestStatements('src-nowhere', app.scope()));
    expect(err.code).toBe(ErrorCode.NOT_FOUND);
    expect(err.details.field).toBe('sourceId');
  });
});
