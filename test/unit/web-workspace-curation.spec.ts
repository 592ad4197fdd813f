import {
  codePoints,
  gapDescription,
  curationInput,
  findWords,
  problemsByOrigin,
  trimmed,
  WorkItem,
} from '../../web/src/features/workspace/curation';

const item = (over: Partial<WorkItem>): WorkItem => ({
  id: 's0',
  origin: 'suggestion',
  start: 0,
  end: 10,
  quote: 'Ketamine x',
  hedging: 'ASSERTIVE',
  claim: { kind: 'existing', claimId: 'claim-a', text: 'A' },
  conditionIds: ['fibromyalgia'],
  mechanismIds: [],
  interventionId: 'iv-ketamine-infusion',
  gap: { kind: 'NO_STUDY', description: '', include: false },
  status: 'accepted',
  ...over,
});

describe('the workspace as one importCuration input', () => {
  it('sends accepted items only: a claim (by id or new), its statement at its offsets, its gap', () => {
    const { input, origins } = curationInput(
      'src-1',
      [
        item({}),
        item({ id: 's1', status: 'rejected' }),
        item({ id: 's2', status: 'open' }),
        item({
          id: 's3',
          start: 20,
          end: 40,
          quote: 'Studies have shown it',
          claim: { kind: 'new', text: '  New claim  ', claimKind: 'EFFICACY' },
          gap: {
            kind: 'UNCITED_ASSERTION',
            description: gapDescription('Studies have shown'),
            include: true,
          },
        }),
        // The same new claim, stated again further on: one claim, two statements.
        item({
          id: 'a0',
          origin: 'selection',
          start: 50,
          end: 60,
          quote: 'again',
          claim: { kind: 'same-as', item: 's3', text: 'New claim' },
        }),
      ],
      [
        {
          id: 'l1',
          claim: { item: 's3' },
          claimText: 'New claim',
          studyId: 'study-x',
          studyTitle: 'X',
          relation: 'SUPPORTS',
        },
        // Its item was rejected: no claim to link to, left out.
        {
          id: 'l2',
          claim: { item: 's1' },
          claimText: 'A',
          studyId: 'study-y',
          studyTitle: 'Y',
          relation: 'SUPPORTS',
        },
        {
          id: 'l3',
          claim: { claimId: 'claim-stored' },
          claimText: 'S',
          studyId: 'study-z',
          studyTitle: 'Z',
          relation: 'CONTRADICTS',
        },
      ],
    );
    expect(input.claims).toEqual([
      { key: 's0-claim', id: 'claim-a' },
      {
        key: 's3-claim',
        text: 'New claim',
        kind: 'EFFICACY',
        interventionId: 'iv-ketamine-infusion',
        conditionIds: ['fibromyalgia'],
        mechanismIds: [],
      },
    ]);
    expect(input.statements.map((s) => [s.key, s.claim, s.start, s.end])).toEqual([
      ['s0-statement', 's0-claim', 0, 10],
      ['s3-statement', 's3-claim', 20, 40],
      ['a0-statement', 's3-claim', 50, 60],
    ]);
    expect(input.gaps).toEqual([
      {
        key: 's3-gap',
        claim: 's3-claim',
        kind: 'UNCITED_ASSERTION',
        description: 'The source says "Studies have shown" and cites no study for it.',
        statement: 's3-statement',
      },
    ]);
    expect(input.links).toEqual([
      { key: 'l1-link', claim: 's3-claim', studyId: 'study-x', relation: 'SUPPORTS' },
      { key: 'l3-link', claim: 'claim-stored', studyId: 'study-z', relation: 'CONTRADICTS' },
    ]);
    expect(origins['statements[1]']).toBe('s3');
    expect(origins['s3-gap']).toBe('s3');
    expect(origins['links[1]']).toBe('l3');
  });

  it("puts each refusal under the item it names, by key or by place; the rest under ''", () => {
    const origins = { 's3-claim': 's3', 'statements[0]': 's0' };
    expect(
      problemsByOrigin(
        [
          { item: 's3-claim', field: 'input.claims[1].text', reason: 'is the text of claim-b' },
          {
            item: 'statements[0]',
            field: 'input.statements[0].quote',
            reason: 'is not in the text',
          },
          { field: 'input.sourceId', reason: 'names no source' },
          {
            item: 's3-claim',
            field: 'input.statements[1].claim',
            reason: 'names claim "s3-claim" of this input, which is refused',
          },
        ],
        origins,
      ),
    ).toEqual({
      s3: ['Claim text: is the text of claim-b'],
      s0: ['Quote: is not in the text'],
      '': ['input.sourceId: names no source'],
    });
  });

  it('trims whitespace off a selection and counts code points, not UTF-16 units', () => {
    const chars = Array.from(' a😀b \n');
    expect(trimmed(chars, 0, chars.length)).toEqual({ start: 1, end: 4 });
    expect(trimmed(chars, 4, 6)).toBeNull();
    expect(codePoints('a😀b', 3)).toBe(2);
  });

  it('finds typed words in the text in code points, exactly or ignoring case', () => {
    const text = '😀 Ketamine may help. ketamine HELPS.';
    expect(findWords(text, 'ketamine helps')).toEqual({ start: 21, end: 35 });
    expect(findWords(text, ' Ketamine ')).toEqual({ start: 2, end: 10 });
    expect(findWords(text, 'absent')).toBeNull();
    expect(findWords(text, '  ')).toBeNull();
  });
});
