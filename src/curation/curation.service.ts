import { Inject, Injectable } from '@nestjs/common';
import { ClaimsService } from '../claims/claims.service';
import { claimKey, sameClaim } from '../claims/claim.matching';
import { DomainError, ErrorCode, Problem } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import {
  alreadyLinked,
  checkGapStatement,
  indirectness,
  sameGap,
} from '../evidence/evidence.service';
import { GapStatus, ReviewStatus } from '../graphql.schema';
import { newRecord, revision, WriteContext } from '../history/revision';
import { ReadScope } from '../read-scope/read-scope';
import { anchorStatement, sameStatement } from '../sources/sources.service';
import { spannedQuote, verifyAnchor } from '../sources/anchoring';
import {
  ClaimRecord,
  CurationBatch,
  EvidenceLinkRecord,
  GapRecord,
  SOURCE_STORE,
  SourceRecord,
  SourceWrites,
  StatementRecord,
  StudyRecord,
} from '../store/ports';
import { normaliseDoi, normalisePmid } from '../studies/identifiers';
import {
  CurationClaimDto,
  CurationGapDto,
  CurationLinkDto,
  CurationStatementDto,
  ImportCurationDto,
} from './curation.inputs';

/** One item of the input and what became of it. */
export interface ImportedItem {
  item: string;
  key: string | null;
  id: string;
  created: boolean;
}

export interface ImportCurationResult {
  source: SourceRecord;
  items: ImportedItem[];
  created: number;
}

/** Where an item is: `statements[3]`; its fields are under `input.statements[3]`. */
interface Place {
  item: string;
  key: string | null;
  at: string;
}

/** Thrown inside an item's checks: that item is refused (it is listed; the others go on). */
class Refused extends Error {}

/**
 * importCuration: a whole source's curation (claims, statements, evidence links, gaps) checked
 * item by item with the rules of the single writes (createClaim, addStatement, linkEvidence,
 * recordGap: the services' own functions), then written in ONE store transaction. Every refused
 * item is listed in one BAD_USER_INPUT error and nothing is stored.
 *
 * Identical items are no-ops rather than errors, so that importing the same curation again
 * creates nothing: a claim named by the id of a stored claim, a statement at the span where the
 * claim is already stated in this source, a link the study already has to the claim with the same
 * relation, note and quote, a gap the claim already has (recordGap's duplicate rule: same kind and
 * description, open). The result names the stored record (created: false). A new claim whose text is a
 * stored claim's is refused naming it (name it by id instead), as is a link or a gap that collides
 * with a stored one but differs.
 */
@Injectable()
export class CurationService {
  constructor(
    @Inject(SOURCE_STORE) private readonly sources: SourceWrites,
    private readonly claims: ClaimsService,
  ) {}

  async importCuration(
    input: ImportCurationDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<ImportCurationResult> {
    const { loaders } = scope;
    const source = await loaders.known(loaders.source, input.sourceId, 'input.sourceId', 'source');
    const studies = await prefetch(input, scope);
    const run = new Run(source, scope, this.claims, studies, ctx.actor, nowIso());
    for (const [i, c] of (input.claims ?? []).entries())
      await run.item(place('claims', i, c.key), (p) => run.claim(c, p));
    for (const [i, s] of (input.statements ?? []).entries())
      await run.item(place('statements', i, s.key), (p) => run.statement(s, p));
    for (const [i, l] of (input.links ?? []).entries())
      await run.item(place('links', i, l.key), (p) => run.link(l, p));
    for (const [i, g] of (input.gaps ?? []).entries())
      await run.item(place('gaps', i, g.key), (p) => run.gap(g, p));
    if (run.problems.length > 0) {
      const [first] = run.problems;
      const n = run.problems.length;
      // Worded as every BAD_USER_INPUT: the (first) field, then why; the rest in problems.
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        `${first.field}: ${first.reason}` +
          (n > 1 ? ` (and ${n - 1} more refused item(s): see extensions.problems)` : '') +
          '. Nothing was stored.',
        { field: first.field, reason: first.reason, problems: run.problems },
      );
    }
    const { batch } = run;
    const audit = [
      ...batch.claims.map((r) => revision('claims', null, r, ctx, run.at)),
      ...batch.statements.map((r) => revision('statements', null, r, ctx, run.at)),
      ...batch.evidence.map((r) => revision('evidence', null, r, ctx, run.at)),
      ...batch.gaps.map((r) => revision('gaps', null, r, ctx, run.at)),
    ];
    const created =
      batch.claims.length + batch.statements.length + batch.evidence.length + batch.gaps.length;
    if (created > 0)
      await storeWrite(() =>
        this.sources.createCuration(batch, audit, {
          statement: (r, siblings) => sameStatement(r, siblings),
          gap: (r, siblings) => sameGap(r, siblings),
        }),
      );
    return { source, items: run.items, created };
  }
}

