import { Inject, Injectable } from '@nestjs/common';
import { Connection, keysetPage, loadPageById, PageArgs } from '../common/connection';
import { DomainError } from '../common/domain-error';
import { newId } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { staleVersion, updateClaim } from '../history/audited-writes';
import { created, newRecord, WriteContext } from '../history/revision';
import { ConditionsService } from '../conditions/conditions.service';
import { atLeast } from '../evidence/assessment';
import { ClaimEvidenceService } from '../evidence/claim-evidence.service';
import { REVIEWED } from '../evidence/counting';
import { ClaimFilter, NodeType, ReviewStatus } from '../graphql.schema';
import { MechanismsService } from '../mechanisms/mechanisms.service';
import { Loaders } from '../read-scope/loaders';
import { ReadScope } from '../read-scope/read-scope';
import {
  CLAIM_STORE,
  ClaimPatch,
  ClaimQuery,
  ClaimRecord,
  ClaimText,
  ClaimWrites,
} from '../store/ports';
import { SEARCH_CANDIDATES, searchTerms } from '../search/search.service';
import { CreateClaimDto, UpdateClaimDto } from './claim.inputs';
import { rankSimilar, sameClaim, textContains } from './claim.matching';
import { pageSize } from '../common/connection';
import { blank, LIMITS, textProblem } from '../common/validation';

/** A free-text argument outside an input type: the same text policy, on its own field name. */
function checkArgText(value: string, field: string, max: number): void {
  const problem = textProblem(value);
  if (problem) throw DomainError.badInput(field, problem);
  if (blank(value)) throw DomainError.badInput(field, 'must not be empty');
  if ([...value].length > max)
    throw DomainError.badInput(field, `must be at most ${max} characters`);
}

@Injectable()
export class ClaimsService {
  constructor(
    @Inject(CLAIM_STORE) private readonly claims: ClaimWrites,
    private readonly conditions: ConditionsService,
    private readonly mechanisms: MechanismsService,
    private readonly evidence: ClaimEvidenceService,
  ) {}

  /** Every referenced id must exist; the error names the field and the unknown ids. */
  private async checkReferences(
    input: {
      interventionId?: string | null;
      conditionIds?: string[] | null;
      mechanismIds?: string[] | null;
    },
    { loaders }: ReadScope,
    at = 'input',
  ): Promise<void> {
    const missing = async (
      ids: string[] | null | undefined,
      loader: Loaders['condition'] | Loaders['mechanism'],
    ) => {
      const found = await loaders.all(loader as Loaders['condition'], ids ?? []);
      return (ids ?? []).filter((id) => !found.some((f) => f.id === id));
    };
    const unknownConditions = await missing(input.conditionIds, loaders.condition);
    if (unknownConditions.length)
      throw DomainError.badInput(
        `${at}.conditionIds`,
        `unknown condition: ${unknownConditions.join(', ')}`,
      );
    const unknownMechanisms = await missing(input.mechanismIds, loaders.mechanism);
    if (unknownMechanisms.length)
      throw DomainError.badInput(
        `${at}.mechanismIds`,
        `unknown mechanism: ${unknownMechanisms.join(', ')}`,
      );
    if (input.interventionId && !(await loaders.intervention.load(input.interventionId))) {
      throw DomainError.badInput(
        `${at}.interventionId`,
        `unknown intervention: ${input.interventionId}`,
      );
    }
  }

  /**
   * One proposition, one claim: a text equal to an existing (not rejected) claim's once case,
   * spacing, Unicode composition and punctuation at the ends are set aside is a CONFLICT naming it.
   */
  private async refuseDuplicate(
    text: string,
    scope: ReadScope,
    exceptId?: string,
    at = 'input',
  ): Promise<void> {
    const same = sameClaim(text, await this.duplicateCandidates(text, scope), exceptId);
    if (same)
      throw DomainError.conflict(`Claim "${same.id}" already says this: reuse it.`, {
        field: `${at}.text`,
        existingId: same.id,
      });
  }

  /**
   * The rules a new claim meets before it is written (createClaim, importCuration): its
   * intervention, conditions and mechanisms exist, and no claim says the same. Errors name the
   * fields under `at`.
   */
  async checkNew(
    input: Pick<CreateClaimDto, 'text' | 'interventionId' | 'conditionIds' | 'mechanismIds'>,
    scope: ReadScope,
    at = 'input',
  ): Promise<void> {
    await this.checkReferences(input, scope, at);
    await this.refuseDuplicate(input.text, scope, undefined, at);
  }

  /** A new claim's record, waiting for review (SUBMITTED). */
  static newRecord(
    id: string,
    input: Pick<
      CreateClaimDto,
      'text' | 'kind' | 'interventionId' | 'conditionIds' | 'mechanismIds'
    >,
    at?: string,
  ): ClaimRecord {
    return newRecord<ClaimRecord>(
      id,
      {
        text: input.text,
        kind: input.kind,
        interventionId: input.interventionId ?? null,
        reviewStatus: ReviewStatus.SUBMITTED,
        conditionIds: [...new Set(input.conditionIds ?? [])],
        mechanismIds: [...new Set(input.mechanismIds ?? [])],
      },
      at,
    );
  }

