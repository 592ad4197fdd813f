/**
 * Reads the curated seed files (seeds/curation/*.json, documented in seeds/curation/README.md),
 * the five source texts and studies.json, checks them, and turns them into one GraphBundle.
 * Every id is a readable slug, so loading twice finds the same records (idempotent seeding).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { codePointLength } from '../common/text';
import { authorYear } from '../studies/study-wording';
import {
  ClaimKind,
  EvidenceRelation,
  GapKind,
  GapStatus,
  Hedging,
  ReviewStatus,
  SourceKind,
  StudyDesign,
  RiskOfBias,
  ImportCurationInput,
  IndirectnessDomain,
} from '../graphql.schema';
import { anchorQuote, isAnchor, verifyAnchor } from '../sources/anchoring';
import { contentHash } from '../sources/sources.service';
import { normaliseDoi, normalisePmid } from '../studies/identifiers';
import { GraphBundle, StudyRecord } from '../store/ports';

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');
export const SEED_ACTOR = 'seed:curation';
/** Seeded records are recorded in the history as this actor's, reviewed by curation. */
export const SEED_WRITER = { actor: SEED_ACTOR, reason: 'seed from the curation files' };

export interface CuratedStatement {
  id: string;
  claim: string;
  quote: string;
  occurrence?: number;
  start?: number;
  end?: number;
  prefix?: string;
  suffix?: string;
  hedging: Hedging;
}

export interface CuratedSource {
  id: string;
  file: string;
  title: string;
  titleNote?: string;
  url: string | null;
  publisher: string | null;
  kind: SourceKind;
  statements: CuratedStatement[];
}

export interface CuratedClaim {
  id: string;
  text: string;
  kind: ClaimKind;
  intervention: string | null;
  conditions: string[];
  mechanisms: string[];
  group: string | null;
}

export interface CuratedEvidence {
  study: { doi?: string; pmid?: string };
  claim: string;
  relation: EvidenceRelation;
  note: string;
}

export interface CuratedGap {
  id: string;
  claim: string;
  kind: GapKind;
  description: string;
  neededDesign: StudyDesign | null;
  statement?: string;
}

/** seeds/studies.json: the study fields as recorded there (DOI and PMID not yet normalised). */
export interface StudiesFile {
  studies: Array<
    Pick<
      StudyRecord,
      | 'title'
      | 'authors'
      | 'year'
      | 'journal'
      | 'doi'
      | 'pmid'
      | 'design'
      | 'sampleSize'
      | 'population'
      | 'finding'
    >
  >;
  noStudyFound: Record<string, string>;
}

/** A study's risk-of-bias judgement and where in its record it was read. */
interface CuratedRiskOfBias {
  studyId: string;
  judgement: RiskOfBias;
  reason: string;
  source: string;
}

/**
 * One citation read in a published reference list or bibliographic record: `citing` cites `cited`
 * (study ids as the seeder makes them), `verifiedAt` says where it was read and `reference` is the
 * entry as read there.
 */
export interface CuratedCitation {
  citing: string;
  cited: string;
  verifiedAt: string;
  reference: string;
  note?: string;
}

/** How a seeded link's study differs from its claim ([] when direct), and where that was read. */
interface CuratedIndirectness {
  study: string;
  claim: string;
  relation: EvidenceRelation;
  indirectness: Array<{ domain: IndirectnessDomain; reason: string }>;
  source?: string;
  note?: string;
}

