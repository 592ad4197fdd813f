import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DomainError, referenced } from '../common/domain-error';
import { LIMITS } from '../common/validation';
import { newId } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { ReviewStatus } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { SOURCE_STORE, SourceRecord, SourceWrites, StatementRecord } from '../store/ports';
import { nearestCandidates } from './quote.matching';
import { Anchor, anchorQuote, isAnchor, spannedQuote, verifyAnchor } from './anchoring';
import { AddStatementDto, CreateSourceDto } from './source.inputs';
import { extractPage, PageExtractionError } from './page-extraction';
import { created, newRecord, WriteContext } from '../history/revision';

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type SourceContent = Pick<SourceRecord, 'title' | 'text' | 'retrievedAt' | 'htmlSha256'>;

/**
 * Title, text and provenance from exactly one of text and html: a page's main text is extracted
 * (its title used when none is given, today the retrieval day when none is given).
 */
export function sourceContent(
  input: Pick<CreateSourceDto, 'title' | 'text' | 'html' | 'retrievedAt'>,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): SourceContent {
  const { text, html } = input;
  if (text != null && html != null)
    throw DomainError.badInput('input.html', 'give either text or html, not both');
  if (html == null) {
    if (text == null)
      throw DomainError.badInput('input.text', 'is required: give the text, or a page as html');
    if (input.title == null)
      throw DomainError.badInput('input.title', 'is required with text (a page may omit it)');
    return { title: input.title, text, retrievedAt: input.retrievedAt ?? null, htmlSha256: null };
  }
  let page;
  try {
    page = extractPage(html);
  } catch (err) {
    if (err instanceof PageExtractionError) throw DomainError.badInput('input.html', err.message);
    throw err;
  }
  const title = input.title ?? page.title;
  if (title == null)
    throw DomainError.badInput('input.title', 'is required: the page has no title of its own');
  if (title.length > LIMITS.title)
    throw DomainError.badInput(
      'input.title',
      `is needed: the page's own title is over ${LIMITS.title} characters; give a shorter one`,
    );
  if (page.text.length > LIMITS.sourceText)
    throw DomainError.badInput(
      'input.html',
      `has more main text than a source may hold (${LIMITS.sourceText} characters)`,
    );
  return {
    title,
    text: page.text,
    retrievedAt: input.retrievedAt ?? today(),
    htmlSha256: page.htmlSha256,
  };
}

/**
 * Where a quote stands in its source (see anchorQuote), or the error naming the field: the rule of
 * addStatement and importCuration. `at` is the input path of the fields (`input`,
 * `input.statements[3]`); `near` picks among repeats when no occurrence is given.
 */
export function anchorStatement(
  text: string,
  input: { quote: string; occurrence?: number | null; near?: number | null },
  at = 'input',
): Anchor {
  const anchor = anchorQuote(text, input.quote, input.occurrence, input.near);
  if (isAnchor(anchor)) return anchor;
  switch (anchor.reason) {
    case 'absent':
      throw DomainError.badInput(
        `${at}.quote`,
        'does not occur in the source text, even ignoring case, quote marks, dashes and spacing',
        { candidates: nearestCandidates(text, input.quote) },
      );
    case 'ambiguous':
      throw DomainError.badInput(
        `${at}.quote`,
        `occurs ${anchor.occurrences} times in the source; say which with occurrence (1-${anchor.occurrences})`,
      );
    case 'occurrence-out-of-range':
      throw DomainError.badInput(
        `${at}.occurrence`,
        `the quote occurs ${anchor.occurrences} time(s), so occurrence must be 1-${anchor.occurrences}`,
      );
  }
}

/**
 * The duplicate rule of statements: among a claim's statements, one (not rejected) of the same
 * source at the same span is the same statement.
 */
export function sameStatement(
  span: Pick<StatementRecord, 'sourceId' | 'start' | 'end'>,
  siblings: StatementRecord[],
): StatementRecord | undefined {
  return siblings.find(
    (s) =>
      s.sourceId === span.sourceId &&
      s.start === span.start &&
      s.end === span.end &&
      s.reviewStatus !== ReviewStatus.REJECTED,
  );
}

@Injectable()
export class SourcesService {
  constructor(@Inject(SOURCE_STORE) private readonly sources: SourceWrites) {}

  list(scope: ReadScope): Promise<SourceRecord[]> {
    return scope.store.listSources();
  }

  async createSource(input: CreateSourceDto, ctx: WriteContext): Promise<SourceRecord> {
    const content = sourceContent(input);
    const record = newRecord<SourceRecord>(input.id ?? newId('source'), {
      title: content.title,
      url: input.url ?? null,
      publisher: input.publisher ?? null,
      kind: input.kind,
      text: content.text,
      contentHash: contentHash(content.text),
      retrievedAt: content.retrievedAt,
      htmlSha256: content.htmlSha256,
    });
    return storeWrite(() => this.sources.createSource(...created('sources', record, ctx)));
  }

  /**
   * Anchors the quote in the source itself: the editor gives words, never offsets. A new statement
   * waits for review (SUBMITTED) before clinicians' reports count it.
   */
  async addStatement(
    input: AddStatementDto,
    ctx: WriteContext,
    { loaders }: ReadScope,
  ): Promise<StatementRecord> {
    const loaded = await Promise.all([
      loaders.source.load(input.sourceId),
      loaders.claim.load(input.claimId),
    ]);
    const source = referenced(loaded[0], 'input.sourceId', 'source', input.sourceId);
    const claim = referenced(loaded[1], 'input.claimId', 'claim', input.claimId);
    const anchor = anchorStatement(source.text, input);
    // A retry of the same anchoring (network, double click) must not make a second copy; a
    // rejected statement is no copy, so the same span may be submitted again after one. Checked
    // here for the message, and by the store inside the write for concurrent retries.
    const span = { sourceId: source.id, ...anchor };
    const duplicateOf = (siblings: StatementRecord[]) => sameStatement(span, siblings);
    const same = duplicateOf(await loaders.statementsByClaim.load(claim.id));
    if (same)
      throw DomainError.conflict(
        `${source.id} already states ${claim.id} in these words (${same.start}-${same.end}): statement ${same.id}.`,
        { field: 'input.quote', existingId: same.id },
      );
    const record = newRecord<StatementRecord>(newId('statement'), {
      sourceId: source.id,
      claimId: claim.id,
      quote: spannedQuote(source.text, anchor),
      ...anchor,
      hedging: input.hedging,
      reviewStatus: ReviewStatus.SUBMITTED,
    });
    const broken = verifyAnchor(source.text, record);
    if (broken) throw DomainError.badInput('input.quote', broken);
    return storeWrite(() =>
      this.sources.createStatement(...created('statements', record, ctx), duplicateOf),
    );
  }
}