  /**
   * The claims that can say the same as `text`: an equal text has the same words, so the full-text
   * index's claims holding every one of them (a few, read by id) rather than every claim's text on
   * each write. Only when the text has no word, or more claims hold its words than one page of the
   * index, are all claims read.
   */
  private async duplicateCandidates(text: string, scope: ReadScope): Promise<ClaimText[]> {
    const terms = searchTerms(text);
    if (terms.length > 0) {
      const { hits, totalCount } = await scope.store.search({
        terms,
        types: [NodeType.CLAIM],
        limit: SEARCH_CANDIDATES,
        offset: 0,
      });
      if (totalCount <= hits.length)
        return scope.loaders.all(
          scope.loaders.claim,
          hits.map((h) => h.id),
        );
    }
    return scope.store.claimTexts();
  }

  /** Existing claims worded most like `text`, best first, with their BM25 scores. */
  async similar(
    text: string,
    first: number | null | undefined,
    scope: ReadScope,
  ): Promise<{ claim: ClaimRecord; score: number }[]> {
    checkArgText(text, 'text', LIMITS.claimText);
    const limit = pageSize(first ?? 10);
    const ranked = rankSimilar(text, await scope.store.claimTexts(), limit);
    const claims = await scope.loaders.all(
      scope.loaders.claim,
      ranked.map((r) => r.id),
    );
    return ranked.flatMap((r) => {
      const claim = claims.find((c) => c.id === r.id);
      return claim ? [{ claim, score: r.score }] : [];
    });
  }

  /** A new claim waits for review (SUBMITTED) before clinicians' reports count it. */
  async create(input: CreateClaimDto, ctx: WriteContext, scope: ReadScope): Promise<ClaimRecord> {
    await this.checkNew(input, scope);
    const record = ClaimsService.newRecord(input.id ?? newId('claim'), input);
    return storeWrite(() => this.claims.createClaim(...created('claims', record, ctx)));
  }

  /**
   * Optimistic concurrency: applies only if nobody changed the claim since expectedVersion. A
   * changed proposition is a new one to review: an accepted claim goes back to SUBMITTED.
   */
  async update(input: UpdateClaimDto, ctx: WriteContext, scope: ReadScope): Promise<ClaimRecord> {
    const current = await scope.loaders.claim.load(input.id);
    if (!current) throw DomainError.notFound(`Claim "${input.id}"`, 'input.id');
    if (current.version !== input.expectedVersion)
      throw staleVersion(current.id, input.expectedVersion, current.version);
    await this.checkReferences(input, scope);
    if (input.text !== undefined) await this.refuseDuplicate(input.text, scope, current.id);
    const asked: ClaimPatch = {
      text: input.text,
      kind: input.kind,
      interventionId: input.interventionId,
      conditionIds: input.conditionIds ? [...new Set(input.conditionIds)] : undefined,
      mechanismIds: input.mechanismIds ? [...new Set(input.mechanismIds)] : undefined,
    };
    // Only real changes count: an update that changes nothing writes nothing (no new version, no
    // revision, no return to review).
    const canonical = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
    const changed = Object.entries(asked).filter(
      ([k, v]) =>
        v !== undefined && canonical(v) !== canonical(current[k as keyof ClaimRecord] ?? null),
    );
    if (changed.length === 0) return current;
    const patch: ClaimPatch = {
      ...Object.fromEntries(changed),
      reviewStatus:
        current.reviewStatus === ReviewStatus.ACCEPTED ? ReviewStatus.SUBMITTED : undefined,
    };
    return updateClaim(this.claims, current, patch, ctx);
  }

  /**
   * Store-side criteria narrow the ids; status, grade and overclaim are computed here (they are
   * domain rules), over batched bundles, before paging.
   */
  async list(
    filter: ClaimFilter | null | undefined,
    page: PageArgs,
    scope: ReadScope,
  ): Promise<Connection<ClaimRecord>> {
    const { limit, after } = keysetPage(page);
    const q: ClaimQuery = {};
    if (filter?.condition) {
      const root = await this.conditions.resolve(filter.condition, scope, 'filter.condition');
      q.conditionIds = (await this.conditions.withNarrower(root, true, scope)).map((c) => c.id);
    }
    if (filter?.mechanism)
      q.mechanismIds = [
        (await this.mechanisms.find(filter.mechanism, scope, 'filter.mechanism')).id,
      ];
    if (filter?.source) q.sourceId = filter.source;
    if (filter?.hedging) q.hedging = filter.hedging;
    if (filter?.kind) q.kind = filter.kind;
    let ids = await scope.store.findClaimIds(q);
    if (filter?.text !== null && filter?.text !== undefined) {
      checkArgText(filter.text, 'filter.text', LIMITS.claimText);
      const part = filter.text;
      const matching = new Set(
        (await scope.store.claimTexts()).filter((c) => textContains(c.text, part)).map((c) => c.id),
      );
      ids = ids.filter((id) => matching.has(id));
    }
    const computed =
      filter &&
      (filter.status ||
        filter.grade ||
        filter.minGrade ||
        (filter.overclaimed !== null && filter.overclaimed !== undefined));
    if (computed) {
      const evidence = await this.evidence.forClaims(ids, scope, REVIEWED);
      ids = evidence
        .filter(({ assessment: a }) => {
          if (filter.status && a.status !== filter.status) return false;
          if (filter.grade && a.grade !== filter.grade) return false;
          if (filter.minGrade && !atLeast(a.grade, filter.minGrade)) return false;
          if (
            filter.overclaimed !== null &&
            filter.overclaimed !== undefined &&
            a.overclaimed !== filter.overclaimed
          )
            return false;
          return true;
        })
        .map((b) => b.claim.id);
    }
    return loadPageById(ids, limit, after, (page) => scope.loaders.all(scope.loaders.claim, page));
  }
}
