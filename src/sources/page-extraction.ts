/**
 * A saved web page to the plain text statements anchor to. @mozilla/readability finds the main
 * article (dropping navigation, headers, footers, banners, scripts); linkedom is the DOM it runs
 * on: a small, fast, dependency-light DOM is all Readability needs, where jsdom would add a full
 * browser environment (and several times the start-up and parse time) that nothing here uses.
 *
 * The article's blocks become paragraphs separated by one blank line, whitespace inside each
 * collapsed to single spaces and trimmed: offsets are code points into this text, so it must be
 * the same for the same HTML, every time.
 */
import type { Readability } from '@mozilla/readability';
import type { parseHTML } from 'linkedom';
import { createHash } from 'crypto';
import { lazy } from '../common/lazy-module';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first page (lazy-module.ts) */
const readability = lazy(
  () => require('@mozilla/readability') as typeof import('@mozilla/readability'),
);
const linkedom = lazy(() => require('linkedom') as typeof import('linkedom'));
/* eslint-enable @typescript-eslint/no-require-imports */

export interface ExtractedPage {
  /** The page's own title (Readability's: <title>, og:title, the article heading), if any. */
  title: string | null;
  /** Paragraphs separated by blank lines. */
  text: string;
  /** SHA-256 of the HTML as given, hex. */
  htmlSha256: string;
}

/** Why a page gives no text: the field is always input.html. */
export class PageExtractionError extends Error {}

/** Elements whose content starts a new paragraph and ends it. */
const BLOCK = new Set(
  (
    'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody ' +
    'td th thead tfoot tr ul caption'
  ).split(' '),
);
/** Never text, even when Readability keeps them. */
const SKIP = new Set(
  'script style noscript template svg math iframe object button select'.split(' '),
);
/** Any run of whitespace, no-break spaces included: one space. */
const SPACE = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/gu;
/** Controls other than whitespace (a page may carry them as &#1;): never part of the text. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g;
/** Some markup: a tag, a comment or a doctype. Text without any is not a page. */
const MARKUP = /<(?:[a-zA-Z][^>]*|!--[\s\S]*?--|!doctype[^>]*)>/i;

function normalise(s: string): string {
  return s.replace(CONTROL, '').replace(SPACE, ' ').trim();
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** The paragraphs of an element's content, each whitespace-normalised, none empty. */
export function paragraphsOf(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const p = normalise(current.join(''));
    if (p.length > 0) paragraphs.push(p);
    current = [];
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return; // comments, processing instructions
    const name = node.nodeName.toLowerCase();
    if (SKIP.has(name)) return;
    if (name === 'br') return flush();
    const block = BLOCK.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs;
}

/**
 * The main text of a saved page. Throws PageExtractionError when the input is not HTML at all or
 * the page has no main text.
 */
export function extractPage(html: string): ExtractedPage {
  if (!MARKUP.test(html))
    throw new PageExtractionError('is not HTML: it has no tags (paste plain text as input.text)');
  let document: ReturnType<typeof parseHTML>['document'];
  try {
    document = linkedom().parseHTML(html).document;
  } catch (err) {
    throw new PageExtractionError(`could not be parsed as HTML (${(err as Error).message})`);
  }
  if (!document.documentElement)
    throw new PageExtractionError('could not be parsed as an HTML document');
  const pageTitle = normalise(document.title ?? '');
  let article: ReturnType<Readability<string>['parse']>;
  try {
    const dom = document as unknown as ConstructorParameters<typeof Readability>[0];
    article = new (readability().Readability)(dom).parse();
  } catch (err) {
    throw new PageExtractionError(`could not be read as a page (${(err as Error).message})`);
  }
  let text = '';
  if (article?.content) {
    const { document: content } = linkedom().parseHTML(
      `<!doctype html><html><body>${article.content}</body></html>`,
    );
    text = paragraphsOf(content.body as unknown as DomNode).join('\n\n');
  }
  if (text.length === 0)
    throw new PageExtractionError('has no main text to extract (the article is empty)');
  const title = normalise(article?.title ?? '') || pageTitle;
  return { title: title.length > 0 ? title : null, text, htmlSha256: sha256Hex(html) };
}
