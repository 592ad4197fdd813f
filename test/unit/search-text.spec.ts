/** The words search indexes and matches, made once for both stores; ranking and snippets. */
import { relevance, snippet } from '../../src/search/search.service';
import {
  foldedWords,
  searchWords,
  termForms,
  termMatcher,
  WordMatch,
} from '../../src/store/searchable-text';

describe('search words', () => {
  it('folds case, accents and compatibility forms; splits on anything but letters and digits', () => {
    expect(foldedWords('Sjögren’s ﬁbrosis, NMDA-receptor 5-HT2A')).toEqual([
      'sjogren',
      's',
      'fibrosis',
      'nmda',
      'receptor',
      '5',
      'ht2a',
    ]);
  });

  it('indexes each word followed by its stem when that differs, for both stores alike', () => {
    expect(searchWords('Ketamine infusions treated Migraines')).toBe(
      'ketamine ketamin infusions infus treated treat migraines migrain',
    );
    expect(searchWords('pain 2024 кетамин')).toBe('pain 2024 кетамин');
  });

  it('matches a query term by the word as typed and by its stem', () => {
    expect(termForms('Migraines')).toEqual(['migraines', 'migrain']);
    expect(termForms('ketam')).toEqual(['ketam']);
    expect(termForms('')).toEqual([]);
  });

  it('tells an exact word from a same-stem word from a prefix', () => {
    const migraine = termMatcher('migraine');
    expect(migraine('migraine')).toBe(WordMatch.EXACT);
    expect(migraine('migraines')).toBe(WordMatch.STEM);
    expect(migraine('migrainelike')).toBe(WordMatch.PREFIX);
    expect(migraine('migrate')).toBe(WordMatch.NONE);
    expect(termMatcher('migraines')('migraine')).toBe(WordMatch.STEM);
    expect(termMatcher('infu')('infusion')).toBe(WordMatch.PREFIX);
    expect(termMatcher('treated')('treatment')).toBe(WordMatch.PREFIX);
    expect(termMatcher('pain')('sprain')).toBe(WordMatch.NONE);
  });

  /** Whatever a store finds by a term's forms, the domain's matcher calls a match too. */
  it('calls a match every word a form of the term begins (as the stores match)', () => {
    const words = foldedWords('infusions infused treatments studies relieving relief painful');
    for (const term of ['infusion', 'infuse', 'treated', 'study', 'relieve', 'pains']) {
      const m = termMatcher(term);
      for (const w of words) {
        const indexed = searchWords(w).split(' ');
        const storeFinds = termForms(term).some((f) => indexed.some((i) => i.startsWith(f)));
        expect([term, w, m(w) !== WordMatch.NONE]).toEqual([term, w, storeFinds]);
      }
    }
  });
});

describe('relevance', () => {
  it('ranks the exact word above the same stem, and that above a prefix', () => {
    const exact = relevance('Migraine', 'Migraine', ['migraine']);
    const stem = relevance('Migraines', 'Migraines', ['migraine']);
    const prefix = relevance('Migrainelike', 'Migrainelike', ['migraine']);
    expect(exact).toBeGreaterThan(stem);
    expect(stem).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(0);
    expect(relevance('Sprain', 'Sprain', ['pain'])).toBe(0);
  });
});

describe('snippet', () => {
  it('brackets each matching word, same-stem words included, punctuation outside', () => {
    expect(
      snippet('Infusions (ketamine) relieve migraine, they say.', ['infusion', 'migraines']),
    ).toBe('[Infusions] (ketamine) relieve [migraine], they say.');
  });

  it('shows the heading when only the heading matches, highlighted the same way', () => {
    expect(snippet('Body text without the word.', ['infusions'], 'Ketamine infusion clinic')).toBe(
      'Ketamine [infusion] clinic',
    );
  });

  it('starts a few words before the first match in a long text', () => {
    const body = `${Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')} migraines end`;
    const s = snippet(body, ['migraine']);
    expect(s.startsWith('… ')).toBe(true);
    expect(s).toContain('[migraines]');
  });
});