/**
 * Reads what the items name in a few batched reads (the loaders cache them): the items are then
 * checked one after another, in input order, without a round trip each.
 */
async function prefetch(
  input: ImportCurationDto,
  { loaders, store }: ReadScope,
): Promise<StudiesByIdentifier> {
  const claimRefs = [
    ...(input.claims ?? []).flatMap((c) => (c.id ? [c.id] : [])),
    ...[...(input.statements ?? []), ...(input.links ?? []), ...(input.gaps ?? [])].map(
      (x) => x.claim,
    ),
  ];
  const claims = await loaders.all(loaders.claim, [...new Set(claimRefs)]);
  const ids = claims.map((c) => c.id);
  await Promise.all([
    loaders.statementsByClaim.loadMany(ids),
    loaders.evidenceByClaim.loadMany(ids),
    loaders.gapsByClaim.loadMany(ids),
    loaders.statement.loadMany(
      (input.gaps ?? []).flatMap((g) => (g.statement ? [g.statement] : [])),
    ),
    loaders.study.loadMany((input.links ?? []).flatMap((l) => (l.studyId ? [l.studyId] : []))),
  ]);
  const valid = (raw: Array<string | undefined>, norm: typeof normaliseDoi) =>
    raw.flatMap((v) => {
      const n = v === undefined ? null : norm(v);
      return n?.ok ? [n.value] : [];
    });
  const links = input.links ?? [];
  const [byDoi, byPmid] = await Promise.all([
    store.findStudiesByDois(
      valid(
        links.map((l) => l.doi),
        normaliseDoi,
      ),
    ),
    store.findStudiesByPmids(
      valid(
        links.map((l) => l.pmid),
        normalisePmid,
      ),
    ),
  ]);
  return {
    doi: new Map(byDoi.flatMap((st) => (st.doi ? [[st.doi, st]] : []))),
    pmid: new Map(byPmid.flatMap((st) => (st.pmid ? [[st.pmid, st]] : []))),
  };
}

/** Studies named by the links' DOIs and PMIDs (normalised), read at once. */
interface StudiesByIdentifier {
  doi: Map<string, StudyRecord>;
  pmid: Map<string, StudyRecord>;
}

function place(list: string, i: number, key: string | null | undefined): Place {
  const item = `${list}[${i}]`;
  return { item, key: key ?? null, at: `input.${item}` };
}

/** One import's state: what each key names, what is to be written, what was refused. */
class Run {
  readonly problems: Problem[] = [];
  readonly items: ImportedItem[] = [];
  readonly batch: CurationBatch = { claims: [], statements: [], evidence: [], gaps: [] };
  /** Claim key -> claim (stored or new); null when the claim item was refused. */
  private readonly claimKeys = new Map<string, ClaimRecord | null>();
  /** Statement key -> statement (stored or new); null when refused. */
  private readonly statementKeys = new Map<string, StatementRecord | null>();
  /** Ids the batch gives new records: no two alike. */
  private readonly newIds = new Set<string>();

