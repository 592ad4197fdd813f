/**
 * Extracting a saved page's main text: boilerplate (navigation, header, footer, cookie banner,
 * sidebar, scripts and styles) dropped, paragraphs and list items kept as blank-line separated
 * paragraphs with whitespace normalised, entities decoded, the same HTML giving the same text and
 * hash; input that is not HTML, or a page without main text, refused.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { extractPage, PageExtractionError } from '../../src/sources/page-extraction';
import { sourceContent } from '../../src/sources/sources.service';
import { DomainError } from '../../src/common/domain-error';

const PAGE = readFileSync(join(__dirname, '..', 'fixtures', 'pages', 'clinic-page.html'), 'utf8');

describe('extractPage on a clinic page', () => {
  const page = extractPage(PAGE);
  const paragraphs = page.text.split('\n\n');

  it('keeps the article paragraphs and each list item as its own paragraph', () => {
    expect(paragraphs[0]).toBe(
      'At Riverbend we offer supervised ketamine infusions for adults living with chronic pain ' +
        'that has not responded to other treatments. Each session lasts about forty minutes and ' +
        'takes place in a quiet room with a nurse present throughout.',
    );
    expect(paragraphs).toContain('Complex regional pain syndrome (CRPS)');
    expect(paragraphs).toContain('Neuropathic pain after nerve injury');
    expect(paragraphs).toContain('Who may benefit');
    expect(paragraphs.at(-1)).toMatch(/^Before treatment every patient meets our physician/);
    expect(paragraphs).toHaveLength(9);
  });

  it('drops navigation, header, footer, cookie banner, sidebar, scripts and styles', () => {
    for (const boilerplate of [
      'cookies',
      'Accept all',
      'About us',
      'Contact',
      'All rights reserved',
      'Privacy policy',
      'Book a consultation',
      '555 0100',
      'analyticsQueue',
      'trackEvent',
      'font-family',
    ])
      expect([boilerplate, page.text.includes(boilerplate)]).toEqual([boilerplate, false]);
  });

  it('decodes entities', () => {
    expect(page.text).toContain('\u201Ccentral sensitisation\u201D');
    expect(page.text).toContain('Fibromyalgia & widespread pain');
    expect(page.text).toContain('long\u2011standing');
    expect(page.text).not.toMatch(/&[a-z]+;|&#\d+;/);
  });

  it('is plain text: blank lines between paragraphs, no runs of spaces, no padding', () => {
    expect(page.text).not.toMatch(/ {2}|\t|\n{3}|[^\n]\n[^\n]|\u00A0/);
    for (const p of paragraphs) expect(p).toBe(p.trim());
    expect(page.text).toBe(page.text.trim());
  });

  it("takes the page's title and the SHA-256 of the HTML as given", () => {
    expect(page.title).toBe('Ketamine Infusions for Chronic Pain');
    expect(page.htmlSha256).toBe(createHash('sha256').update(PAGE, 'utf8').digest('hex'));
  });

  it('is deterministic: the same HTML gives the same text and hash', () => {
    expect(extractPage(PAGE)).toEqual(page);
  });
});

describe('extractPage refuses', () => {
  it.each([
    ['plain text', 'Ketamine relieves pain. No markup at all.', /is not HTML/],
    [
      'an empty body',
      '<!doctype html><html><head><title>T</title></head><body></body></html>',
      /no main text/,
    ],
    [
      'only boilerplate scripts',
      '<html><body><script>var a = 1;</script><style>p{}</style></body></html>',
      /no main text/,
    ],
  ])('%s', (_label, html, message) => {
    expect(() => extractPage(html)).toThrow(PageExtractionError);
    expect(() => extractPage(html)).toThrow(message);
  });
});

describe('sourceContent: exactly one of text and html', () => {
  const field = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as DomainError).details.field;
    }
    return 'accepted';
  };

  it('names the field at fault', () => {
    expect(field(() => sourceContent({ title: 'T', text: 'x', html: PAGE }))).toBe('input.html');
    expect(field(() => sourceContent({ title: 'T' }))).toBe('input.text');
    expect(field(() => sourceContent({ text: 'x' }))).toBe('input.title');
    expect(field(() => sourceContent({ html: '<p></p>' }))).toBe('input.html');
    expect(
      field(() =>
        sourceContent({
          html: '<body><article><p>Ketamine may help with pain, some clinics say, and the evidence is mixed.</p></article></body>',
        }),
      ),
    ).toBe('input.title');
  });

  it('takes the given title and retrieval day over the defaults; pasted text has no HTML hash', () => {
    const page = sourceContent({ html: PAGE, title: 'Mine', retrievedAt: '2026-01-02' });
    expect([page.title, page.retrievedAt]).toEqual(['Mine', '2026-01-02']);
    expect(sourceContent({ html: PAGE }, () => '2026-03-04').retrievedAt).toBe('2026-03-04');
    expect(sourceContent({ title: 'T', text: 'x' })).toEqual({
      title: 'T',
      text: 'x',
      retrievedAt: null,
      htmlSha256: null,
    });
  });
});
