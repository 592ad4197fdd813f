/**
 * The extraction assistant's pure parts, on invented pages (not the seed sources): hedging cues,
 * the research cue and citations, spotting names by synonyms and stems with the hierarchy, code
 * point offsets past non-BMP characters, lists and references back, claim ranking, determinism.
 */
import { Hedging, ReviewStatus } from '../../src/graphql.schema';
import { codePointLength, sliceCodePoints } from '../../src/common/text';
import { ClaimInput } from '../../src/suggestions/claim-ranking';
import { citesAnything, judgeHedging, researchCue } from '../../src/suggestions/hedging';
import { segment } from '../../src/suggestions/segmentation';
import { narrowest, Spotter, Vocabulary, wordsOf } from '../../src/suggestions/spotting';
import { draftClaimText, isCallToAction, suggest } from '../../src/suggestions/suggest';

const vocabulary: Vocabulary = {
  conditions: [
    { id: 'headache', name: 'Headache', synonyms: ['head pain'], broaderIds: [] },
    {
      id: 'migraine',
      name: 'Migraine',
      synonyms: ['migraine headache', 'MIG'],
      broaderIds: ['headache'],
    },
    { id: 'insomnia', name: 'Insomnia', synonyms: ['sleeplessness'], broaderIds: [] },
  ],
  mechanisms: [
    { id: 'serotonin', name: 'Serotonin modulation', synonyms: ['serotonin receptors'] },
  ],
  interventions: [
    { id: 'oral-zolmax', name: 'Oral zolmax tablets', drug: 'zolmax' },
    { id: 'zolmax', name: 'Zolmax (any route)', drug: 'zolmax' },
  ],
};

const claim = (o: Partial<ClaimInput> & { id: string; text: string }): ClaimInput => ({
  reviewStatus: ReviewStatus.ACCEPTED,
  conditionIds: [],
  mechanismIds: [],
  interventionId: null,
  ...o,
});

const claims: ClaimInput[] = [
  claim({ id: 'c-migraine', text: 'Zolmax relieves migraine attacks', conditionIds: ['migraine'] }),
  claim({
    id: 'c-insomnia',
    text: 'Zolmax improves sleep in insomnia',
    conditionIds: ['insomnia'],
  }),
  claim({
    id: 'c-serotonin',
    text: 'Zolmax acts on serotonin receptors',
    mechanismIds: ['serotonin'],
  }),
  claim({
    id: 'c-rejected',
    text: 'Zolmax relieves migraine',
    reviewStatus: ReviewStatus.REJECTED,
  }),
];

describe('hedging cues', () => {
  it.each([
    ['Zolmax may shorten a migraine attack.', Hedging.HEDGED, ['may']],
    ['Zolmax could possibly help sleep.', Hedging.HEDGED, ['could', 'possibly']],
    ['The tablets seem to work for many.', Hedging.HEDGED, ['seem']],
    ['Researchers believe zolmax calms the nerves.', Hedging.ATTRIBUTED, ['Researchers believe']],
    ['Many users have reported fewer attacks.', Hedging.ATTRIBUTED, ['Many users have reported']],
    ['It is widely regarded as gentle.', Hedging.ATTRIBUTED, ['is widely regarded']],
    ['According to experts, zolmax is gentle.', Hedging.ATTRIBUTED, ['According to experts']],
    ['Taken according to the label, zolmax is gentle.', Hedging.ASSERTIVE, []],
    ['Zolmax ends migraine attacks.', Hedging.ASSERTIVE, []],
    ['Trials have shown that zolmax ends attacks.', Hedging.ASSERTIVE, []],
  ])('%s → %s', (text, hedging, cues) => {
    expect(judgeHedging(text)).toEqual({ hedging, cues });
  });

  it('attribution wins over a modal in the same span', () => {
    expect(judgeHedging('Experts say it may help.').hedging).toBe(Hedging.ATTRIBUTED);
  });
});

describe('research cue and citations', () => {
  it('finds research asserted without a reference', () => {
    expect(researchCue('Research shows zolmax ends attacks')).toBe('Research shows');
    expect(researchCue('Zolmax has been proven to end attacks')).toBe('has been proven');
    expect(researchCue('Zolmax is clinically proven')).toBe('clinically proven');
    expect(researchCue('Zolmax ends attacks')).toBeNull();
  });

  it('a page cites when it carries a DOI, PMID, author–year or numbered reference', () => {
    expect(citesAnything('See 10.1000/xyz123 for the trial.')).toBe(true);
    expect(citesAnything('A trial (Novak et al., 2020) found it.')).toBe(true);
    expect(citesAnything('A trial (Novak 2020) found it.')).toBe(true);
    expect(citesAnything('A trial found it [4].')).toBe(true);
    expect(citesAnything('PMID: 12345678')).toBe(true);
    expect(citesAnything('Studies have shown it works, in 2020 too.')).toBe(false);
  });
});

describe('spotting names', () => {
  const conditions = new Spotter(
    vocabulary.conditions.map((c) => ({ id: c.id, names: [c.name, ...c.synonyms] })),
  );
  const byId = new Map(vocabulary.conditions.map((c) => [c.id, c]));
  const ids = (text: string) => narrowest(conditions.find(wordsOf(text)), byId).map((f) => f.id);

  it('finds names and synonyms by stem and case-folded', () => {
    expect(ids('Patients with MIGRAINES and sleeplessness')).toEqual(['migraine', 'insomnia']);
    expect(ids('It eases head pains')).toEqual(['headache']);
  });

  it('an acronym must stand in capitals', () => {
    expect(ids('MIG attacks')).toEqual(['migraine']);
    expect(ids('a mig welder')).toEqual([]);
  });

  it('the longer name wins, and the narrower condition over its broader one', () => {
    // "migraine headache" holds "headache" (broader): only migraine is kept.
    expect(ids('for migraine headache')).toEqual(['migraine']);
    // Named apart, both stay.
    expect(ids('for migraine and for headache')).toEqual(['migraine', 'headache']);
  });
});