  constructor(
    private readonly source: SourceRecord,
    private readonly scope: ReadScope,
    private readonly claims: ClaimsService,
    private readonly studies: StudiesByIdentifier,
    private readonly actor: string,
    readonly at: string,
  ) {}

  /** Runs one item's checks; a domain refusal is listed under the item and the next one goes on. */
  async item(p: Place, check: (p: Place) => Promise<{ id: string; created: boolean }>) {
    try {
      const done = await check(p);
      this.items.push({ item: p.item, key: p.key, ...done });
    } catch (err) {
      if (err instanceof Refused) return;
      if (!(err instanceof DomainError)) throw err;
      this.refuse(p, err.details.field ?? p.at, err.details.reason ?? err.message, {
        existingId: err.details.existingId,
      });
    }
  }

  private refuse(p: Place, field: string, reason: string, extra: { existingId?: string } = {}) {
    this.problems.push({
      item: p.key ?? p.item,
      field,
      reason,
      ...(extra.existingId ? { existingId: extra.existingId } : {}),
    });
  }

  /** Refuses the item on a field and stops its checks. */
  private fail(p: Place, field: string, reason: string, existingId?: string): never {
    this.refuse(p, `${p.at}.${field}`, reason, { existingId });
    throw new Refused();
  }

  /** A key used twice in one list would make references ambiguous. */
  private claimKey(p: Place, key: string, record: ClaimRecord | null) {
    if (this.claimKeys.has(key)) this.fail(p, 'key', `is the key of another claim of this input`);
    this.claimKeys.set(key, record);
  }

  private async newId(p: Place, id: string | undefined, prefix: string): Promise<string> {
    if (id === undefined) return newId(prefix);
    if (this.newIds.has(id) || (await this.scope.store.nodeTypes([id])).has(id))
      this.fail(p, 'id', 'is already used by another node');
    this.newIds.add(id);
    return id;
  }

  async claim(c: CurationClaimDto, p: Place) {
    const stored = c.id ? await this.scope.loaders.claim.load(c.id) : null;
    if (stored) {
      // Naming a stored claim: its words, if given, must be the claim's own.
      if (c.text !== undefined && claimKey(c.text) !== claimKey(stored.text))
        this.fail(
          p,
          'text',
          `differs from claim ${stored.id}'s text: leave it out to refer to it`,
          stored.id,
        );
      // The rest too: a reference does not edit the claim (updateClaim does).
      const sorted = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
      for (const field of ['kind', 'interventionId', 'conditionIds', 'mechanismIds'] as const)
        if (c[field] !== undefined && sorted(c[field]) !== sorted(stored[field]))
          this.fail(
            p,
            field,
            `differs from claim ${stored.id}'s: leave it out to refer to the claim (updateClaim edits it)`,
            stored.id,
          );
      this.claimKey(p, c.key, stored);
      return { id: stored.id, created: false };
    }
    try {
      if (c.text === undefined)
        this.fail(p, 'text', 'is required for a new claim (or give the id of a stored one)');
      if (c.kind === undefined) this.fail(p, 'kind', 'is required for a new claim');
      const text = c.text;
      const kind = c.kind;
      const twin = sameClaim(
        text,
        this.batch.claims.map((x) => ({ id: x.id, text: x.text, reviewStatus: x.reviewStatus })),
      );
      if (twin)
        this.fail(p, 'text', `says the same as another new claim of this input (${twin.id})`);
      await this.claims.checkNew({ ...c, text }, this.scope, p.at);
      const record = ClaimsService.newRecord(
        await this.newId(p, c.id, 'claim'),
        { ...c, text, kind },
        this.at,
      );
      this.claimKey(p, c.key, record);
      this.batch.claims.push(record);
      return { id: record.id, created: true };
    } catch (err) {
      // Items naming a refused claim are refused for it, not reported as unknown keys.
      if (!this.claimKeys.has(c.key)) this.claimKeys.set(c.key, null);
      throw err;
    }
  }

