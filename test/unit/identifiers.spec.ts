/**
 * DOI and PMID normalisation (DESIGN §3: normalised and unique; a second insert of the same DOI
 * finds the first, so every spelling of one DOI must normalise to the same value).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { normaliseDoi, normalisePmid } from '../../src/studies/identifiers';

const DOI = '10.1016/j.pain.2009.06.023';

describe('normaliseDoi', () => {
  it('accepts a bare DOI as is', () => {
    expect(normaliseDoi(DOI)).toEqual({ ok: true, value: DOI });
  });

  it('lower-cases (DOIs are case-insensitive)', () => {
    expect(normaliseDoi('10.1016/J.PAIN.2009.06.023')).toEqual({ ok: true, value: DOI });
  });

  it.each([
    ['https://doi.org/', `https://doi.org/${DOI}`],
    ['http://doi.org/', `http://doi.org/${DOI}`],
    ['http://dx.doi.org/', `http://dx.doi.org/${DOI}`],
    ['https://dx.doi.org/', `https://dx.doi.org/${DOI}`],
    ['HTTPS://DOI.ORG/ (upper case)', `HTTPS://DOI.ORG/${DOI.toUpperCase()}`],
    ['doi:', `doi:${DOI}`],
    ['DOI: (with a space)', `DOI: ${DOI}`],
  ])('strips the %s prefix', (_label, raw) => {
    expect(normaliseDoi(raw)).toEqual({ ok: true, value: DOI });
  });

  it('trims surrounding whitespace', () => {
    expect(normaliseDoi(`  https://doi.org/${DOI}\n`)).toEqual({ ok: true, value: DOI });
  });

  it('percent-decodes a DOI copied from a URL', () => {
    expect(normaliseDoi('https://doi.org/10.1002%2F%28SICI%291097-4598')).toEqual({
      ok: true,
      value: '10.1002/(sici)1097-4598',
    });
  });

  it('normalises every spelling of the same DOI to one value', () => {
    const spellings = [
      DOI,
      DOI.toUpperCase(),
      `doi:${DOI}`,
      `https://doi.org/${DOI}`,
      `http://dx.doi.org/${DOI}`,
      'https://doi.org/10.1016%2Fj.pain.2009.06.023',
    ];
    const values = spellings.map((s) => {
      const r = normaliseDoi(s);
      return r.ok ? r.value : `rejected: ${s}`;
    });
    expect(new Set(values)).toEqual(new Set([DOI]));
  });

  it.each([
    ['an empty string', ''],
    ['whitespace', '   '],
    ['free text', 'not a doi'],
    ['a prefix with no DOI', 'https://doi.org/'],
    ['a directory that is not 10.', `11.1016/j.pain`],
    ['a registrant of fewer than 4 digits', '10.101/abc'],
    ['a missing suffix', '10.1016/'],
    ['a missing slash', '10.1016'],
    ['a space inside the suffix', '10.1016/j.pain 2009'],
    ['an unknown resolver', `https://example.org/${DOI}`],
    ['markup in the suffix', '10.1234/<script>alert(1)</script>'],
    ['markup, percent-encoded', 'https://doi.org/10.1234/%3Cscript%3E'],
    ['a quote in the suffix', '10.1234/a"b'],
  ])('rejects %s with a reason', (_label, raw) => {
    const r = normaliseDoi(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/DOI/);
      expect(r.reason).toContain('10.');
    }
  });

  it('accepts every DOI in the seeds (Crossref pattern)', () => {
    const dois = ['studies.json', 'curation/evidence.json'].flatMap(
      (f) =>
        JSON.stringify(JSON.parse(readFileSync(join(__dirname, '../../seeds', f), 'utf8'))).match(
          /"doi":"[^"]*"/g,
        ) ?? [],
    );
    expect(dois.length).toBeGreaterThan(30);
    for (const d of dois) {
      const raw = (JSON.parse(`{${d}}`) as { doi: string }).doi;
      expect([raw, normaliseDoi(raw).ok]).toEqual([raw, true]);
    }
  });

  it('rejects bad percent-encoding with its own reason', () => {
    expect(normaliseDoi('10.1016/abc%E0%A4%A')).toEqual({
      ok: false,
      reason: 'is not a valid DOI (bad percent-encoding)',
    });
    expect(normaliseDoi('10.1016/abc%zz')).toEqual({
      ok: false,
      reason: 'is not a valid DOI (bad percent-encoding)',
    });
  });
});

describe('normalisePmid', () => {
  it('accepts digits', () => {
    expect(normalisePmid('19586691')).toEqual({ ok: true, value: '19586691' });
  });

  it.each([['PMID: 19586691'], ['PMID:19586691'], ['pmid: 19586691'], ['  19586691  ']])(
    'strips a prefix and whitespace: %j',
    (raw) => {
      expect(normalisePmid(raw)).toEqual({ ok: true, value: '19586691' });
    },
  );

  it('accepts a single digit and nine digits', () => {
    expect(normalisePmid('1')).toEqual({ ok: true, value: '1' });
    expect(normalisePmid('123456789')).toEqual({ ok: true, value: '123456789' });
  });

  it.each([
    ['a leading zero', '019586691'],
    ['zero', '0'],
    ['letters', '1958669a'],
    ['only letters', 'abc'],
    ['an empty string', ''],
    ['only the prefix', 'PMID:'],
    ['a negative number', '-5'],
    ['a decimal', '12.5'],
    ['ten digits', '1234567890'],
    ['inner whitespace', '1958 6691'],
  ])('rejects %s with a reason', (_label, raw) => {
    const r = normalisePmid(raw);
    expect(r).toEqual({
      ok: false,
      reason: 'is not a PMID (expected a positive whole number of up to 9 digits)',
    });
  });
});