describe('segmentation', () => {
  it('splits sentences, lines, list items and headings', () => {
    const text =
      'About Zolmax\n\nZolmax is a tablet. It may ease migraine.\nSide effects include:\n- Dry mouth\n• Dizziness\n';
    const parts = segment(text).map((s) => [s.kind, s.text]);
    expect(parts).toEqual([
      ['heading', 'About Zolmax'],
      ['sentence', 'Zolmax is a tablet'],
      ['sentence', 'It may ease migraine'],
      ['heading', 'Side effects include:'],
      ['item', 'Dry mouth'],
      ['item', 'Dizziness'],
    ]);
  });
});

describe('suggest', () => {
  const page = [
    'Zolmax for Migraine',
    '',
    'Zolmax may relieve migraine attacks within an hour. The weather was mild that year.',
    'It also improves sleep in people with insomnia.',
    'Research shows that zolmax acts on serotonin receptors.',
    'Possible side effects:',
    '- Dry mouth',
    'Our clinic is open on Sundays.',
  ].join('\n');

  it('suggests the spans about the intervention that say something, nothing else', () => {
    const found = suggest(page, vocabulary, claims).map((s) => s.text);
    expect(found).toEqual([
      'Zolmax may relieve migraine attacks within an hour',
      'It also improves sleep in people with insomnia',
      'Research shows that zolmax acts on serotonin receptors',
      'Dry mouth',
    ]);
  });

  it('gives hedging with cues, conditions, mechanisms, intervention, ranked claims and a gap', () => {
    const [first, second, third, item] = suggest(page, vocabulary, claims);
    expect(first).toMatchObject({
      hedging: Hedging.HEDGED,
      hedgingCues: ['may'],
      conditionIds: ['migraine'],
      interventionId: 'zolmax',
      proposedGap: null,
    });
    expect(first.claimCandidates[0].claimId).toBe('c-migraine');
    expect(first.claimCandidates.map((c) => c.claimId)).not.toContain('c-rejected');
    // "It" refers back to zolmax, named just before.
    expect(second).toMatchObject({ conditionIds: ['insomnia'], interventionId: 'zolmax' });
    expect(second.claimCandidates[0].claimId).toBe('c-insomnia');
    expect(third).toMatchObject({
      hedging: Hedging.ASSERTIVE,
      mechanismIds: ['serotonin'],
      proposedGap: { kind: 'UNCITED_ASSERTION', cue: 'Research shows' },
    });
    expect(third.claimCandidates[0].claimId).toBe('c-serotonin');
    // The item completes its lead-in, and no claim fits it: a draft text is proposed.
    expect(item.proposedClaimText).toBe('Dry mouth');
  });

  it('a ", which" clause is a span of its own, with its own hedging', () => {
    const found = suggest(
      'Trials have shown that zolmax blocks serotonin receptors, which may ease migraine.',
      vocabulary,
      claims,
    );
    expect(found.map((s) => [s.text, s.hedging])).toEqual([
      ['Trials have shown that zolmax blocks serotonin receptors', Hedging.ASSERTIVE],
      ['which may ease migraine', Hedging.HEDGED],
    ]);
  });

  it('proposes no gap when the page cites something', () => {
    const cited = page + '\nReference: Novak et al. (2021).';
    expect(suggest(cited, vocabulary, claims).every((s) => s.proposedGap === null)).toBe(true);
  });

  it('names the intervention whose name the span holds most of', () => {
    const [s] = suggest('Oral zolmax tablets ease migraine.', vocabulary, claims);
    expect(s.interventionId).toBe('oral-zolmax');
  });

  it('counts offsets in code points past non-BMP characters', () => {
    const text = '𝒵 🙂 Intro line here\n\n😀😀 Zolmax may ease migraine 🙂 fast.';
    const [s] = suggest(text, vocabulary, claims);
    expect(sliceCodePoints(text, s.start, s.end)).toBe(s.text);
    expect(s.end - s.start).toBe(codePointLength(s.text));
    expect(s.start).toBe(codePointLength('𝒵 🙂 Intro line here\n\n'));
  });

  it('gives the same answer for the same input', () => {
    const a = JSON.stringify(suggest(page, vocabulary, claims));
    const b = JSON.stringify(suggest(page, vocabulary, [...claims].reverse()));
    expect(b).toBe(a);
  });

  it('leaves out calls to action addressed to the reader', () => {
    expect(isCallToAction('If zolmax could help your migraine, talk to your pharmacist')).toBe(
      true,
    );
    expect(isCallToAction('You should ask whether zolmax suits you')).toBe(true);
    expect(isCallToAction('If you have migraine, zolmax may help')).toBe(false);
    const page =
      'Zolmax may ease migraine.\nTo treat your migraine with zolmax, consult a pharmacist.';
    expect(suggest(page, vocabulary, claims).map((s) => s.text)).toEqual([
      'Zolmax may ease migraine',
    ]);
  });

  it('drafts a claim text: connective dropped, "it" named', () => {
    expect(draftClaimText('However, it eases migraine', 'Zolmax')).toBe('Zolmax eases migraine');
  });
});