  /** The claim an item names: a key of this input's claims, else a stored claim's id. */
  private async claimOf(p: Place, ref: string): Promise<ClaimRecord> {
    if (this.claimKeys.has(ref)) {
      const claim = this.claimKeys.get(ref);
      if (!claim) this.fail(p, 'claim', `names claim "${ref}" of this input, which is refused`);
      return claim;
    }
    const stored = await this.scope.loaders.claim.load(ref);
    if (!stored)
      this.fail(p, 'claim', `is neither a key of this input's claims nor a claim id ("${ref}")`);
    return stored;
  }

  /** The claim's statements: stored ones and the batch's. */
  private async statementsOf(claim: ClaimRecord): Promise<StatementRecord[]> {
    const stored = this.batch.claims.includes(claim)
      ? []
      : await this.scope.loaders.statementsByClaim.load(claim.id);
    return [...stored, ...this.batch.statements.filter((s) => s.claimId === claim.id)];
  }

  async statement(s: CurationStatementDto, p: Place) {
    const key = s.key;
    if (key !== undefined && this.statementKeys.has(key))
      this.fail(p, 'key', 'is the key of another statement of this input');
    if (key !== undefined) this.statementKeys.set(key, null);
    const claim = await this.claimOf(p, s.claim);
    const text = this.source.text;
    const anchor = anchorStatement(
      text,
      { quote: s.quote, occurrence: s.occurrence, near: s.start ?? null },
      p.at,
    );
    const span = { sourceId: this.source.id, ...anchor };
    const same = sameStatement(span, await this.statementsOf(claim));
    if (same) {
      if (same.hedging !== s.hedging || this.batch.statements.includes(same))
        this.fail(
          p,
          'quote',
          `${this.source.id} already states ${claim.id} in these words (${same.start}-${same.end}) as statement ${same.id}` +
            (this.batch.statements.includes(same) ? ' of this input' : `, ${same.hedging}`),
          same.id,
        );
      if (key !== undefined) this.statementKeys.set(key, same);
      return { id: same.id, created: false };
    }
    const record = newRecord<StatementRecord>(
      newId('statement'),
      {
        sourceId: this.source.id,
        claimId: claim.id,
        quote: spannedQuote(text, anchor),
        ...anchor,
        hedging: s.hedging,
        reviewStatus: ReviewStatus.SUBMITTED,
      },
      this.at,
    );
    const broken = verifyAnchor(text, record);
    if (broken) this.fail(p, 'quote', broken);
    if (key !== undefined) this.statementKeys.set(key, record);
    this.batch.statements.push(record);
    return { id: record.id, created: true };
  }

  /** The study a link names: exactly one of its id, DOI or PMID. */
  private async studyOf(p: Place, l: CurationLinkDto): Promise<StudyRecord> {
    const given = (['studyId', 'doi', 'pmid'] as const).filter((f) => l[f] !== undefined);
    if (given.length !== 1)
      this.fail(p, given[1] ?? 'studyId', 'give exactly one of studyId, doi and pmid');
    const { loaders } = this.scope;
    if (l.studyId !== undefined) {
      const study = await loaders.study.load(l.studyId);
      if (!study) this.fail(p, 'studyId', `no study has id "${l.studyId}"`);
      return study;
    }
    const field = l.doi !== undefined ? 'doi' : 'pmid';
    const value = (l.doi ?? l.pmid) as string;
    const norm = field === 'doi' ? normaliseDoi(value) : normalisePmid(value);
    if (!norm.ok) this.fail(p, field, norm.reason);
    const study = this.studies[field].get(norm.value);
    if (!study)
      this.fail(
        p,
        field,
        `no study has ${field === 'doi' ? 'DOI' : 'PMID'} ${norm.value}: create it first`,
      );
    return study;
  }

