import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DomainError } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { ReviewStatus } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import {
  EVIDENCE_STORE,
  EvidenceStore,
  SourceRecord,
  StatementRecord,
} from '../store/evidence-store.port';
import { anchorQuote, isAnchor, verifyAnchor } from './anchoring';
import { AddStatementDto, CreateSourceDto } from './source.inputs';
import { created, WriteContext } from '../history/revision';

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

@Injectable()
export class SourcesService {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  async createSource(input: CreateSourceDto, ctx: WriteContext): Promise<SourceRecord> {
    const at = nowIso();
    return storeWrite(() =>
      this.store.createSource(
        ...created(
          'sources',
          {
            id: input.id ?? newId('source'),
            title: input.title,
            url: input.url ?? null,
            publisher: input.publisher ?? null,
            kind: input.kind,
            text: input.text,
            contentHash: contentHash(input.text),
            createdAt: at,
            updatedAt: at,
            version: 1,
          },
          ctx,
        ),
      ),
    );
  }

  /** Anchors the quote in the source itself: the editor gives words, never offsets. */
  /** A new statement waits for review (SUBMITTED) before clinicians' reports count it. */
  async addStatement(
    input: AddStatementDto,
    ctx: WriteContext,
    loaders: Loaders,
  ): Promise<StatementRecord> {
    const [source, claim] = await Promise.all([
      loaders.source.load(input.sourceId),
      loaders.claim.load(input.claimId),
    ]);
    if (!source)
      throw DomainError.badInput('input.sourceId', `no source has id "${input.sourceId}"`);
    if (!claim) throw DomainError.badInput('input.claimId', `no claim has id "${input.claimId}"`);
    const anchor = anchorQuote(source.text, input.quote, input.occurrence);
    if (!isAnchor(anchor)) {
      switch (anchor.reason) {
        case 'absent':
          throw DomainError.badInput(
            'input.quote',
            'does not occur in the source text (it must be copied exactly)',
          );
        case 'ambiguous':
          throw DomainError.badInput(
            'input.quote',
            `occurs ${anchor.occurrences} times in the source; say which with occurrence (1-${anchor.occurrences})`,
          );
        case 'occurrence-out-of-range':
          throw DomainError.badInput(
            'input.occurrence',
            `the quote occurs ${anchor.occurrences} time(s), so occurrence must be 1-${anchor.occurrences}`,
          );
      }
    }
    const at = nowIso();
    const record: StatementRecord = {
      id: newId('statement'),
      sourceId: source.id,
      claimId: claim.id,
      quote: input.quote,
      ...anchor,
      hedging: input.hedging,
      reviewStatus: ReviewStatus.SUBMITTED,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const broken = verifyAnchor(source.text, record);
    if (broken) throw DomainError.badInput('input.quote', broken);
    return storeWrite(() => this.store.createStatement(...created('statements', record, ctx)));
  }
}
