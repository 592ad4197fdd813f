/**
 * Plans a bundle write for any store: which records are new, which differ from what is stored
 * (and, in replace mode, their next version), which are identical. Stores then apply the plan in
 * one transaction, so "what counts as a change" is decided once for both adapters.
 */
import { stableStringify } from '../common/stable-json';
import {
  AuditedKind,
  BundleAudit,
  EvidenceLinkRecord,
  EvidenceStore,
  GraphBundle,
  UpsertMode,
  RevisionRecord,
  UpsertResult,
} from './evidence-store.port';

export interface BundlePlan {
  /** Records to insert. */
  create: GraphBundle;
  /** Records to overwrite in place (createdAt kept, version + 1). Evidence links keep their id. */
  replace: GraphBundle;
  result: UpsertResult;
  /** One revision per created or replaced record, when the write is audited. */
  revisions: RevisionRecord[];
}

type Bookkept = { createdAt?: string; updatedAt?: string; version?: number };

/** Same content, ignoring bookkeeping fields (and a link's id, author and time). */
export function sameContent(a: object, b: object): boolean {
  const strip = (o: object) => {
    const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = o as Record<string, unknown>;
    return stableStringify(rest);
  };
  return strip(a) === strip(b);
}

function sameLink(a: EvidenceLinkRecord, b: EvidenceLinkRecord): boolean {
  return a.relation === b.relation && a.note === b.note && a.quote === b.quote;
}

export function emptyBundle(): GraphBundle {
  return {
    sources: [],
    conditions: [],
    mechanisms: [],
    interventions: [],
    claims: [],
    statements: [],
    studies: [],
    evidence: [],
    gaps: [],
    notices: [],
    citations: [],
  };
}

const VERSIONED = [
  'sources',
  'conditions',
  'mechanisms',
  'interventions',
  'claims',
  'statements',
  'studies',
  'gaps',
] as const;

export async function planBundle(
  store: EvidenceStore,
  bundle: GraphBundle,
  mode: UpsertMode,
  audit?: BundleAudit,
): Promise<BundlePlan> {
  const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id);
  const existing: Record<(typeof VERSIONED)[number], Map<string, object>> = {
    sources: byId(await store.getSources(ids(bundle.sources))),
    conditions: byId(await store.getConditions(ids(bundle.conditions))),
    mechanisms: byId(await store.getMechanisms(ids(bundle.mechanisms))),
    interventions: byId(await store.getInterventions(ids(bundle.interventions))),
    claims: byId(await store.getClaims(ids(bundle.claims))),
    statements: byId(await store.getStatements(ids(bundle.statements))),
    studies: byId(await store.getStudies(ids(bundle.studies))),
    gaps: byId(await store.getGaps(ids(bundle.gaps))),
  };
  const plan: BundlePlan = {
    create: emptyBundle(),
    replace: emptyBundle(),
    result: { created: 0, updated: 0, unchanged: 0, differing: 0 },
    revisions: [],
  };
  const r = plan.result;
  const record = (kind: AuditedKind, before: object | null, after: object) => {
    if (audit) plan.revisions.push(audit.revision(kind, before, after));
  };

  for (const kind of VERSIONED) {
    for (const rec of bundle[kind] as Array<{ id: string } & Bookkept>) {
      const prior = existing[kind].get(rec.id) as (Bookkept & object) | undefined;
      if (!prior) {
        (plan.create[kind] as object[]).push(rec);
        record(kind, null, rec);
        r.created++;
      } else if (sameContent(prior, rec)) r.unchanged++;
      else if (mode === 'create-missing') r.differing++;
      else {
        const next = { ...rec, createdAt: prior.createdAt, version: (prior.version ?? 0) + 1 };
        (plan.replace[kind] as object[]).push(next);
        record(kind, prior, next);
        r.updated++;
      }
    }
  }

  const links = new Map(
    (await store.evidenceByClaims([...new Set(bundle.evidence.map((x) => x.claimId))])).map((x) => [
      `${x.studyId}|${x.claimId}`,
      x,
    ]),
  );
  for (const rec of bundle.evidence) {
    const prior = links.get(`${rec.studyId}|${rec.claimId}`);
    if (!prior) {
      plan.create.evidence.push(rec);
      record('evidence', null, rec);
      r.created++;
    } else if (sameLink(prior, rec)) r.unchanged++;
    else if (mode === 'create-missing') r.differing++;
    else {
      const next: EvidenceLinkRecord = {
        ...prior,
        relation: rec.relation,
        note: rec.note,
        quote: rec.quote,
        updatedAt: rec.updatedAt,
        version: prior.version + 1,
      };
      plan.replace.evidence.push(next);
      record('evidence', prior, next);
      r.updated++;
    }
  }
  // Notices and citations are facts once recorded: new ones are created, known ids left alone.
  const notices = new Set(
    (await store.noticesByStudies([...new Set(bundle.notices.map((n) => n.studyId))])).map(
      (n) => n.id,
    ),
  );
  for (const rec of bundle.notices) {
    if (notices.has(rec.id)) r.unchanged++;
    else {
      plan.create.notices.push(rec);
      record('notices', null, rec);
      r.created++;
    }
  }
  const citations = new Set(
    (await store.citationsOf([...new Set(bundle.citations.map((c) => c.citingId))], 'cites')).map(
      (c) => c.id,
    ),
  );
  for (const rec of bundle.citations) {
    if (citations.has(rec.id)) r.unchanged++;
    else {
      plan.create.citations.push(rec);
      record('citations', null, rec);
      r.created++;
    }
  }
  return plan;
}

function byId<T extends { id: string }>(xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.id, x]));
}