  async link(l: CurationLinkDto, p: Place) {
    const claim = await this.claimOf(p, l.claim);
    const study = await this.studyOf(p, l);
    const stored = this.batch.claims.includes(claim)
      ? []
      : await this.scope.loaders.evidenceByClaim.load(claim.id);
    const existing = [...stored, ...this.batch.evidence.filter((e) => e.claimId === claim.id)].find(
      (e) => e.studyId === study.id,
    );
    const note = l.note ?? null;
    const quote = l.quote ?? null;
    let differs: ReturnType<typeof indirectness>;
    try {
      differs = indirectness(l.indirectness, `${p.at}.indirectness`);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const field = String(err.details?.field ?? `${p.at}.indirectness`);
      this.fail(p, field.slice(p.at.length + 1), err.message);
    }
    if (existing) {
      const identical =
        existing.relation === l.relation &&
        existing.note === note &&
        existing.quote === quote &&
        JSON.stringify(existing.indirectness) === JSON.stringify(differs);
      if (!identical || this.batch.evidence.includes(existing)) {
        const err = alreadyLinked(existing, p.at);
        this.fail(
          p,
          l.studyId !== undefined ? 'studyId' : l.doi !== undefined ? 'doi' : 'pmid',
          this.batch.evidence.includes(existing)
            ? `links study ${study.id} to claim ${claim.id} a second time in this input`
            : identical
              ? err.message
              : `${err.message} (this link differs in relation, note, quote or indirectness)`,
          existing.id,
        );
      }
      return { id: existing.id, created: false };
    }
    const record = newRecord<EvidenceLinkRecord>(
      newId('evidence'),
      {
        studyId: study.id,
        claimId: claim.id,
        relation: l.relation,
        note,
        quote,
        indirectness: differs,
        addedBy: this.actor,
        reviewStatus: ReviewStatus.SUBMITTED,
      },
      this.at,
    );
    this.batch.evidence.push(record);
    return { id: record.id, created: true };
  }

  /** The statement a gap names: a key of this input's statements, else a stored statement's id. */
  private async statementOf(p: Place, ref: string): Promise<StatementRecord> {
    if (this.statementKeys.has(ref)) {
      const statement = this.statementKeys.get(ref);
      if (!statement)
        this.fail(p, 'statement', `names statement "${ref}" of this input, which is refused`);
      return statement;
    }
    const stored = await this.scope.loaders.statement.load(ref);
    if (!stored)
      this.fail(
        p,
        'statement',
        `is neither a key of this input's statements nor a statement id ("${ref}")`,
      );
    return stored;
  }

  async gap(g: CurationGapDto, p: Place) {
    const claim = await this.claimOf(p, g.claim);
    const statement = g.statement === undefined ? null : await this.statementOf(p, g.statement);
    checkGapStatement(g.kind, claim.id, statement, p.at, 'statement');
    const stored = this.batch.claims.includes(claim)
      ? []
      : await this.scope.loaders.gapsByClaim.load(claim.id);
    const same = sameGap(g, [...stored, ...this.batch.gaps.filter((x) => x.claimId === claim.id)]);
    const statementId = statement?.id ?? null;
    if (same) {
      // The domain's rule (recordGap's): the same open gap of the claim, whatever its statement.
      if (this.batch.gaps.includes(same))
        this.fail(
          p,
          'description',
          `is the same open gap as another gap of this input on claim ${claim.id}`,
          same.id,
        );
      return { id: same.id, created: false };
    }
    const record = newRecord<GapRecord>(
      newId('gap'),
      {
        claimId: claim.id,
        kind: g.kind,
        description: g.description,
        neededDesign: g.neededDesign ?? null,
        status: GapStatus.OPEN,
        statementId,
        addressedById: null,
        reviewStatus: ReviewStatus.SUBMITTED,
      },
      this.at,
    );
    this.batch.gaps.push(record);
    return { id: record.id, created: true };
  }
}