/** The conditions of a study's population, against the vocabulary. */
interface CuratedPopulation {
  study: string;
  conditions: string[];
  population: string | null;
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

export class CurationError extends Error {}

/** "study-sigtermans-2009": first author's surname and year, ASCII. */
export function studySlug(s: Pick<StudyRecord, 'authors' | 'year' | 'title'>): string {
  const base = authorYear(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `study-${base}`;
}

/** The statements' anchors, computed from quote (+ occurrence) in the source text. */
export function anchorStatement(text: string, s: CuratedStatement) {
  const anchor = anchorQuote(text, s.quote, s.occurrence);
  if (!isAnchor(anchor))
    throw new CurationError(`statement ${s.id}: quote ${anchor.reason} in its source`);
  return anchor;
}

export function loadCuration(
  dir: string = SEEDS_DIR,
  at: string = new Date().toISOString(),
): GraphBundle {
  const cur = join(dir, 'curation');
  const conditions = readJson<
    Array<{
      id: string;
      name: string;
      synonyms: string[];
      codes: Array<{ system: string; code: string }>;
      broader: string[];
      description: string | null;
    }>
  >(cur, 'conditions.json');
  const mechanisms = readJson<
    Array<{ id: string; name: string; synonyms: string[]; description: string | null }>
  >(cur, 'mechanisms.json');
  const interventions = readJson<
    Array<{ id: string; name: string; drug: string | null; route: string | null }>
  >(cur, 'interventions.json');
  const claims = readJson<CuratedClaim[]>(cur, 'claims.json');
  const sources = readJson<CuratedSource[]>(cur, 'sources.json');
  const evidence = readJson<CuratedEvidence[]>(cur, 'evidence.json');
  const gaps = readJson<CuratedGap[]>(cur, 'gaps.json');
  const studiesFile = readJson<StudiesFile>(dir, 'studies.json');
  const riskOfBias = readJson<CuratedRiskOfBias[]>(cur, 'risk-of-bias.json');
  const citations = readJson<CuratedCitation[]>(cur, 'citations.json');
  const indirectness = readJson<CuratedIndirectness[]>(cur, 'indirectness.json');
  const populations = readJson<CuratedPopulation[]>(cur, 'study-populations.json');
  const meta = { createdAt: at, updatedAt: at, version: 1 };

  const bundle: GraphBundle = {
    sources: [],
    statements: [],
    conditions: conditions.map((c) => ({
      id: c.id,
      name: c.name,
      synonyms: c.synonyms,
      codes: c.codes,
      description: c.description ?? null,
      broaderIds: c.broader,
      ...meta,
    })),
    mechanisms: mechanisms.map((m) => ({
      id: m.id,
      name: m.name,
      synonyms: m.synonyms,
      description: m.description ?? null,
      ...meta,
    })),
    interventions: interventions.map((i) => ({
      id: i.id,
      name: i.name,
      drug: i.drug,
      route: i.route,
      ...meta,
    })),
    claims: claims.map((c) => ({
      id: c.id,
      text: c.text,
      kind: c.kind,
      interventionId: c.intervention,
      reviewStatus: ReviewStatus.ACCEPTED,
      conditionIds: c.conditions,
      mechanismIds: c.mechanisms,
      ...meta,
    })),
    studies: [],
    evidence: [],
    gaps: [],
    notices: [],
    citations: [],
  };

  for (const s of sources) {
    const text = readFileSync(join(dir, 'sources', s.file), 'utf8');
    bundle.sources.push({
      id: s.id,
      title: s.title,
      url: s.url,
      publisher: s.publisher,
      kind: s.kind,
      text,
      contentHash: contentHash(text),
      retrievedAt: null,
      htmlSha256: null,
      ...meta,
    });
    for (const st of s.statements) {
      const anchor = anchorStatement(text, st);
      // Offsets written in the file (by `npm run curation:anchor`) must still match the text.
      if (st.start !== undefined) {
        const broken = verifyAnchor(text, {
          quote: st.quote,
          start: st.start,
          end: st.end ?? -1,
          prefix: st.prefix ?? '',
          suffix: st.suffix ?? '',
        });
        if (broken)
          throw new CurationError(`statement ${st.id}: ${broken}; run npm run curation:anchor`);
      }
      bundle.statements.push({
        id: st.id,
        sourceId: s.id,
        claimId: st.claim,
        quote: st.quote,
        ...anchor,
        hedging: st.hedging,
        reviewStatus: ReviewStatus.ACCEPTED,
        ...meta,
      });
    }
  }

  const byDoi = new Map<string, string>();
  const byPmid = new Map<string, string>();
  const slugs = new Set<string>();
  for (const s of studiesFile.studies) {
    const doi = s.doi ? normaliseDoi(s.doi) : null;
    const pmid = s.pmid ? normalisePmid(s.pmid) : null;
    if (doi && !doi.ok) throw new CurationError(`study "${s.title}": DOI ${doi.reason}`);
    if (pmid && !pmid.ok) throw new CurationError(`study "${s.title}": PMID ${pmid.reason}`);
    let id = studySlug(s);
    for (let n = 2; slugs.has(id); n++) id = `${studySlug(s)}-${n}`;
    slugs.add(id);
    const record: StudyRecord = {
      id,
      title: s.title,
      authors: s.authors,
      year: s.year,
      journal: s.journal,
      doi: doi?.ok ? doi.value : null,
      pmid: pmid?.ok ? pmid.value : null,
      design: s.design,
      sampleSize: s.sampleSize,
      population: s.population,
      finding: s.finding,
      riskOfBias: RiskOfBias.NOT_ASSESSED,
      riskOfBiasReason: null,
      populationConditionIds: [],
      retraction: null,
      ...meta,
    };
    bundle.studies.push(record);
    if (record.doi) byDoi.set(record.doi, id);
    if (record.pmid) byPmid.set(record.pmid, id);
  }

  // Judgements only where the study's own record supports one; every other study stays NOT_ASSESSED.
  const byId = new Map(bundle.studies.map((s) => [s.id, s]));
  for (const j of riskOfBias) {
    const s = byId.get(j.studyId);
    if (!s) throw new CurationError(`risk-of-bias.json: no study ${j.studyId}`);
    if (j.judgement === RiskOfBias.NOT_ASSESSED || !j.reason?.trim() || !j.source?.trim())
      throw new CurationError(
        `risk-of-bias.json: ${j.studyId} needs a judgement, reason and source`,
      );
    s.riskOfBias = j.judgement;
    s.riskOfBiasReason = j.reason;
  }

  bundle.citations = citations.map((c) => {
    checkCitation(c, byId);
    return {
      id: `${c.citing}>${c.cited}`,
      citingId: c.citing,
      citedId: c.cited,
      addedBy: SEED_ACTOR,
      createdAt: at,
    };
  });

  // Every study's population conditions, each from the vocabulary.
  const conditionIds = new Set(bundle.conditions.map((c) => c.id));
  for (const p of populations) {
    const s = byId.get(p.study);
    if (!s) throw new CurationError(`study-populations.json: no study ${p.study}`);
    const unknown = p.conditions.filter((c) => !conditionIds.has(c));
    if (unknown.length)
      throw new CurationError(`study-populations.json: ${p.study}: unknown condition ${unknown}`);
    s.populationConditionIds = [...p.conditions];
  }

  // Every seeded link is judged: direct ([]) or how it differs, each indirect one with its source.
  const judgedLinks = new Map(indirectness.map((j) => [`${j.study}|${j.claim}`, j]));
  if (judgedLinks.size !== indirectness.length)
    throw new CurationError('indirectness.json: a link is judged twice');
  const domainOrder = Object.values(IndirectnessDomain);

  for (const e of evidence) {
    const doi = e.study.doi ? normaliseDoi(e.study.doi) : null;
    const studyId = doi?.ok
      ? byDoi.get(doi.value)
      : e.study.pmid
        ? byPmid.get(e.study.pmid)
        : undefined;
    if (!studyId)
      throw new CurationError(
        `evidence for ${e.claim}: no study in studies.json has ${JSON.stringify(e.study)}`,
      );
    const judged = judgedLinks.get(`${studyId}|${e.claim}`);
    if (!judged)
      throw new CurationError(`indirectness.json: no judgement for ${studyId} → ${e.claim}`);
    judgedLinks.delete(`${studyId}|${e.claim}`);
    const domains = judged.indirectness.map((d) => d.domain);
    if (
      judged.relation !== e.relation ||
      new Set(domains).size !== domains.length ||
      domains.some((d) => !domainOrder.includes(d)) ||
      judged.indirectness.some((d) => !d.reason?.trim()) ||
      (domains.length > 0 && !judged.source?.trim())
    )
      throw new CurationError(
        `indirectness.json: ${studyId} → ${e.claim} needs its relation, distinct domains, a reason each and, when indirect, a source`,
      );
    bundle.evidence.push({
      id: `evidence-${studyId.replace(/^study-/, '')}--${e.claim.replace(/^claim-/, '')}`,
      studyId,
      claimId: e.claim,
      relation: e.relation,
      note: e.note,
      quote: null,
      indirectness: [...judged.indirectness]
        .sort((a, b) => domainOrder.indexOf(a.domain) - domainOrder.indexOf(b.domain))
        .map((d) => ({ domain: d.domain, reason: d.reason })),
      addedBy: SEED_ACTOR,
      reviewStatus: ReviewStatus.ACCEPTED,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
  }

  if (judgedLinks.size > 0)
    throw new CurationError(
      `indirectness.json: judges links that are not seeded: ${[...judgedLinks.keys()].join(', ')}`,
    );

  bundle.gaps = gaps.map((g) => ({
    id: g.id,
    claimId: g.claim,
    kind: g.kind,
    description: g.description,
    neededDesign: g.neededDesign ?? null,
    status: GapStatus.OPEN,
    statementId: g.statement ?? null,
    addressedById: null,
    // Curated by the team: reviewed, as the seeded claims are.
    reviewStatus: ReviewStatus.ACCEPTED,
    ...meta,
  }));

  checkReferences(bundle);
  return bundle;
}

/**
 * A curated citation joins two different seeded studies, the citing one not older than the cited
 * one, says where it was read, and a DOI in the reference entry read is the cited study's own.
 */
function checkCitation(c: CuratedCitation, byId: Map<string, StudyRecord>): void {
  const pair = `citations.json: ${c.citing} > ${c.cited}`;
  const citing = byId.get(c.citing);
  const cited = byId.get(c.cited);
  if (!citing) throw new CurationError(`${pair}: no study ${c.citing}`);
  if (!cited) throw new CurationError(`${pair}: no study ${c.cited}`);
  if (citing.id === cited.id) throw new CurationError(`${pair}: a study cannot cite itself`);
  if (citing.year !== null && cited.year !== null && citing.year < cited.year)
    throw new CurationError(`${pair}: a ${citing.year} study cannot cite one from ${cited.year}`);
  if (!c.verifiedAt?.trim() || !c.reference?.trim())
    throw new CurationError(`${pair}: needs verifiedAt and the reference entry read there`);
  const doi = /\b10\.\d{4,9}\/\S+/.exec(c.reference)?.[0].replace(/[.,;]+$/, '');
  const read = doi ? normaliseDoi(doi) : null;
  if (read?.ok && cited.doi && read.value !== cited.doi)
    throw new CurationError(
      `${pair}: the reference read names DOI ${read.value}, not ${cited.doi}`,
    );
}

/** Every reference resolves inside the bundle; ids are unique across the whole graph. */
function checkReferences(b: GraphBundle): void {
  const ids = new Set<string>();
  for (const rec of [
    ...b.sources,
    ...b.statements,
    ...b.conditions,
    ...b.mechanisms,
    ...b.interventions,
    ...b.claims,
    ...b.studies,
    ...b.gaps,
    ...b.citations,
  ]) {
    if (ids.has(rec.id)) throw new CurationError(`duplicate id ${rec.id}`);
    ids.add(rec.id);
  }
  const has = (set: Array<{ id: string }>) => new Set(set.map((x) => x.id));
  const conditions = has(b.conditions);
  const claims = has(b.claims);
  const fail = (msg: string) => {
    throw new CurationError(msg);
  };
  for (const c of b.conditions)
    for (const x of c.broaderIds)
      if (!conditions.has(x)) fail(`condition ${c.id}: unknown broader ${x}`);
  for (const c of b.claims) {
    for (const x of c.conditionIds)
      if (!conditions.has(x)) fail(`claim ${c.id}: unknown condition ${x}`);
    for (const x of c.mechanismIds)
      if (!has(b.mechanisms).has(x)) fail(`claim ${c.id}: unknown mechanism ${x}`);
    if (c.interventionId && !has(b.interventions).has(c.interventionId))
      fail(`claim ${c.id}: unknown intervention ${c.interventionId}`);
  }
  for (const s of b.statements) {
    if (!claims.has(s.claimId)) fail(`statement ${s.id}: unknown claim ${s.claimId}`);
    if (codePointLength(s.quote) !== s.end - s.start)
      fail(`statement ${s.id}: offsets do not span the quote`);
  }
  for (const e of b.evidence)
    if (!claims.has(e.claimId)) fail(`evidence ${e.id}: unknown claim ${e.claimId}`);
  const statements = has(b.statements);
  for (const g of b.gaps) {
    if (!claims.has(g.claimId)) fail(`gap ${g.id}: unknown claim ${g.claimId}`);
    if (g.statementId && !statements.has(g.statementId))
      fail(`gap ${g.id}: unknown statement ${g.statementId}`);
  }
}

/**
 * One seeded source's curation as an importCuration input for the source `sourceId` (the same
 * text, created through the API): its statements (keyed by their seed ids, anchored from quote
 * and start), the claims they state (keyed and named by their seed ids: a stored claim is named,
 * an absent one created under that id), the evidence links of those claims (studies by DOI or
 * PMID), and their gaps (the uncited-assertion gaps of its statements, the no-study gaps of its
 * claims).
 */
export function curationOfSource(
  seedSourceId: string,
  sourceId: string,
  dir: string = SEEDS_DIR,
): ImportCurationInput {
  const cur = join(dir, 'curation');
  const source = readJson<CuratedSource[]>(cur, 'sources.json').find((s) => s.id === seedSourceId);
  if (!source) throw new CurationError(`no seeded source ${seedSourceId}`);
  const claimIds = new Set(source.statements.map((s) => s.claim));
  const statementIds = new Set(source.statements.map((s) => s.id));
  const claims = readJson<CuratedClaim[]>(cur, 'claims.json').filter((c) => claimIds.has(c.id));
  const links = readJson<CuratedEvidence[]>(cur, 'evidence.json').filter((e) =>
    claimIds.has(e.claim),
  );
  // Each link's indirectness as the seeder judges it (indirectness.json), found by claim and study.
  const seeded = loadCuration(dir);
  const studyKey = new Map(seeded.studies.map((s) => [s.id, [s.doi ?? '', s.pmid ?? '']]));
  const judged = (e: CuratedEvidence) => {
    const doi = e.study.doi ? normaliseDoi(e.study.doi) : null;
    const link = seeded.evidence.find((l) => {
      const [sDoi, sPmid] = studyKey.get(l.studyId) ?? ['', ''];
      return (
        l.claimId === e.claim &&
        (doi?.ok ? sDoi === doi.value : e.study.pmid !== undefined && sPmid === e.study.pmid)
      );
    });
    return link?.indirectness ?? [];
  };
  const gaps = readJson<CuratedGap[]>(cur, 'gaps.json').filter((g) =>
    g.statement ? statementIds.has(g.statement) : claimIds.has(g.claim),
  );
  return {
    sourceId,
    claims: claims.map((c) => ({
      key: c.id,
      id: c.id,
      text: c.text,
      kind: c.kind,
      interventionId: c.intervention,
      conditionIds: c.conditions,
      mechanismIds: c.mechanisms,
    })),
    statements: source.statements.map((s) => ({
      key: s.id,
      claim: s.claim,
      quote: s.quote,
      ...(s.start !== undefined ? { start: s.start, end: s.end } : {}),
      ...(s.occurrence !== undefined ? { occurrence: s.occurrence } : {}),
      hedging: s.hedging,
    })),
    links: links.map((e) => ({
      claim: e.claim,
      ...(e.study.doi ? { doi: e.study.doi } : { pmid: e.study.pmid }),
      relation: e.relation,
      note: e.note,
      indirectness: judged(e).map((d) => ({ domain: d.domain, reason: d.reason })),
    })),
    gaps: gaps.map((g) => ({
      key: g.id,
      claim: g.claim,
      kind: g.kind,
      description: g.description,
      ...(g.neededDesign ? { neededDesign: g.neededDesign } : {}),
      ...(g.statement ? { statement: g.statement } : {}),
    })),
  };
}
